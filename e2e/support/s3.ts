import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { cephUnderTest } from "./ceph-under-test";

/**
 * A bucket for a suite and the env to use it: on the run's Ceph RADOS Gateway in the
 * production configuration (the servers' storage-setup creates it), on s3rver otherwise.
 */
export async function startS3(bucket = "gharart-e2e") {
  const ceph = cephUnderTest();
  if (ceph) {
    const env = { ...ceph.env, S3_BUCKET: `${bucket}-${randomBytes(3).toString("hex")}` };
    return { endpoint: env.S3_PUBLIC_ENDPOINT, env, close: async () => {} };
  }
  const directory = await mkdtemp(path.join(tmpdir(), "gharart-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return {
    endpoint,
    env: {
      STORAGE_DRIVER: "s3", S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: "true", S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER",
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
