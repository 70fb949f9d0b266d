import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { newTenant } from "../support/admin";
import { storageDriver } from "../support/env";
import { assertProblem, call, fetchApi } from "../support/http";
import { startAppServer } from "../support/server";

// Resumable uploads (docs/architecture.md): an operator raises MAX_FILE_BYTES and a 1 GiB file goes up in parts and
// comes back byte for byte, on the local driver or Ceph RGW. Its own server (the limit is
// configuration); the bytes are generated per part, never held whole in this process.
const MiB = 1024 * 1024;
const SIZE = 1024 * MiB;
const PART = 64 * MiB;
const block = randomBytes(MiB);

/** MiB number n of the file: the random block stamped with n, so no two MiB are alike. */
function mebibyte(n: number): Buffer {
  const copy = Buffer.from(block);
  copy.writeUInt32BE(n, 0);
  return copy;
}
const partBytes = (partNumber: number) =>
  Buffer.concat(Array.from({ length: PART / MiB }, (_, i) => mebibyte((partNumber - 1) * (PART / MiB) + i)));

describe(`a 1 GiB multipart upload with MAX_FILE_BYTES raised (${storageDriver} driver)`, () => {
  test("uploads in 16 parts, completes, and downloads with the same sha256", { timeout: 600_000 }, async () => {
    const server = await startAppServer({
      SWEEP_INTERVAL_SECONDS: "0", MAX_FILE_BYTES: String(2 * 1024 * MiB), MULTIPART_PART_BYTES: String(PART),
    });
    try {
      const tenant = await newTenant("gib", { url: server.url, dataDir: server.dataDir });
      const filesUrl = `${server.url}/v2/handles/${tenant.handle}/files`;
      assertProblem(await call(filesUrl, { method: "POST", token: tenant.token, body: { fileName: "x.mov", sizeBytes: 2 * 1024 * MiB + 1, accessMode: "PUBLIC" } }), 400, "invalid_size_bytes");
      const created = await call(filesUrl, { method: "POST", token: tenant.token, body: { fileName: "master.mov", sizeBytes: SIZE, accessMode: "PUBLIC", contentType: "video/quicktime" } });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual({ partSize: created.json.upload.partSize, partCount: created.json.upload.partCount }, { partSize: PART, partCount: 16 });
      const fileUrl = `${filesUrl}/${created.json.file.id}`;
      const numbers = Array.from({ length: 16 }, (_, i) => i + 1);
      const signed = await call(`${fileUrl}/upload-parts`, { method: "POST", token: tenant.token, body: { partNumbers: numbers } });
      assert.equal(signed.status, 200);

      const queue = [...(signed.json.parts as { partNumber: number; url: string; headers: Record<string, string> }[])];
      const etags: string[] = [];
      const started = Date.now();
      const worker = async () => {
        for (let part = queue.shift(); part; part = queue.shift()) {
          const res = await fetch(part.url, { method: "PUT", headers: part.headers, body: partBytes(part.partNumber) });
          assert.equal(res.status, 200, await res.text());
          etags[part.partNumber - 1] = res.headers.get("etag")!;
        }
      };
      await Promise.all([worker(), worker()]);
      const uploadedMs = Date.now() - started;
      const done = await call(`${fileUrl}/complete`, { method: "POST", token: tenant.token, body: { parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) } });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.json.status, "ready");
      assert.equal(done.json.sizeBytes, SIZE);
      const completedMs = Date.now() - started - uploadedMs;

      const expected = createHash("sha256");
      for (let n = 0; n < SIZE / MiB; n++) expected.update(mebibyte(n));
      const redirect = await fetchApi(created.json.publicUrl, { redirect: "manual" });
      assert.equal(redirect.status, 302);
      const response = await fetch(redirect.headers.get("location")!);
      assert.equal(response.status, 200);
      const got = createHash("sha256");
      let size = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        got.update(chunk);
        size += chunk.length;
      }
      assert.equal(size, SIZE);
      assert.equal(got.digest("hex"), expected.digest("hex"), "the same 1 GiB back");
      console.log(`1 GiB multipart (${storageDriver}): parts ${uploadedMs} ms, complete ${completedMs} ms`);
      await call(fileUrl, { method: "DELETE", token: tenant.token }); // frees Ceph's memstore for the suites after
    } finally {
      await server.stop();
    }
  });
});
