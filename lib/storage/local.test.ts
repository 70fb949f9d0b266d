// What only the local driver can prove (s3rver checks neither signatures nor lengths):
// the signed URL is bound to method, key, size, type and time, and bodies stream to disk.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { clock } from "../clock";
import { objectKeyFor } from "./index";
import { createLocalDriver, handleLocalPut } from "./local";
import { startLocalStorage } from "./local-test-server";
import { storageUrlFor, verifyStorageToken, type StorageTokenPayload } from "./local-url";

const driver = createLocalDriver();
let local: Awaited<ReturnType<typeof startLocalStorage>>;
before(async () => {
  local = await startLocalStorage();
});
after(() => local.close());

const tmpDir = () => path.join(local.dataDir, "objects", ".tmp");
const tmpFiles = () => (existsSync(tmpDir()) ? readdirSync(tmpDir()) : []);

function put(url: string, body: Uint8Array<ArrayBuffer>, contentType: string): Promise<Response> {
  return fetch(url, { method: "PUT", headers: { "Content-Type": contentType }, body });
}

async function download(key: string): Promise<Buffer> {
  const res = await fetch(await driver.presignDownload(key, { fileName: "f.bin", contentType: "application/pdf", ttlSec: 60 }));
  assert.equal(res.status, 200);
  return Buffer.from(await res.arrayBuffer());
}

/** Replaces one character of a token part with a different base64url character. */
function flipChar(part: string, at: number): string {
  const replacement = part[at] === "A" ? "B" : "A";
  return part.slice(0, at) + replacement + part.slice(at + 1);
}

