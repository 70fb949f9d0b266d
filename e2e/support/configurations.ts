import { randomBytes } from "node:crypto";
import { cephAvailable, startCephS3 } from "./ceph";
import { cephUnderTest } from "./ceph-under-test";
import { startFakeResend } from "./fake-resend";
import { startPostgres } from "./postgres";

// The deployments the suites run on (TEST_CONFIG):
// - embedded: PGlite + local disk + outbox, what `npm start` runs;
// - production: PostgreSQL + Ceph RGW (signature-checking S3) with downloads from a second
//   origin (S3_PUBLIC_ENDPOINT on `localhost`, APP_URL on 127.0.0.1) + Resend against a
//   local fake;
// - local-second-origin: embedded, but local-driver URLs on a second origin
//   (LOCAL_STORAGE_PUBLIC_URL = http://localhost:<port>, APP_URL = http://127.0.0.1:<port>).
export type ConfigurationName = "embedded" | "production" | "local-second-origin";

export interface Configuration {
  name: ConfigurationName;
  /** For the HTTP/browser suites and every server they start. */
  env: Record<string, string>;
  /** For unit tests: the database and the S3 server, not the app's storage/mail choice. */
  unitEnv: Record<string, string>;
  summary: string;
  stop(): Promise<void>;
}

export function configurationName(raw = process.env.TEST_CONFIG ?? "embedded"): ConfigurationName {
  if (raw === "embedded" || raw === "production" || raw === "local-second-origin") return raw;
  throw new Error(`TEST_CONFIG must be embedded, production or local-second-origin (got "${raw}")`);
}

export async function prepareConfiguration(name: ConfigurationName): Promise<Configuration> {
  if (name === "embedded") {
    return { name, env: {}, unitEnv: {}, summary: "PGlite + local disk + outbox", stop: async () => {} };
  }
  if (name === "local-second-origin") {
    return {
      name, env: { GHARART_TEST_SECOND_ORIGIN: "1" }, unitEnv: {},
      summary: "PGlite + local disk on a second origin (LOCAL_STORAGE_PUBLIC_URL=http://localhost:<port>) + outbox", stop: async () => {},
    };
  }
  if (!cephAvailable()) throw new Error("TEST_CONFIG=production needs Ceph: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common");
  const stops: (() => Promise<void> | void)[] = [];
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startPostgres();
      stops.push(() => pg.destroy());
      databaseUrl = pg.url;
    }
    const ceph = await startCephS3();
    stops.push(() => ceph.stop());
    const resend = await startFakeResend();
    stops.push(() => resend.close());
    const cephJson = JSON.stringify({ endpoint: ceph.endpoint, port: ceph.port, accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey });
    process.env.GHARART_TEST_CEPH = cephJson; // so cephUnderTest() below (and in children) sees it
    const database = {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    };
    return {
      name,
      env: {
        ...database,
        ...cephUnderTest()!.env,
        GHARART_TEST_CEPH: cephJson,
        RESEND_API_KEY: resend.apiKey,
        RESEND_BASE_URL: resend.url,
        RESEND_REQUESTS_PER_SECOND: "1000", // the fake has no plan limit; the suites send a lot
        EMAIL_FROM: "Gharart Files <files@mail.example.com>",
        GHARART_TEST_MAILBOX_DIR: resend.mailDir,
      },
      unitEnv: { ...database, GHARART_TEST_CEPH: cephJson },
      summary: `PostgreSQL + Ceph RGW ${ceph.endpoint} (browser-facing http://localhost:${ceph.port}) + Resend fake ${resend.url}`,
      stop: async () => {
        for (const stop of stops.reverse()) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
}
