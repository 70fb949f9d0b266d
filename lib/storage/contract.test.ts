// One contract, two drivers (the StorageDriver interface, lib/storage/types.ts): whatever the app relies on must hold for both.
// s3rver checks no signature: the storage-side refusals are proven on Ceph (ceph.test.ts).
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { resetConfigForTests } from "../config";
import { runContract } from "./contract-suite";
import { createLocalDriver } from "./local";
import { startLocalStorage } from "./local-test-server";
import { createS3Driver } from "./s3";

runContract("local", async () => {
  const local = await startLocalStorage();
  return { driver: createLocalDriver(), close: local.close };
});

runContract("s3", async () => {
  const directory = await mkdtemp(path.join(tmpdir(), "gharart-s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  delete process.env.S3_PUBLIC_ENDPOINT;
  Object.assign(process.env, {
    AUTH_SECRET: "test-secret-".padEnd(48, "x"), // else config() would create DATA_DIR/secrets.json
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: endpoint,
    S3_BUCKET: "gharart-contract",
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });
  resetConfigForTests();
  const admin = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  await admin.send(new CreateBucketCommand({ Bucket: "gharart-contract" }));
  admin.destroy();
  return {
    driver: createS3Driver(),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}, { suffixRanges: false, signatures: false, multipart: false });