describe("local driver: the signed upload URL", () => {
  it("refuses more or fewer bytes than signed, and leaves no object", async () => {
    const key = objectKeyFor("hdl_local");
    const bytes = randomBytes(4096);
    const { url } = await driver.presignUpload(key, bytes.length, "application/pdf", 900);

    assert.equal((await put(url, Buffer.concat([bytes, Buffer.from("x")]), "application/pdf")).status, 413);
    assert.equal((await put(url, bytes.subarray(1), "application/pdf")).status, 400);
    assert.equal(await driver.stat(key), null);
    assert.deepEqual(tmpFiles(), []);

    assert.equal((await put(url, bytes, "application/pdf")).status, 200, "a refused attempt does not burn the URL");
    assert.ok((await download(key)).equals(bytes));
  });

  it("counts the streamed bytes itself instead of trusting Content-Length", async () => {
    const key = objectKeyFor("hdl_local");
    const { url } = await driver.presignUpload(key, 1000, "application/pdf", 900);
    const payload = verifyStorageToken(new URL(url).pathname.split("/").pop()!, "PUT")!;
    const lying = (body: Buffer) =>
      new Request("http://storage.test/", {
        method: "PUT",
        headers: { "Content-Length": "1000", "Content-Type": "application/pdf" },
        body,
        duplex: "half",
      } as RequestInit);

    assert.equal((await handleLocalPut(lying(randomBytes(1500)), payload)).status, 413);
    assert.equal((await handleLocalPut(lying(randomBytes(999)), payload)).status, 400);
    assert.equal(await driver.stat(key), null);
    assert.deepEqual(tmpFiles(), []);
  });

  it("requires a Content-Length (411 for a chunked body)", async () => {
    const key = objectKeyFor("hdl_local");
    const { url } = await driver.presignUpload(key, 3, "text/plain", 900);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("abc"));
        controller.close();
      },
    });
    const res = await fetch(url, { method: "PUT", headers: { "Content-Type": "text/plain" }, body, duplex: "half" } as RequestInit);
    assert.equal(res.status, 411);
    assert.equal(await driver.stat(key), null);
  });

  it("refuses any other Content-Type with 403", async () => {
    const key = objectKeyFor("hdl_local");
    const bytes = randomBytes(100);
    const { url } = await driver.presignUpload(key, bytes.length, "application/pdf", 900);
    assert.equal((await put(url, bytes, "text/html")).status, 403);
    assert.equal((await put(url, bytes, "application/pdf; charset=utf-8")).status, 403);
    assert.equal((await fetch(url, { method: "PUT", body: bytes })).status, 403, "no Content-Type at all");
    assert.equal(await driver.stat(key), null);
  });

  it("refuses tampered tokens with 403", async () => {
    const key = objectKeyFor("hdl_local");
    const bytes = randomBytes(100);
    const { url } = await driver.presignUpload(key, bytes.length, "text/plain", 900);
    const base = url.slice(0, url.lastIndexOf("/") + 1);
    const [encoded, signature] = url.slice(base.length).split(".");
    const payload = JSON.parse(Buffer.from(encoded, "base64url").toString()) as StorageTokenPayload;
    const reencode = (p: object) => Buffer.from(JSON.stringify(p)).toString("base64url");

    const forged = [
      `${flipChar(encoded, 5)}.${signature}`,
      `${encoded}.${flipChar(signature, 0)}`,
      `${encoded}.${flipChar(signature, signature.length - 1)}`,
      `${reencode({ ...payload, exp: payload.exp + 3600 })}.${signature}`,
      `${reencode({ ...payload, s: 101 })}.${signature}`,
      `${reencode({ ...payload, k: objectKeyFor("hdl_other") })}.${signature}`,
      `${encoded}.${signature.slice(0, -1)}`,
      `${encoded}.${signature}A`,
      `${encoded}.`,
      `${encoded}`,
      `${encoded}.${signature}.x`,
      "x",
    ];
    for (const token of forged) {
      assert.equal(verifyStorageToken(token, "PUT"), null, token);
      const res = await put(base + token, bytes, "text/plain");
      assert.equal(res.status, 403, token);
    }
    assert.equal(await driver.stat(key), null);
    assert.equal((await put(url, bytes, "text/plain")).status, 200, "the genuine token still works");
  });

  it("expires: 403 once exp has passed, valid the second before", async () => {
    const key = objectKeyFor("hdl_local");
    const bytes = randomBytes(10);
    const realNow = clock.now;
    try {
      const mintedAt = Date.now() - 20 * 60_000; // minted 20 minutes ago, for 15 minutes
      clock.now = () => new Date(mintedAt);
      const stale = await driver.presignUpload(key, bytes.length, "text/plain", 900);
      clock.now = realNow;
      assert.equal((await put(stale.url, bytes, "text/plain")).status, 403);
      assert.equal(await driver.stat(key), null);

      const fresh = await driver.presignUpload(key, bytes.length, "text/plain", 900);
      const token = fresh.url.split("/").pop()!;
      const exp = fresh.expiresAt.getTime();
      clock.now = () => new Date(exp - 1000);
      assert.ok(verifyStorageToken(token, "PUT"));
      clock.now = () => new Date(exp);
      assert.equal(verifyStorageToken(token, "PUT"), null);
    } finally {
      clock.now = realNow;
    }
  });

  it("never overwrites: a second PUT gets 412 and the first bytes stay", async () => {
    const key = objectKeyFor("hdl_local");
    const first = randomBytes(512);
    const second = randomBytes(512);
    const { url } = await driver.presignUpload(key, first.length, "application/pdf", 900);
    assert.equal((await put(url, first, "application/pdf")).status, 200);
    assert.equal((await put(url, second, "application/pdf")).status, 412);
    const again = await driver.presignUpload(key, second.length, "text/html", 900);
    assert.equal((await put(again.url, second, "text/html")).status, 412, "a new URL for the same key neither");
    assert.ok((await download(key)).equals(first));
    assert.deepEqual(await driver.stat(key), { size: 512, contentType: "application/pdf" });
  });

  it("keeps methods apart: a download URL cannot upload, an upload URL cannot download", async () => {
    const key = objectKeyFor("hdl_local");
    const bytes = randomBytes(64);
    const upload = await driver.presignUpload(key, bytes.length, "text/plain", 900);
    const downloadUrl = await driver.presignDownload(key, { fileName: "a.txt", contentType: "text/plain", ttlSec: 60 });
    assert.equal((await put(downloadUrl, bytes, "text/plain")).status, 403);
    assert.equal(await driver.stat(key), null);
    assert.equal((await put(upload.url, bytes, "text/plain")).status, 200);
    assert.equal((await fetch(upload.url)).status, 403);
  });
});

describe("local driver: keys", () => {
  const bad = ["../x", "objects/../../etc", "/etc/passwd", "objects//x", "objects/.tmp/x", "objects/a b", "objects/x/", "", "objects\\..\\x", "objects/%2e%2e/x"];

  it("refuses anything but a plain server-made key", async () => {
    for (const key of bad) {
      await assert.rejects(driver.presignUpload(key, 10, "text/plain", 900), /Invalid storage object key/, key);
      await assert.rejects(driver.presignDownload(key, { fileName: "x", contentType: "text/plain", ttlSec: 60 }), key);
      await assert.rejects(driver.stat(key), key);
      await assert.rejects(driver.delete(key), key);
    }
  });

  it("refuses a signed token whose key escapes the objects root", async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    for (const k of ["../../escaped", "objects/../../../escaped"]) {
      const res = await put(storageUrlFor({ m: "PUT", k, s: 3, ct: "text/plain", exp }), Buffer.from("abc"), "text/plain");
      assert.equal(res.status, 403, k);
      assert.equal((await fetch(storageUrlFor({ m: "GET", k: "../secrets.json", exp }))).status, 403);
    }
    assert.equal(existsSync(path.join(local.dataDir, "escaped")), false);
    assert.equal(existsSync(path.join(local.dataDir, "..", "escaped")), false);
  });
});

