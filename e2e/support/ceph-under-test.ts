// The run's Ceph RADOS Gateway (production configuration), as scripts/test.ts describes it
// to the suites in GHARART_TEST_CEPH; null in the embedded configuration.
export interface CephUnderTest {
  endpoint: string;
  port: number;
  accessKeyId: string;
  secretAccessKey: string;
  /** S3 env for a server: internal endpoint on 127.0.0.1, browser-facing one on localhost. */
  env: Record<string, string>;
}

export function cephUnderTest(): CephUnderTest | null {
  const raw = process.env.GHARART_TEST_CEPH;
  if (!raw) return null;
  const { endpoint, port, accessKeyId, secretAccessKey } = JSON.parse(raw) as Omit<CephUnderTest, "env">;
  return {
    endpoint, port, accessKeyId, secretAccessKey,
    env: {
      STORAGE_DRIVER: "s3", S3_ENDPOINT: endpoint, S3_PUBLIC_ENDPOINT: `http://localhost:${port}`,
      S3_BUCKET: "gharart-files", S3_REGION: "us-east-1", S3_FORCE_PATH_STYLE: "true",
      S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey,
    },
  };
}
