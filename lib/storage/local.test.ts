// What only the local driver can prove (s3rver checks neither signatures nor lengths):
// the signed URL is bound to method, key, size, type and time, bodies stream to disk and
// are durable before 200, downloads resume (Range), and CORS serves the app's origin only.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { clock } from "../clock";
import { resetConfigForTests } from "../config";
import { objectKeyFor, resetStorageForTests } from "./index";
import { createLocalDriver, objectPath, syncDirectory } from "./local";
import { handleLocalPut, parseRange } from "./local-http";
import { NEXT_VARY, startLocalStorage } from "./local-test-server";
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

/** Uploads `bytes` through a signed URL and answers the key and a download URL for it. */
async function stored(bytes: Buffer, contentType = "application/octet-stream"): Promise<{ key: string; url: string }> {
  const key = objectKeyFor("hdl_local");
  const upload = await driver.presignUpload(key, bytes.length, contentType, 900);
  assert.equal((await put(upload.url, bytes, contentType)).status, 200);
  return { key, url: await driver.presignDownload(key, { fileName: "kit.zip", contentType: "application/zip", ttlSec: 300 }) };
}

/** Status and headers of an answer, minus those that change from one request to the next. */
async function answerOf(res: Response): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const headers = Object.fromEntries(res.headers);
  for (const name of ["date", "connection", "keep-alive"]) delete headers[name];
  return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("local driver: Range parsing", () => {
  const size = 1000;
  const cases: [string | undefined, ReturnType<typeof parseRange>][] = [
    [undefined, null],
    ["bytes=0-0", { start: 0, end: 0 }],
    ["bytes=10-19", { start: 10, end: 19 }],
    ["bytes=990-5000", { start: 990, end: 999 }],
    ["bytes=500-", { start: 500, end: 999 }],
    ["bytes=-1", { start: 999, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["Bytes=1-2", { start: 1, end: 2 }],
    ["bytes= 1-2 ,", { start: 1, end: 2 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=1000-1005", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=99999999999999999999999-", "unsatisfiable"],
    ["bytes=5-2", null],
    ["bytes=abc", null],
    ["bytes=-", null],
    ["bytes=", null],
    ["bytes=1 - 2", null],
    ["bytes=0x10-20", null],
    ["items=0-5", null],
    ["0-5", null],
    ["bytes=0-1,5-6", null],
    ["bytes=0-1,1000-", null],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseRange(header, size), expected);
    });
  }
});

