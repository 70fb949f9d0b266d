// Test helper (not a test): the one storage contract (lib/storage/types.ts) that every driver
// must keep, run by contract.test.ts (local, s3rver) and ceph.test.ts (Ceph RGW).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { objectKeyFor } from "./index";
import { InvalidPartsError, type StorageDriver } from "./types";

export type Harness = { driver: StorageDriver; close: () => Promise<void> };

async function bytesOf(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What a quick stand-in server cannot do (s3rver gets suffix ranges wrong). */
export interface ContractLimits {
  suffixRanges?: false;
  /** s3rver checks no signature, so no signed part size either. */
  signatures?: false;
  /** s3rver lacks ListParts and AbortMultipartUpload: multipart is proven on Ceph RGW. */
  multipart?: false;
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

    // ---- Multipart uploads (resumable uploads: docs/architecture.md, upload lifecycle) ----
    const MiB = 1024 * 1024;
    const multipartSkip = { skip: limits.multipart === false ? "s3rver has no ListParts/AbortMultipartUpload (proven on Ceph RGW)" : false };

    /** PUTs one part through a freshly presigned URL, as the dashboard does; answers the ETag. */
    async function putPart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
      const signed = await driver.presignPart(key, uploadId, partNumber, bytes.length, 900);
      assert.equal(signed.method, "PUT");
      const res = await fetch(signed.url, { method: "PUT", headers: signed.headers, body: bytes });
      assert.equal(res.status, 200, await res.text());
      const etag = res.headers.get("etag");
      assert.match(etag ?? "", /^"[^"]+"$/, "each part answers a quoted ETag");
      return etag!;
    }

    /** Three parts (5 MiB, 5 MiB, the rest) of a fresh upload, none sent yet. */
    async function newUpload(contentType = "video/mp4") {
      const key = objectKeyFor("hdl_contract");
      const bytes = randomBytes(10 * MiB + 4099);
      const parts = [bytes.subarray(0, 5 * MiB), bytes.subarray(5 * MiB, 10 * MiB), bytes.subarray(10 * MiB)];
      return { key, bytes, parts, contentType, uploadId: await driver.createMultipart(key, contentType) };
    }

    async function assertStored(key: string, bytes: Buffer, contentType: string) {
      assert.deepEqual(await driver.stat(key), { size: bytes.length, contentType });
      const object = await driver.read(key);
      assert.ok(object && (await bytesOf(object.body)).equals(bytes), "the assembled object holds exactly the bytes, in order");
    }

    it("multipart: parts sent in any order assemble into the exact bytes", multipartSkip, async () => {
      const up = await newUpload();
      const etags: string[] = [];
      for (const i of [2, 0, 1]) etags[i] = await putPart(up.key, up.uploadId, i + 1, up.parts[i]);
      assert.equal(await driver.stat(up.key), null, "no object before complete");
      const listed = await driver.listParts(up.key, up.uploadId);
      assert.deepEqual(listed, up.parts.map((p, i) => ({ partNumber: i + 1, size: p.length, etag: etags[i] })));
      const result = await driver.completeMultipart(up.key, up.uploadId, etags.map((etag, i) => ({ partNumber: i + 1, etag })));
      assert.equal(result, "completed");
      await assertStored(up.key, up.bytes, up.contentType);
      assert.equal(await driver.listParts(up.key, up.uploadId), null, "the upload is gone once complete");
      // A repeated complete: RGW (like AWS, for a while) answers it again, the local driver "no_upload"; the object stays.
      const again = await driver.completeMultipart(up.key, up.uploadId, etags.map((etag, i) => ({ partNumber: i + 1, etag })));
      assert.ok(["completed", "no_upload"].includes(again), again);
      await assertStored(up.key, up.bytes, up.contentType);
    });

    it("multipart: a wrong ETag list is refused (InvalidPartsError), nothing stored, the upload still completes", multipartSkip, async () => {
      const up = await newUpload("application/zip");
      const etags = [];
      for (let i = 0; i < 3; i++) etags.push(await putPart(up.key, up.uploadId, i + 1, up.parts[i]));
      const wrong = etags.map((etag, i) => ({ partNumber: i + 1, etag: i === 1 ? `"${"0".repeat(32)}"` : etag }));
      await assert.rejects(driver.completeMultipart(up.key, up.uploadId, wrong), InvalidPartsError);
      const swapped = [{ partNumber: 1, etag: etags[1] }, { partNumber: 2, etag: etags[0] }, { partNumber: 3, etag: etags[2] }];
      await assert.rejects(driver.completeMultipart(up.key, up.uploadId, swapped), InvalidPartsError);
      assert.equal(await driver.stat(up.key), null);
      assert.equal((await driver.listParts(up.key, up.uploadId))?.length, 3, "the parts are kept for a correct list");
      assert.equal(await driver.completeMultipart(up.key, up.uploadId, etags.map((etag, i) => ({ partNumber: i + 1, etag }))), "completed");
      await assertStored(up.key, up.bytes, up.contentType);
    });

    it("multipart: a part that was never sent is refused (InvalidPartsError)", multipartSkip, async () => {
      const up = await newUpload();
      const first = await putPart(up.key, up.uploadId, 1, up.parts[0]);
      const last = await putPart(up.key, up.uploadId, 3, up.parts[2]);
      await assert.rejects(
        driver.completeMultipart(up.key, up.uploadId, [{ partNumber: 1, etag: first }, { partNumber: 2, etag: first }, { partNumber: 3, etag: last }]),
        InvalidPartsError,
      );
      assert.equal(await driver.stat(up.key), null);
      await driver.abortMultipart(up.key, up.uploadId);
    });

    it("multipart: abort drops the parts; part URLs minted before are refused; abort is idempotent", multipartSkip, async () => {
      const up = await newUpload();
      await putPart(up.key, up.uploadId, 1, up.parts[0]);
      const later = await driver.presignPart(up.key, up.uploadId, 2, up.parts[1].length, 900);
      await driver.abortMultipart(up.key, up.uploadId);
      assert.equal(await driver.listParts(up.key, up.uploadId), null);
      const res = await fetch(later.url, { method: "PUT", headers: later.headers, body: up.parts[1] });
      assert.equal(res.status, 404, "NoSuchUpload");
      await res.arrayBuffer();
      await driver.abortMultipart(up.key, up.uploadId);
      assert.equal(await driver.stat(up.key), null);
    });

    it("multipart: resume after a dropped part by listing the stored parts", multipartSkip, async () => {
      const up = await newUpload();
      const first = await putPart(up.key, up.uploadId, 1, up.parts[0]);
      // Part 2 is cut in the middle, as a lost connection would.
      const cut = new AbortController();
      const signed = await driver.presignPart(up.key, up.uploadId, 2, up.parts[1].length, 900);
      const half = up.parts[1].subarray(0, 2 * MiB);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(half);
          setTimeout(() => cut.abort(), 200);
        },
      });
      await fetch(signed.url, {
        method: "PUT", body, duplex: "half", signal: cut.signal,
        headers: { ...signed.headers, "content-length": String(up.parts[1].length) },
      } as RequestInit).then((r) => r.arrayBuffer()).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      const listed = await driver.listParts(up.key, up.uploadId);
      assert.deepEqual(listed?.map((p) => p.partNumber), [1], "only the whole part is stored");
      assert.equal(listed![0].etag, first);
      // The client sends only what is missing, through fresh URLs.
      const second = await putPart(up.key, up.uploadId, 2, up.parts[1]);
      const third = await putPart(up.key, up.uploadId, 3, up.parts[2]);
      const all = (await driver.listParts(up.key, up.uploadId))!;
      assert.deepEqual(all.map((p) => p.etag), [first, second, third]);
      await driver.completeMultipart(up.key, up.uploadId, all.map(({ partNumber, etag }) => ({ partNumber, etag })));
      await assertStored(up.key, up.bytes, up.contentType);
    });

    it("multipart: a part of another size than signed is refused", { skip: limits.signatures === false || limits.multipart === false ? "s3rver checks no signature" : false }, async () => {
      const up = await newUpload();
      const signed = await driver.presignPart(up.key, up.uploadId, 1, up.parts[0].length, 900);
      for (const body of [up.parts[0].subarray(1), Buffer.concat([up.parts[0], Buffer.from("x")])]) {
        const res = await fetch(signed.url, { method: "PUT", headers: signed.headers, body });
        assert.ok([400, 403, 413].includes(res.status), `refused (${res.status})`);
        await res.arrayBuffer();
      }
      assert.deepEqual(await driver.listParts(up.key, up.uploadId), []);
      await driver.abortMultipart(up.key, up.uploadId);
    });

    it("passes its health check", async () => {
      await driver.checkHealth();
    });
  });
}
