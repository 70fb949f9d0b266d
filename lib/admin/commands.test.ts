import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";

// The admin CLI and the API go through the same services, so they leave the same trail:
// `npm run admin -- create-token` on a real embedded database (no server running, so the
// CLI opens it itself), then the database read back in this process.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "gharart-admin-"));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, STORAGE_DRIVER: "local" };
delete env.DATABASE_URL;

function npmAdmin(...args: string[]) {
  const run = spawnSync("npm", ["run", "--silent", "admin", "--", ...args], { env, encoding: "utf8", timeout: 600_000 }); // slow on a busy 2-core machine
  assert.equal(run.status, 0, run.stderr || `npm run admin -- ${args[0]}: ${run.signal ?? "no exit status"}`);
  return run.stdout.trim().split("\n").at(-1)!;
}

describe("admin CLI and API behave alike", () => {
  process.env.DATA_DIR = dataDir;
  process.env.STORAGE_DRIVER = "local";
  delete process.env.DATABASE_URL;
  after(async () => (await import("../db/client")).closeDb());

  it("create-token leaves a token.created audit row, like POST …/tokens", async () => {
    npmAdmin("create-handle", "--handle", "cli-audit", "--owner", "owner@cli.example.com");
    const token = npmAdmin("create-token", "--handle", "cli-audit", "--email", "owner@cli.example.com", "--scopes", "files.read");
    assert.match(token, /^ghf_/);
    const { db } = await import("../db/client");
    const prisma = await db();
    const handle = await prisma.handle.findUniqueOrThrow({ where: { slug: "cli-audit" } });
    const pat = await prisma.accessToken.findFirstOrThrow({ where: { handleId: handle.id } });
    const rows = await prisma.auditEvent.findMany({ where: { handleId: handle.id, action: "token.created" } });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].actorKind, "system");
    assert.deepEqual(rows[0].detail, { tokenId: pat.id });
  });

  it("only owners add owners, whoever calls addMember", async () => {
    const { addMember } = await import("../handles/handles");
    const { systemActor } = await import("../audit/audit");
    const { db } = await import("../db/client");
    const handle = await (await db()).handle.findUniqueOrThrow({ where: { slug: "cli-audit" } });
    await assert.rejects(addMember(handle.id, "admin@cli.example.com", "OWNER", "ADMIN", systemActor), { status: 403, code: "forbidden" });
    const added = await addMember(handle.id, "co-owner@cli.example.com", "OWNER", "OWNER", systemActor);
    assert.equal(added.role, "OWNER");
  });

  it("addMember re-roles an existing owner only as changeMemberRole would", async () => {
    const { addMember } = await import("../handles/handles");
    const { systemActor } = await import("../audit/audit");
    const { db } = await import("../db/client");
    const prisma = await db();
    const handle = await prisma.handle.findUniqueOrThrow({ where: { slug: "cli-audit" } });
    // An ADMIN may not demote an owner by "adding" them again with a lower role.
    await assert.rejects(addMember(handle.id, "co-owner@cli.example.com", "VIEWER", "ADMIN", systemActor), { status: 403, code: "forbidden" });
    assert.equal((await addMember(handle.id, "co-owner@cli.example.com", "VIEWER", "OWNER", systemActor)).role, "VIEWER");
    const [lastOwner] = await prisma.membership.findMany({ where: { handleId: handle.id, role: "OWNER" }, include: { user: true } });
    await assert.rejects(addMember(handle.id, lastOwner.user.email, "ADMIN", "OWNER", systemActor), { status: 409, code: "last_owner" });
    assert.equal(await prisma.membership.count({ where: { handleId: handle.id, role: "OWNER" } }), 1);
  });
});
