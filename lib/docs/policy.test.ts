import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";

// replaceDocsPolicy against a real (embedded) database: versions, CAS, audit trail.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gharart-docs-policy-"));
delete process.env.DATABASE_URL;
const { db, closeDb } = await import("../db/client");
const { ApiError } = await import("../http/errors");
const { docsPolicyInputSchema } = await import("../schemas/docs-policy");
const { docsPolicyView, loadDocsPolicy, replaceDocsPolicy } = await import("./policy");

const actor = { kind: "user" as const, userId: "usr_admin", email: "admin@acme.example", requestId: "req_test_1" };
const input = (body: Record<string, unknown>) => docsPolicyInputSchema.parse(body);
let handleId = "";

before(async () => {
  const prisma = await db();
  await prisma.user.create({ data: { id: "usr_admin", email: "admin@acme.example" } });
  handleId = (await prisma.handle.create({ data: { id: "hdl_policy", slug: "policy-co" } })).id;
});
after(closeDb);

const replace = (body: Record<string, unknown>, ifMatch: number | "*" | null = null) =>
  replaceDocsPolicy({ handleId, input: input(body), userId: "usr_admin", actor, ifMatch });

describe("replaceDocsPolicy", () => {
  it("no row is the default at version 0", async () => {
    const policy = await loadDocsPolicy(handleId);
    assert.equal(policy.mode, "MEMBERS");
    assert.equal(policy.confidential, true);
    assert.equal(policy.version, 0);
  });

  it("creates version 1, then bumps by one, recording who", async () => {
    const first = await replace({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.example.com"] });
    assert.equal(first.version, 1);
    const second = await replace({ mode: "PRIVATE" });
    assert.equal(second.version, 2);
    const stored = await loadDocsPolicy(handleId);
    assert.equal(stored.version, 2);
    assert.equal(stored.mode, "PRIVATE");
    assert.deepEqual(stored.allowedEmails, [], "PUT replaces the whole policy");
    const view = await docsPolicyView("policy-co", stored);
    assert.equal(view.updatedBy, "admin@acme.example");
  });

  it("audits docs_policy.updated with before and after", async () => {
    await replace({ mode: "MEMBERS" });
    const event = await (await db()).auditEvent.findFirst({ where: { handleId, action: "docs_policy.updated" }, orderBy: { createdAt: "desc" } });
    assert.ok(event);
    const detail = event.detail as { before: { mode: string }; after: { mode: string }; version: number };
    assert.equal(detail.before.mode, "PRIVATE");
    assert.equal(detail.after.mode, "MEMBERS");
    assert.equal(detail.version, 3);
    assert.equal(event.actorEmail, "admin@acme.example");
    assert.equal(event.requestId, "req_test_1");
  });

  it("If-Match pins the base: a stale version is 412 and changes nothing", async () => {
    const current = (await loadDocsPolicy(handleId)).version;
    await assert.rejects(replace({ mode: "PRIVATE" }, current - 1), (e: InstanceType<typeof ApiError>) => e.status === 412 && e.code === "precondition_failed");
    assert.equal((await loadDocsPolicy(handleId)).version, current);
    assert.equal((await replace({ mode: "PRIVATE" }, current)).version, current + 1);
  });

  it("racing writers on the same pinned base: exactly one wins", async () => {
    const base = (await loadDocsPolicy(handleId)).version;
    const results = await Promise.allSettled([replace({ mode: "MEMBERS" }, base), replace({ mode: "PRIVATE" }, base), replace({ mode: "MEMBERS" }, base)]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    assert.equal((await loadDocsPolicy(handleId)).version, base + 1);
  });

  it("unpinned racing writers all apply, one version each", async () => {
    const base = (await loadDocsPolicy(handleId)).version;
    await Promise.all([replace({ mode: "MEMBERS" }), replace({ mode: "MEMBERS" })]);
    assert.equal((await loadDocsPolicy(handleId)).version, base + 2);
  });

  it("refuses too-permissive policies before writing", async () => {
    const before = (await loadDocsPolicy(handleId)).version;
    await assert.rejects(replace({ mode: "PUBLIC" }), (e: InstanceType<typeof ApiError>) => e.status === 422);
    await assert.rejects(replace({ mode: "EMAIL_ALLOWLIST", allowedDomains: ["gmail.com"] }), (e: InstanceType<typeof ApiError>) => e.status === 422);
    assert.equal((await loadDocsPolicy(handleId)).version, before);
  });
});