describe("local driver: downloads", () => {
  it("serves attachment headers that forbid rendering, on GET and HEAD; 404 when missing", async () => {
    const key = objectKeyFor("hdl_local");
    const html = Buffer.from("<script>alert(1)</script>");
    const { url } = await driver.presignUpload(key, html.length, "text/html", 900);
    assert.equal((await put(url, html, "text/html")).status, 200);
    const downloadUrl = await driver.presignDownload(key, { fileName: "x.html", contentType: "application/octet-stream", ttlSec: 60 });

    for (const method of ["GET", "HEAD"]) {
      const res = await fetch(downloadUrl, { method });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/octet-stream");
      assert.equal(res.headers.get("content-length"), String(html.length));
      assert.equal(res.headers.get("content-disposition"), `attachment; filename="x.html"; filename*=UTF-8''x.html`);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("content-security-policy"), "sandbox; default-src 'none'");
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      const body = Buffer.from(await res.arrayBuffer());
      assert.ok(method === "GET" ? body.equals(html) : body.length === 0);
    }

    const missing = await driver.presignDownload(objectKeyFor("hdl_local"), { fileName: "x", contentType: "text/plain", ttlSec: 60 });
    assert.equal((await fetch(missing)).status, 404);
  });
});

describe("local driver: streaming", () => {
  /** PUTs `total` generated bytes chunk by chunk, honouring backpressure; returns status and sha256. */
  function streamUpload(
    url: string,
    total: number,
    contentType: string,
    { abortAfter, beforeAbort }: { abortAfter?: number; beforeAbort?: () => Promise<void> } = {},
  ): Promise<{ status: number; sha256: string } | "aborted"> {
    return new Promise((resolve, reject) => {
      const hash = createHash("sha256");
      const req = http.request(url, { method: "PUT", headers: { "Content-Type": contentType, "Content-Length": total } });
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, sha256: hash.digest("hex") }));
      });
      req.on("error", (err) => (abortAfter !== undefined ? resolve("aborted") : reject(err)));
      const chunk = randomBytes(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          if (abortAfter !== undefined && sent >= abortAfter) {
            // Vanish mid-body, once the server has started writing what it got.
            void (beforeAbort ?? (() => sleep(200)))().then(() => req.destroy());
            return;
          }
          const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
          chunk[0] = (chunk[0] + 1) & 0xff; // every chunk differs, so the hash proves order too
          hash.update(piece);
          sent += piece.length;
          if (!req.write(piece)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
  }

  it("streams a 50 MiB upload to disk without holding it in memory", async () => {
    const key = objectKeyFor("hdl_local");
    const total = 50 * 1024 * 1024;
    const { url } = await driver.presignUpload(key, total, "application/octet-stream", 900);
    // Warm up first: the first large stream grows V8's young generation and buffer pools
    // once (~20 MiB whatever the size), which is not per-upload buffering.
    const warmUp = await driver.presignUpload(objectKeyFor("hdl_local"), 16 * 1024 * 1024, "application/octet-stream", 900);
    assert.notEqual(await streamUpload(warmUp.url, 16 * 1024 * 1024, "application/octet-stream"), "aborted");

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let result;
    try {
      result = await streamUpload(url, total, "application/octet-stream");
    } finally {
      clearInterval(sampler);
    }
    if (result === "aborted") assert.fail("upload aborted");
    assert.equal(result.status, 200);
    const growthMiB = (peak - baseline) / 1024 / 1024;
    assert.ok(growthMiB < 40, `RSS grew by ${growthMiB.toFixed(1)} MiB while streaming 50 MiB`);

    assert.deepEqual(await driver.stat(key), { size: total, contentType: "application/octet-stream" });
    const onDisk = createHash("sha256").update(await readFile(path.join(local.dataDir, "objects", key))).digest("hex");
    assert.equal(onDisk, result.sha256, "the stored bytes are the sent bytes");
  });

  it("leaves neither object nor temp file when the client disconnects halfway", async () => {
    const key = objectKeyFor("hdl_local");
    const total = 8 * 1024 * 1024;
    const { url } = await driver.presignUpload(key, total, "application/octet-stream", 900);
    let sawTempFile = false;
    const tempFileAppears = async () => {
      for (let i = 0; i < 200 && !sawTempFile; i++) {
        sawTempFile = tmpFiles().length > 0;
        if (!sawTempFile) await sleep(10);
      }
    };
    const result = await streamUpload(url, total, "application/octet-stream", {
      abortAfter: total / 2,
      beforeAbort: tempFileAppears,
    });
    assert.equal(result, "aborted");
    assert.ok(sawTempFile, "the upload had started writing before the client vanished");

    const deadline = Date.now() + 5_000;
    while (tmpFiles().length > 0 && Date.now() < deadline) await sleep(25);
    assert.deepEqual(tmpFiles(), [], "temp file removed");
    assert.equal(await driver.stat(key), null);
    assert.equal(existsSync(path.join(local.dataDir, "objects", key)), false);
  });
});