describe("local driver: ranges and resumable downloads", () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 7); // spans several 1 MiB reads
  let url: string;
  let etag: string;
  before(async () => {
    ({ url } = await stored(bytes));
    const res = await fetch(url);
    etag = res.headers.get("etag")!;
    await res.arrayBuffer();
  });

  it("answers 206 with the exact bytes for a-b, a- and -n, keeping every download header", async () => {
    const size = bytes.length;
    const forms: [string, number, number][] = [
      ["bytes=0-0", 0, 0],
      ["bytes=1048570-2097160", 1048570, 2097160],
      [`bytes=100-${size + 5000}`, 100, size - 1],
      [`bytes=${size - 3}-`, size - 3, size - 1],
      ["bytes=2000000-", 2000000, size - 1],
      ["bytes=-10", size - 10, size - 1],
      [`bytes=-${size + 1}`, 0, size - 1],
    ];
    for (const [range, start, end] of forms) {
      const res = await answerOf(await fetch(url, { headers: { range } }));
      assert.equal(res.status, 206, range);
      assert.equal(res.headers["content-range"], `bytes ${start}-${end}/${size}`, range);
      assert.equal(res.headers["content-length"], String(end - start + 1), range);
      assert.equal(res.body.length, end - start + 1, range);
      assert.ok(res.body.equals(bytes.subarray(start, end + 1)), `${range}: the exact bytes`);
      assert.equal(res.headers["accept-ranges"], "bytes");
      assert.equal(res.headers.etag, etag);
      assert.equal(res.headers["content-type"], "application/zip");
      assert.equal(res.headers["content-disposition"], `attachment; filename="kit.zip"; filename*=UTF-8''kit.zip`);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      assert.equal(res.headers["content-security-policy"], "sandbox; default-src 'none'");
      assert.equal(res.headers["cache-control"], "private, no-store");
    }
  });

  it("answers 416 with Content-Range bytes */size when no byte of the range exists", async () => {
    for (const range of [`bytes=${bytes.length}-`, `bytes=${bytes.length + 10}-${bytes.length + 20}`, "bytes=-0"]) {
      const res = await answerOf(await fetch(url, { headers: { range } }));
      assert.equal(res.status, 416, range);
      assert.equal(res.headers["content-range"], `bytes */${bytes.length}`, range);
      assert.deepEqual(JSON.parse(res.body.toString()), { error: "InvalidRange" });
    }
  });

  it("ignores malformed and multiple ranges: 200 with the whole body", async () => {
    for (const range of ["bytes=abc", "bytes=5-2", "items=0-5", "bytes=", "bytes=0-1,5-6", "bytes=--1"]) {
      const res = await answerOf(await fetch(url, { headers: { range } }));
      assert.equal(res.status, 200, range);
      assert.equal(res.headers["content-range"], undefined, range);
      assert.equal(res.headers["content-length"], String(bytes.length), range);
      assert.equal(sha256(res.body), sha256(bytes), range);
    }
  });

  it("If-Range: the current ETag keeps the range; another ETag, a weak one or a date sends it all", async () => {
    const kept = await answerOf(await fetch(url, { headers: { range: "bytes=5-9", "if-range": etag } }));
    assert.equal(kept.status, 206);
    assert.ok(kept.body.equals(bytes.subarray(5, 10)));

    const otherLast = etag.at(-2) === "0" ? "1" : "0";
    const others = ['"0-0"', `W/${etag}`, `${etag.slice(0, -2)}${otherLast}"`, new Date(Date.now() + 3600_000).toUTCString()];
    for (const ifRange of others) {
      const res = await answerOf(await fetch(url, { headers: { range: "bytes=5-9", "if-range": ifRange } }));
      assert.equal(res.status, 200, ifRange);
      assert.equal(res.headers["content-range"], undefined, ifRange);
      assert.equal(res.body.length, bytes.length, ifRange);
    }
  });

  it("keeps a strong, quoted ETag stable across requests, and gives another object another one", async () => {
    assert.match(etag, /^"[^"]+"$/);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(url, { method: i === 1 ? "HEAD" : "GET" });
      assert.equal(res.headers.get("etag"), etag);
      await res.arrayBuffer();
    }
    const other = await stored(randomBytes(bytes.length));
    const res = await fetch(other.url, { method: "HEAD" });
    assert.notEqual(res.headers.get("etag"), etag);
  });

  it("answers HEAD with what GET answers, ranges included, and no body", async () => {
    const variants: Record<string, string>[] = [{}, { range: "bytes=0-9" }, { range: "bytes=-5" }, { range: `bytes=${bytes.length}-` }, { range: "bytes=1-2", "if-range": '"x"' }];
    for (const headers of variants) {
      const get = await answerOf(await fetch(url, { headers }));
      const head = await answerOf(await fetch(url, { method: "HEAD", headers }));
      assert.equal(head.status, get.status, JSON.stringify(headers));
      assert.deepEqual(head.headers, get.headers, JSON.stringify(headers));
      assert.equal(head.body.length, 0);
    }
  });

  it("serves 24 downloads at once byte-exact (their reads shrink), and closes the file of one cut short", async () => {
    const big = randomBytes(5 * 1024 * 1024 + 3);
    const object = await stored(big);
    const fetched = await Promise.all(Array.from({ length: 24 }, async () => Buffer.from(await (await fetch(object.url)).arrayBuffer())));
    for (const body of fetched) assert.equal(sha256(body), sha256(big));

    // Descriptors of this process open on the object's file (the server runs in this process).
    const file = objectPath(object.key);
    const openFiles = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    const before = openFiles();
    await new Promise<void>((resolve, reject) => {
      const req = http.get(object.url, (res) => {
        res.once("data", () => req.destroy()); // gone after the first bytes
        res.on("error", () => undefined);
      });
      req.on("error", () => undefined);
      req.on("close", resolve);
      setTimeout(() => reject(new Error("the cut download did not close")), 5000).unref();
    });
    for (let i = 0; i < 50 && openFiles() > before; i++) await sleep(20);
    assert.equal(openFiles(), before, "the object's file handle was closed");
  });

  it("lets the real curl resume a cut download with -C - (same sha256 as stored)", async (t) => {
    const curl = await promisify(execFile)("curl", ["--version"]).catch(() => null);
    if (!curl) return t.skip("no curl binary");
    const big = randomBytes(20 * 1024 * 1024 + 11);
    const object = await stored(big);
    const direct = new URL(object.url);
    // A proxy that forwards the download and then drops the connection mid-body.
    const cutAfter = 7 * 1024 * 1024 + 13;
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(direct.port), direct.hostname);
      let forwarded = 0;
      client.pipe(upstream);
      upstream.on("data", (chunk: Buffer) => {
        const room = cutAfter - forwarded;
        forwarded += chunk.length;
        if (chunk.length < room) return void client.write(chunk);
        client.end(chunk.subarray(0, room), () => client.destroy());
        upstream.destroy();
      });
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const dir = await mkdtemp(path.join(tmpdir(), "gharart-resume-"));
    const file = path.join(dir, "kit.zip");
    try {
      const viaProxy = new URL(object.url);
      viaProxy.port = String((proxy.address() as net.AddressInfo).port);
      const cut = await promisify(execFile)("curl", ["-sS", "-o", file, viaProxy.href]).then(() => 0, (err: { code: number }) => err.code);
      assert.equal(cut, 18, "curl saw a partial transfer (exit 18)");
      const partial = (await stat(file)).size;
      assert.ok(partial > 1024 * 1024 && partial < big.length, `partial file of ${partial} bytes`);

      const { stdout } = await promisify(execFile)("curl", ["-sS", "-C", "-", "-o", file, "-w", "%{http_code}", object.url]);
      assert.equal(stdout, "206", "curl resumed with a range request");
      assert.equal(sha256(await readFile(file)), sha256(big));
    } finally {
      proxy.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("local driver: served by the HTTP front, not Next", () => {
  it("never carries Next's Vary headers, whatever the answer", async () => {
    const bytes = randomBytes(100);
    const key = objectKeyFor("hdl_local");
    const upload = await driver.presignUpload(key, bytes.length, "text/plain", 900);
    const downloadUrl = await driver.presignDownload(key, { fileName: "a.txt", contentType: "text/plain", ttlSec: 60 });
    const answers = [
      await put(upload.url, bytes, "text/plain"), // 200
      await put(upload.url, bytes, "text/plain"), // 412
      await put(upload.url, bytes, "text/html"), // 403
      await fetch(downloadUrl), // 200
      await fetch(downloadUrl, { method: "HEAD" }),
      await fetch(downloadUrl, { headers: { range: "bytes=1-2" } }), // 206
      await fetch(downloadUrl, { headers: { range: "bytes=100-" } }), // 416
      await fetch(`${local.url}/storage/not-a-token`), // 403
      await fetch(await driver.presignDownload(objectKeyFor("hdl_local"), { fileName: "x", contentType: "text/plain", ttlSec: 60 })), // 404
      await fetch(downloadUrl, { method: "OPTIONS", headers: { origin: "https://elsewhere.test" } }), // 403
      await fetch(downloadUrl, { method: "POST" }), // 405
    ];
    const statuses = [];
    for (const res of answers) {
      statuses.push(res.status);
      assert.doesNotMatch(res.headers.get("vary") ?? "", /rsc|next-router/i, `${res.status} ${res.url}`);
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 412, 403, 200, 200, 206, 416, 403, 404, 403, 405]);
    // The harness's stand-in for Next does add it: the assertion above can fail.
    assert.equal((await fetch(`${local.url}/not-storage`)).headers.get("vary"), NEXT_VARY);
  });

  it("answers 405 with Allow for other methods", async () => {
    const { key, url } = await stored(randomBytes(10));
    for (const method of ["DELETE", "POST", "PATCH"]) {
      const res = await fetch(url, { method });
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get("allow"), "GET, HEAD, PUT, OPTIONS");
    }
    assert.ok(await driver.stat(key), "still there");
  });

  it("answers 404 to every /storage request with STORAGE_DRIVER=s3", async () => {
    const bytes = randomBytes(10);
    const key = objectKeyFor("hdl_local");
    const upload = await driver.presignUpload(key, bytes.length, "text/plain", 900);
    const { url } = await stored(randomBytes(10));
    Object.assign(process.env, { STORAGE_DRIVER: "s3", S3_BUCKET: "gharart-unused" });
    resetConfigForTests();
    resetStorageForTests(); // lib/storage/index.ts owns the driver choice
    try {
      assert.equal((await fetch(url)).status, 404);
      assert.equal((await fetch(url, { method: "HEAD" })).status, 404);
      assert.equal((await put(upload.url, bytes, "text/plain")).status, 404);
      assert.equal((await fetch(url, { method: "OPTIONS", headers: { origin: process.env.APP_URL! } })).status, 404);
    } finally {
      process.env.STORAGE_DRIVER = "local";
      delete process.env.S3_BUCKET;
      resetConfigForTests();
      resetStorageForTests();
    }
    assert.equal(await driver.stat(key), null, "the PUT wrote nothing");
  });
});

