// One contract, two drivers (SPEC section 6): whatever the app relies on must hold for both.
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import S3rver from "s3rver";
import { resetConfigForTests } from "../config";
import { objectKeyFor } from "./index";
import { createLocalDriver } from "./local";
import { startLocalStorage } from "./local-test-server";
import { createS3Driver } from "./s3";
import type { StorageDriver } from "./types";

type Harness = { driver: StorageDriver; close: () => Promise<void> };

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function runContract(name: string, makeDriver: () => Promise<Harness>): void {
  describe(`storage contract: ${name}`, () => {
    let harness: Harness;
    let driver: StorageDriver;
    before(async () => {
      harness = await makeDriver();
      driver = harness.driver;
    });
    after(() => harness?.close());

    /** Uploads through the presigned URL exactly as a browser would. */
    async function upload(key: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<void> {
      const signed = await driver.presignUpload(key, bytes.length, contentType, 900);
      assert.equal(signed.method, "PUT");
      assert.equal(signed.headers["Content-Type"], contentType);
      assert.ok(signed.expiresAt.getTime() > Date.now() + 800_000, "upload URL lives ~15 minutes");
      const res = await fetch(signed.url, { method: "PUT", headers: signed.headers, body: bytes });
      assert.equal(res.status, 200, await res.text());
    }

    it("reports its name", () => {
      assert.equal(driver.name, name);
    });

    it("stores a presigned PUT of the exact bytes and reports its size and type", async () => {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(100 * 1024 + 7);
      assert.equal(await driver.stat(key), null);
      await upload(key, bytes, "application/pdf");
      assert.deepEqual(await driver.stat(key), { size: bytes.length, contentType: "application/pdf" });
    });

    it("serves the exact bytes as an RFC 6266 attachment through a download URL", async () => {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(64 * 1024 + 3);
      await upload(key, bytes, "image/png");
      const url = await driver.presignDownload(key, {
        fileName: 'Q3 "final" 日本.png',
        contentType: "image/png",
        ttlSec: 300,
      });
      assert.match(url, /^https?:\/\//, "absolute URL");
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), "same bytes back");
      const disposition = res.headers.get("content-disposition") ?? "";
      assert.match(disposition, /^attachment;/);
      assert.match(disposition, /filename="Q3 _final_ __\.png"/);
      assert.ok(disposition.includes("filename*=UTF-8''Q3%20%22final%22%20%E6%97%A5%E6%9C%AC.png"), disposition);
      assert.equal(res.headers.get("content-type"), "image/png");
    });

    it("answers null for a key that was never written", async () => {
      assert.equal(await driver.stat(objectKeyFor("hdl_contract")), null);
      assert.equal(await driver.read(objectKeyFor("hdl_contract")), null);
    });

    it("deletes idempotently", async () => {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(2048);
      await upload(key, bytes, "text/plain");
      const url = await driver.presignDownload(key, { fileName: "a.txt", contentType: "text/plain", ttlSec: 60 });
      await driver.delete(key);
      assert.equal(await driver.stat(key), null);
      await driver.delete(key);
      await driver.delete(objectKeyFor("hdl_contract"));
      assert.equal(await driver.stat(key), null);
      assert.equal((await fetch(url)).status, 404, "a deleted object is not served");
    });

    it("streams an object to the server with read()", async () => {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(300 * 1024 + 11);
      await upload(key, bytes, "text/markdown");
      const object = await driver.read(key);
      assert.ok(object);
      assert.equal(object.size, bytes.length);
      assert.equal(object.contentType, "text/markdown");
      assert.ok((await bytesOf(object.body)).equals(bytes), "same bytes streamed");
    });

    it("passes its health check", async () => {
      await driver.checkHealth();
    });
  });
}

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
});
