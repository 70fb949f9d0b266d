import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

// Which row a docs URL may serve, against a real (embedded) database.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gharart-docs-store-"));
delete process.env.DATABASE_URL;
const { db, closeDb } = await import("../db/client");
const { ApiError } = await import("../http/errors");
const { findServableDoc, listServableDocs } = await import("./docs-store");

const HOUR = 3600_000;
let n = 0;
async function fileRow(handleId: string, docsPath: string, over: Record<string, unknown> = {}) {
  n += 1;
  return (await db()).file.create({
    data: {
      id: `fil_store${n}`, handleId, fileName: docsPath.split("/").pop()!, sizeBytes: BigInt(10), contentType: "text/markdown",
      accessMode: "PUBLIC", allowedEmails: [], status: "ready", objectKey: `files/${handleId}/obj${n}`, docsPath,
      uploadExpiresAt: new Date(Date.now() + HOUR), ...over,
    },
  });
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(() => "ok", (e: unknown) => (e instanceof ApiError ? `${e.status} ${e.code}` : String(e)));

before(async () => {
  const prisma = await db();
  await prisma.handle.create({ data: { id: "hdl_a", slug: "store-a" } });
  await prisma.handle.create({ data: { id: "hdl_b", slug: "store-b" } });
  await fileRow("hdl_a", "brand/guidelines.md");
  await fileRow("hdl_b", "brand/guidelines.md", { fileName: "b-secret.md" });
  await fileRow("hdl_b", "only-b.md");
  await fileRow("hdl_a", "old.md", { expiresAt: new Date(Date.now() - HOUR) });
  await fileRow("hdl_a", "uploading.md", { status: "pending" });
  await fileRow("hdl_a", "abandoned.md", { status: "pending", uploadExpiresAt: new Date(Date.now() - HOUR) });
  await fileRow("hdl_a", "swept.md", { objectDeletedAt: new Date() });
  await fileRow("hdl_a", "plain.pdf", { contentType: "application/pdf", docsPath: null });
});
after(closeDb);

describe("findServableDoc", () => {
  it("serves the row of this handle only, even when paths collide", async () => {
    const a = await findServableDoc("hdl_a", "brand/guidelines.md");
    assert.equal(a.handleId, "hdl_a");
    assert.notEqual(a.fileName, "b-secret.md");
    assert.equal(await codeOf(findServableDoc("hdl_a", "only-b.md")), "404 doc_not_found");
  });
  it("expired → 410, uploading → 409, abandoned or swept → 404, plain files are not docs", async () => {
    assert.equal(await codeOf(findServableDoc("hdl_a", "old.md")), "410 file_expired");
    assert.equal(await codeOf(findServableDoc("hdl_a", "uploading.md")), "409 upload_incomplete");
    assert.equal(await codeOf(findServableDoc("hdl_a", "abandoned.md")), "404 doc_not_found");
    assert.equal(await codeOf(findServableDoc("hdl_a", "swept.md")), "404 doc_not_found");
    assert.equal(await codeOf(findServableDoc("hdl_a", "plain.pdf")), "404 doc_not_found");
  });
});

describe("listServableDocs", () => {
  it("lists this handle's ready, live docs, sorted", async () => {
    assert.deepEqual((await listServableDocs("hdl_a")).map((d) => d.docsPath), ["brand/guidelines.md"]);
    assert.deepEqual((await listServableDocs("hdl_b")).map((d) => d.docsPath), ["brand/guidelines.md", "only-b.md"]);
  });
});
