// Test helper (not a test): the one storage contract (SPEC section 6) that every driver
// must keep, run by contract.test.ts (local, s3rver) and ceph.test.ts (Ceph RGW).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { objectKeyFor } from "./index";
import type { StorageDriver } from "./types";

export type Harness = { driver: StorageDriver; close: () => Promise<void> };

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What a quick stand-in server cannot do (s3rver gets suffix ranges wrong). */
export interface ContractLimits {
  suffixRanges?: false;
}

export function runContract(name: string, makeDriver: () => Promise<Harness>, limits: ContractLimits = {}): void {
  describe(`storage contract: ${name}${limits.suffixRanges === false ? " (s3rver)" : ""}`, () => {
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

    it("copies an object to a new key; URLs signed for the old key die with it", async () => {
      const from = objectKeyFor("hdl_contract");
      const to = objectKeyFor("hdl_contract");
      const bytes = randomBytes(4096);
      await upload(from, bytes, "application/zip");
      const oldUrl = await driver.presignDownload(from, { fileName: "kit.zip", contentType: "application/zip", ttlSec: 60 });
      assert.equal(await driver.copy(from, to), true);
      await driver.delete(from);
      assert.deepEqual(await driver.stat(to), { size: bytes.length, contentType: "application/zip" });
      assert.equal((await fetch(oldUrl)).status, 404, "the old key's URL no longer serves");
      const newUrl = await driver.presignDownload(to, { fileName: "kit.zip", contentType: "application/zip", ttlSec: 60 });
      const res = await fetch(newUrl);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(bytes), "same bytes under the new key");
      assert.equal(await driver.copy(objectKeyFor("hdl_contract"), objectKeyFor("hdl_contract")), false, "nothing to copy");
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

    it("serves byte ranges so a cut download resumes (206, ETag, If-Range, 416)", async () => {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(256 * 1024 + 5);
      await upload(key, bytes, "application/zip");
      const url = await driver.presignDownload(key, { fileName: "kit.zip", contentType: "application/zip", ttlSec: 300 });
      const full = await fetch(url);
      assert.equal(full.status, 200);
      assert.equal(full.headers.get("accept-ranges"), "bytes");
      const etag = full.headers.get("etag");
      assert.match(etag ?? "", /^"[^"]+"$/, "a strong ETag");
      await full.arrayBuffer();

      const rest = await fetch(url, { headers: { range: "bytes=1000-" } });
      assert.equal(rest.status, 206);
      assert.equal(rest.headers.get("content-range"), `bytes 1000-${bytes.length - 1}/${bytes.length}`);
      assert.ok(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(1000)));
      if (limits.suffixRanges !== false) {
        const tail = await fetch(url, { headers: { range: "bytes=-10" } });
        assert.equal(tail.status, 206);
        assert.ok(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10)));
      }
      const same = await fetch(url, { headers: { range: "bytes=5-9", "if-range": etag! } });
      assert.equal(same.status, 206, "If-Range with the current ETag keeps the range");
      assert.ok(Buffer.from(await same.arrayBuffer()).equals(bytes.subarray(5, 10)));
      const beyond = await fetch(url, { headers: { range: `bytes=${bytes.length}-` } });
      assert.equal(beyond.status, 416);
      await beyond.arrayBuffer();
    });

    it("passes its health check", async () => {
      await driver.checkHealth();
    });
  });
}
