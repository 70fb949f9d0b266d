import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gharart-idem-"));
delete process.env.DATABASE_URL;
const { clock } = await import("../clock");
const { closeDb } = await import("../db/client");
const { withIdempotency, parseIdempotencyKey } = await import("./idempotency");
const { ApiError } = await import("./errors");

const realNow = clock.now;
after(async () => {
  clock.now = realNow;
  await closeDb();
});

const scope = (key: string, body = "{}") => ({ principal: "usr_1", method: "POST", path: "/v2/x", key, body });

const { db } = await import("../db/client");

// A write through db(), as services make them: a support report with a given summary.
async function writeReport(summary: string) {
  await (await db()).supportReport.create({ data: { id: `rep_${Math.random().toString(36).slice(2)}`, summary, details: "unit", clientRequestId: "req_unit" } });
}
async function reports(summary: string) {
  return (await db()).supportReport.count({ where: { summary } });
}
async function record(key: string) {
  const { createHash } = await import("node:crypto");
  const scopeHash = createHash("sha256").update(["usr_1", "POST", "/v2/x", key].join("\n")).digest("hex");
  return (await db()).idempotencyRecord.findUnique({ where: { scopeHash } });
}

test("the fingerprint ignores JSON key order (at every depth), not values", async () => {
  let runs = 0;
  const run = async () => { runs++; return new Response("{}", { status: 201 }); };
  await withIdempotency(scope("order", '{"a":1,"b":{"c":2,"d":[{"e":3,"f":4}]}}'), run);
  const reordered = await withIdempotency(scope("order", '{ "b": {"d":[{"f":4,"e":3}],"c":2}, "a":1 }'), run);
  assert.equal(reordered.headers.get("idempotent-replayed"), "true");
  await assert.rejects(withIdempotency(scope("order", '{"b":{"c":2,"d":[{"e":3,"f":5}]},"a":1}'), run), (e: InstanceType<typeof ApiError>) => e.code === "idempotency_key_reused");
  await assert.rejects(withIdempotency(scope("order", '{"a":1,"b":{"c":2,"d":[{"f":4},{"e":3}]}}'), run), (e: InstanceType<typeof ApiError>) => e.code === "idempotency_key_reused");
  assert.equal(runs, 1);
});

test("20 concurrent requests with one key: one execution, one write, the others replay it", async () => {
  let runs = 0;
  const answers = await Promise.all(Array.from({ length: 20 }, () =>
    withIdempotency(scope("race"), async () => {
      runs++;
      await writeReport("race");
      await new Promise((r) => setTimeout(r, 20)); // keep the transaction open a while
      return new Response('{"id":"one"}', { status: 201 });
    })));
  assert.equal(runs, 1);
  assert.equal(await reports("race"), 1);
  assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
  assert.equal(answers.filter((a) => a.headers.get("idempotent-replayed") === "true").length, 19);
});

test("a transaction that throws leaves no record and no write; the retry runs once", async () => {
  let runs = 0;
  await assert.rejects(withIdempotency(scope("boom"), async () => {
    runs++;
    await writeReport("boom");
    throw new Error("crash after the write");
  }), /crash after the write/);
  assert.equal(await record("boom"), null);
  assert.equal(await reports("boom"), 0);
  const retried = await withIdempotency(scope("boom"), async () => { runs++; await writeReport("boom"); return new Response("{}", { status: 201 }); });
  assert.equal(retried.status, 201);
  assert.equal(await reports("boom"), 1);
  assert.equal(runs, 2);
});

test("refused (409, 5xx) outcomes are not stored and roll their writes back", async () => {
  for (const status of [409, 500]) {
    const key = `refused-${status}`;
    const refused = await withIdempotency(scope(key), async () => { await writeReport(key); return new Response("{}", { status }); });
    assert.equal(refused.status, status);
    assert.equal(await record(key), null);
    assert.equal(await reports(key), 0);
  }
});

test("a 'running' claim committed by an earlier version is taken over once its lock expired", async () => {
  const { createHash } = await import("node:crypto");
  const scopeHash = createHash("sha256").update(["usr_1", "POST", "/v2/x", "legacy"].join("\n")).digest("hex");
  const fingerprint = createHash("sha256").update(["POST", "/v2/x", "{}"].join("\n")).digest("hex");
  await (await db()).idempotencyRecord.create({ data: { scopeHash, fingerprint, state: "running", lockedUntil: new Date(Date.now() + 60_000), expiresAt: new Date(Date.now() + 3600_000) } });
  await assert.rejects(withIdempotency(scope("legacy"), async () => new Response("{}", { status: 201 })), (e: InstanceType<typeof ApiError>) => e.code === "idempotency_key_in_use");
  clock.now = () => new Date(Date.now() + 61_000);
  const taken = await withIdempotency(scope("legacy"), async () => new Response('{"ok":1}', { status: 201 }));
  assert.equal(taken.status, 201);
  assert.equal((await record("legacy"))?.state, "done");
  clock.now = realNow;
});

test("keys are kept 24 hours; after that the same key is a new request", async () => {
  let runs = 0;
  const run = async () => { runs++; return new Response(JSON.stringify({ n: runs }), { status: 201 }); };
  await withIdempotency(scope("day"), run);
  clock.now = () => new Date(Date.now() + 23 * 3600_000);
  assert.equal((await withIdempotency(scope("day"), run)).headers.get("idempotent-replayed"), "true");
  clock.now = () => new Date(Date.now() + 25 * 3600_000);
  const fresh = await withIdempotency(scope("day"), run);
  assert.equal(fresh.headers.get("idempotent-replayed"), null);
  assert.equal(runs, 2);
  clock.now = realNow;
});

test("key format: quoted or not, 1–255 printable ASCII", () => {
  assert.equal(parseIdempotencyKey('"abc"'), "abc");
  assert.equal(parseIdempotencyKey("abc"), "abc");
  assert.equal(parseIdempotencyKey(null), null);
  for (const bad of ["", "x".repeat(256), "a\r\nb", "ключ"]) assert.throws(() => parseIdempotencyKey(bad));
});
