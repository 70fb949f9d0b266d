import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

// The sweeper in-process on a real embedded database, with the app clock moved forward.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gharart-sweep-"));
process.env.STORAGE_DRIVER = "local";
delete process.env.DATABASE_URL;

const { clock } = await import("../clock");
const { db, closeDb } = await import("../db/client");
const { createFile } = await import("./create-file");
const { runSweep } = await import("../sweeper/sweep");
const { acquireLease, releaseLease } = await import("../sweeper/lease");
const { storage } = await import("../storage");
const { systemActor } = await import("../audit/audit");

const realNow = clock.now;
const later = (ms: number) => () => new Date(Date.now() + ms);
let handle: { id: string; slug: string };

before(async () => {
  const prisma = await db();
  handle = await prisma.handle.create({ data: { id: "hdl_sweeptest", slug: "sweep-test" }, select: { id: true, slug: true } });
});
after(async () => {
  clock.now = realNow;
  await closeDb();
});

async function putObject(key: string, bytes: Buffer, contentType: string) {
  const upload = await storage().presignUpload(key, bytes.length, contentType, 60);
  const { handleLocalPut } = await import("../storage/local-http");
  const { verifyStorageToken } = await import("../storage/local-url");
  const token = new URL(upload.url).pathname.split("/").pop()!;
  const res = await handleLocalPut(new Request(upload.url, { method: "PUT", headers: { ...upload.headers, "content-length": String(bytes.length) }, body: bytes }), verifyStorageToken(token, "PUT")!);
  assert.equal(res.status, 200);
}

test("uploads never finished are removed once their URL is long expired", async () => {
  const created = await createFile(handle, { fileName: "never.txt", sizeBytes: 3, accessMode: "PUBLIC" }, systemActor);
  clock.now = later(10 * 60_000);
  await runSweep();
  assert.ok(await (await db()).file.findUnique({ where: { id: created.file.id } }), "still inside its upload window");
  clock.now = later(21 * 60_000);
  const report = await runSweep();
  assert.equal(report.ran, true);
  assert.ok(report.stalePendingDeleted >= 1);
  assert.equal(await (await db()).file.findUnique({ where: { id: created.file.id } }), null);
  clock.now = realNow;
});

test("a stale multipart upload is aborted (its parts removed) with its row; an active one is kept", async () => {
  const sizeBytes = 17 * 1024 * 1024; // above the default 16 MiB threshold
  const created = await createFile(handle, { fileName: "master.mov", sizeBytes, accessMode: "PUBLIC" }, systemActor);
  assert.ok("upload" in created && created.upload.method === "multipart");
  const row = (await (await db()).file.findUnique({ where: { id: created.file.id } }))!;
  assert.deepEqual(await storage().listParts(row.objectKey, created.upload.uploadId), [], "the upload exists, no part yet");
  clock.now = later(2 * 3600_000); // long past a single PUT's window, well inside the multipart one
  await runSweep();
  assert.ok(await (await db()).file.findUnique({ where: { id: created.file.id } }), "kept while the upload may resume");
  clock.now = later(25 * 3600_000);
  await runSweep();
  assert.equal(await (await db()).file.findUnique({ where: { id: created.file.id } }), null);
  assert.equal(await storage().listParts(row.objectKey, created.upload.uploadId), null, "AbortMultipartUpload: the parts are gone");
  clock.now = realNow;
});

test("a complete renews the upload's lease first: a late complete and the sweeper never both win", async () => {
  const { completeUpload } = await import("./multipart-upload");
  const created = await createFile(handle, { fileName: "late.mov", sizeBytes: 17 * 1024 * 1024, accessMode: "PUBLIC" }, systemActor);
  assert.ok("upload" in created && created.upload.method === "multipart");
  clock.now = later(25 * 3600_000); // the lease ran out; no sweep ran yet
  try {
    const parts = Array.from({ length: created.upload.partCount }, (_, i) => ({ partNumber: i + 1, etag: '"0123456789abcdef0123456789abcdef"' }));
    await assert.rejects(completeUpload(handle, created.file.id, { parts }, systemActor), { status: 400, code: "invalid_parts" });
    await runSweep();
    assert.ok(await (await db()).file.findUnique({ where: { id: created.file.id } }), "the complete renewed the lease: the sweep keeps the upload");
  } finally {
    clock.now = realNow;
  }
});

test("expired objects are kept for the grace window, then removed; the row stays as a tombstone", async () => {
  const bytes = Buffer.from("kit");
  const created = await createFile(handle, { fileName: "kit.txt", sizeBytes: 3, accessMode: "PUBLIC", expiresAt: new Date(Date.now() + 60_000).toISOString() }, systemActor);
  const row = (await (await db()).file.findUnique({ where: { id: created.file.id } }))!;
  await putObject(row.objectKey, bytes, "text/plain");
  clock.now = later(2 * 3600_000); // expired an hour ago: inside the default 72 h grace
  await runSweep();
  const seen = await (await db()).file.findUnique({ where: { id: created.file.id } });
  assert.equal(seen?.status, "ready", "an uploaded file is never swept as a stale pending upload");
  assert.ok(await storage().stat(row.objectKey), "kept during the grace window");
  clock.now = later(80 * 3600_000);
  const report = await runSweep();
  assert.ok(report.expiredObjectsDeleted >= 1);
  assert.equal(await storage().stat(row.objectKey), null);
  const tombstone = await (await db()).file.findUnique({ where: { id: created.file.id } });
  assert.ok(tombstone?.objectDeletedAt, "tombstone kept so links answer 410");
  clock.now = realNow;
});

test("one runner at a time: a held lease refuses a second holder until it expires", async () => {
  assert.equal(await acquireLease("test-job", 60, "instance-a"), true);
  assert.equal(await acquireLease("test-job", 60, "instance-b"), false);
  assert.equal(await acquireLease("test-job", 60, "instance-a"), true, "the holder renews");
  clock.now = later(61_000);
  assert.equal(await acquireLease("test-job", 60, "instance-b"), true, "an abandoned lease is taken over");
  clock.now = realNow;
  await releaseLease("test-job", "instance-b");
  assert.equal(await acquireLease("test-job", 60, "instance-a"), true);
  // Concurrent claims: exactly one wins.
  await releaseLease("test-job", "instance-a");
  const results = await Promise.all(["x", "y", "z", "w"].map((holder) => acquireLease("race", 60, holder)));
  assert.equal(results.filter(Boolean).length, 1);
});
