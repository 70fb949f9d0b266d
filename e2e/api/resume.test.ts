import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { newTenant } from "../support/admin";
import { storageDriver } from "../support/env";
import { createFile, upload } from "../support/files";

// A 250 MB download cut in the middle resumes where it stopped (`curl -C -`), from the
// local driver or from S3, and ends with the exact bytes.
const SIZE = 250 * 1000 * 1000;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Incompressible enough and cheap to make: a random 1 MiB block with a counter per copy. */
function bigPayload(size: number): Buffer {
  const block = Buffer.from(createHash("sha512").update(String(Math.random())).digest("hex").repeat(8192)); // 1 MiB
  const out = Buffer.allocUnsafe(size);
  for (let offset = 0, n = 0; offset < size; offset += block.length, n++) {
    block.writeUInt32BE(n, 0);
    block.copy(out, offset, 0, Math.min(block.length, size - offset));
  }
  return out;
}

describe(`resumable downloads (${storageDriver} driver)`, () => {
  test("a cut 250 MB download resumes with curl -C - and the exact bytes", async () => {
    const tenant = await newTenant("resume");
    const bytes = bigPayload(SIZE);
    const created = await createFile(tenant, { fileName: "campaign-film.mp4", sizeBytes: SIZE, accessMode: "PUBLIC", contentType: "video/mp4" });
    assert.equal(await upload(created, bytes), 200);
    const redirect = await fetch(created.publicUrl, { redirect: "manual" });
    assert.equal(redirect.status, 302);
    const location = redirect.headers.get("location")!;

    // The first transfer: read ~40% and drop the connection, as a lost Wi-Fi would.
    const cut = new AbortController();
    const first = await fetch(location, { signal: cut.signal });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("accept-ranges"), "bytes");
    const received: Buffer[] = [];
    let got = 0;
    const reader = first.body!.getReader();
    while (got < SIZE * 0.4) {
      const { value, done } = await reader.read();
      if (done) break;
      received.push(Buffer.from(value));
      got += value.length;
    }
    cut.abort();
    await reader.cancel().catch(() => undefined);
    assert.ok(got > 0 && got < SIZE, `a partial first transfer (${got} bytes)`);

    const dir = mkdtempSync(path.join(os.tmpdir(), "gharart-resume-"));
    const file = path.join(dir, "campaign-film.mp4");
    try {
      writeFileSync(file, Buffer.concat(received));
      // curl asks for `Range: bytes=<size of file>-` and appends what it gets.
      const trace = execFileSync("curl", ["-sS", "--fail", "-C", "-", "-o", file, "-D", "-", location], { encoding: "utf8", maxBuffer: 1 << 20 });
      assert.match(trace, /^HTTP\/1\.1 206/m, "the server answered the range");
      assert.match(trace, new RegExp(`^content-range: bytes ${got}-${SIZE - 1}/${SIZE}`, "mi"));
      assert.equal(statSync(file).size, SIZE);
      assert.equal(sha256(readFileSync(file)), sha256(bytes), "identical bytes after the resume");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