describe("local driver: CORS for the app's origin when storage has its own (LOCAL_STORAGE_PUBLIC_URL)", () => {
  const appOrigin = "http://app.gharart.test:3000";
  let savedAppUrl: string | undefined;
  before(() => {
    savedAppUrl = process.env.APP_URL;
    Object.assign(process.env, { APP_URL: `${appOrigin}/`, LOCAL_STORAGE_PUBLIC_URL: local.url });
    resetConfigForTests();
  });
  after(() => {
    process.env.APP_URL = savedAppUrl;
    delete process.env.LOCAL_STORAGE_PUBLIC_URL;
    resetConfigForTests();
  });

  const corsOf = (res: Response) =>
    Object.fromEntries([...res.headers].filter(([name]) => name.startsWith("access-control-") || name === "vary"));
  const preflight = (url: string, origin: string) =>
    fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "PUT", "access-control-request-headers": "content-type" } });

  it("answers the app's preflight with 204 and exactly the allowed methods and headers", async () => {
    const { url } = await driver.presignUpload(objectKeyFor("hdl_local"), 10, "application/pdf", 900);
    assert.ok(url.startsWith(`${local.url}/storage/`), "upload URLs are on the storage origin");
    const res = await preflight(url, appOrigin);
    assert.equal(res.status, 204);
    assert.deepEqual(corsOf(res), {
      "access-control-allow-origin": appOrigin,
      "access-control-allow-methods": "GET, HEAD, PUT",
      "access-control-allow-headers": "content-type, if-none-match, range",
      "access-control-expose-headers": "ETag, Content-Length, Content-Range, Accept-Ranges",
      "access-control-max-age": "600",
      vary: "Origin",
    });
  });

  it("refuses a preflight from any other origin with 403 and no Allow-* headers", async () => {
    const { url } = await driver.presignUpload(objectKeyFor("hdl_local"), 10, "application/pdf", 900);
    for (const origin of ["https://evil.test", "http://app.gharart.test:3001", "https://app.gharart.test:3000", local.url, "null", "*"]) {
      const res = await preflight(url, origin);
      assert.equal(res.status, 403, origin);
      assert.deepEqual(corsOf(res), {}, origin);
      await res.arrayBuffer();
    }
    const bare = await fetch(url, { method: "OPTIONS" });
    assert.equal(bare.status, 403);
    assert.deepEqual(corsOf(bare), {});
  });

  it("marks PUT, GET and HEAD answers for the app's origin, errors included, and nothing for others", async () => {
    const bytes = randomBytes(64);
    const key = objectKeyFor("hdl_local");
    const { url } = await driver.presignUpload(key, bytes.length, "application/pdf", 900);
    const allowed = { "access-control-allow-origin": appOrigin, "access-control-expose-headers": "ETag, Content-Length, Content-Range, Accept-Ranges", vary: "Origin" };
    const send = (origin: string, contentType = "application/pdf") =>
      fetch(url, { method: "PUT", headers: { origin, "content-type": contentType }, body: bytes });

    const wrongType = await send(appOrigin, "text/html");
    assert.equal(wrongType.status, 403);
    assert.deepEqual(corsOf(wrongType), allowed, "403");
    const created = await send(appOrigin);
    assert.equal(created.status, 200);
    assert.deepEqual(corsOf(created), allowed, "200");
    const again = await send(appOrigin);
    assert.equal(again.status, 412);
    assert.deepEqual(corsOf(again), allowed, "412");
    const foreign = await send("https://evil.test");
    assert.equal(foreign.status, 412);
    assert.deepEqual(corsOf(foreign), {}, "another origin");

    const downloadUrl = await driver.presignDownload(key, { fileName: "a.pdf", contentType: "application/pdf", ttlSec: 60 });
    for (const method of ["GET", "HEAD"]) {
      const mine = await fetch(downloadUrl, { method, headers: { origin: appOrigin, range: "bytes=0-1" } });
      assert.equal(mine.status, 206);
      assert.deepEqual(corsOf(mine), allowed, method);
      const theirs = await fetch(downloadUrl, { method, headers: { origin: "https://evil.test" } });
      assert.deepEqual(corsOf(theirs), {}, method);
      await Promise.all([mine.arrayBuffer(), theirs.arrayBuffer()]);
    }
    const missing = await fetch(`${local.url}/storage/x.y`, { headers: { origin: appOrigin } });
    assert.equal(missing.status, 403);
    assert.deepEqual(corsOf(missing), allowed, "403 on GET");
  });

  it("sends no CORS headers when storage shares the app's origin", async () => {
    const { url } = await driver.presignUpload(objectKeyFor("hdl_local"), 4, "text/plain", 900);
    process.env.APP_URL = local.url;
    resetConfigForTests();
    try {
      const res = await preflight(url, local.url);
      assert.equal(res.status, 403, "a same-origin page never preflights");
      assert.deepEqual(corsOf(res), {});
      const putRes = await fetch(url, { method: "PUT", headers: { origin: local.url, "content-type": "text/plain" }, body: "abcd" });
      assert.equal(putRes.status, 200);
      assert.deepEqual(corsOf(putRes), {});
    } finally {
      process.env.APP_URL = `${appOrigin}/`;
      resetConfigForTests();
    }
  });
});

describe("local driver: an upload answered 200 is durable", () => {
  it("has the complete object and its sidecar on disk as soon as 200 arrives", async () => {
    const bytes = randomBytes(5 * 1024 * 1024 + 1);
    const key = objectKeyFor("hdl_local");
    const { url } = await driver.presignUpload(key, bytes.length, "application/pdf", 900);
    assert.equal((await put(url, bytes, "application/pdf")).status, 200);
    const file = path.join(local.dataDir, "objects", key);
    assert.equal(sha256(await readFile(file)), sha256(bytes));
    assert.deepEqual(JSON.parse(await readFile(`${file}.meta.json`, "utf8")), { contentType: "application/pdf", size: bytes.length });
    assert.deepEqual(tmpFiles(), []);
  });

  it("syncDirectory fsyncs a directory and fails loudly when it cannot", async () => {
    await syncDirectory(local.dataDir);
    await assert.rejects(syncDirectory(path.join(local.dataDir, "no-such-dir")), { code: "ENOENT" });
  });

  it("fsyncs data, then links it, then fsyncs the directory, all before answering 200 (seen by strace)", async (t) => {
    const strace = await promisify(execFile)("strace", ["-o", "/dev/null", "true"]).catch(() => null);
    if (!strace) return t.skip("strace is not available (or ptrace is not permitted)");
    const dir = await mkdtemp(path.join(tmpdir(), "gharart-strace-"));
    try {
      const script = path.join(dir, "put.mts");
      await writeFile(
        script,
        `import { startLocalStorage } from ${JSON.stringify(path.resolve("lib/storage/local-test-server.ts"))};
import { createLocalDriver } from ${JSON.stringify(path.resolve("lib/storage/local.ts"))};
const local = await startLocalStorage();
const { url } = await createLocalDriver().presignUpload("files/hdl_strace/object", 4096, "application/pdf", 60);
const res = await fetch(url, { method: "PUT", headers: { "content-type": "application/pdf" }, body: new Uint8Array(4096) });
console.log(JSON.stringify({ status: res.status, dataDir: local.dataDir }));
await local.close();
`,
      );
      const log = path.join(dir, "strace.log");
      const traced = "fsync,fdatasync,link,linkat,rename,renameat,renameat2,write,writev,sendmsg";
      const { stdout } = await promisify(execFile)("strace", ["-f", "-y", "-s", "24", "-o", log, "-e", `trace=${traced}`, process.execPath, "--import", "tsx", script]);
      const { status, dataDir } = JSON.parse(stdout.trim().split("\n").pop()!) as { status: number; dataDir: string };
      assert.equal(status, 200);
      const lines = (await readFile(log, "utf8")).split("\n");
      const objects = path.join(dataDir, "objects");
      const objectDir = path.join(objects, "files", "hdl_strace");
      const at = (what: string, pattern: RegExp, from = 0) => {
        const index = lines.findIndex((line, i) => i >= from && pattern.test(line));
        assert.ok(index >= 0, `${what} not found in the strace log`);
        return index;
      };
      const quoted = (p: string) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const dataSync = at("fsync of the data", new RegExp(`fsync\\(\\d+<${quoted(objects)}/\\.tmp/[0-9a-f-]{36}>`));
      const metaSync = at("fsync of the sidecar", new RegExp(`fsync\\(\\d+<${quoted(objects)}/\\.tmp/[0-9a-f-]{36}\\.meta>`));
      const rename = at("rename of the sidecar", new RegExp(`rename.*"${quoted(objectDir)}/object\\.meta\\.json"`));
      const link = at("link of the data", new RegExp(`link.*"${quoted(objectDir)}/object"`));
      const dirSync = at("fsync of the object's directory", new RegExp(`fsync\\(\\d+<${quoted(objectDir)}>`), link);
      const answered = at("the 200 answer", /HTTP\/1\.1 200/);
      assert.ok(dataSync < link, "data synced before it is linked in");
      assert.ok(metaSync < rename, "sidecar synced before it is renamed in");
      assert.ok(rename < dirSync && link < dirSync, "directory synced after both names exist");
      assert.ok(dirSync < answered, "all of it before the 200");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
