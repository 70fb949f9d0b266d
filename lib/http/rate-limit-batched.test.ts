import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "gharart-ratelimit-"));
delete process.env.DATABASE_URL;
const { clock } = await import("../clock");
const { closeDb, db } = await import("../db/client");
const { FLUSH_MS } = await import("../write-behind");
const { bucketFor, consumeRateLimit } = await import("./rate-limit");
const { consumeRateLimitBatched, flushRateLimitBatch } = await import("./rate-limit-batched");

const realNow = clock.now;
// Mid-window, so no test crosses a minute boundary.
let nowMs = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;
clock.now = () => new Date(nowMs);
after(async () => {
  clock.now = realNow;
  await closeDb();
});

const policy = (name: string, limit: number) => ({ name, limit, windowSec: 60 });
async function sharedCount(name: string, key: string): Promise<number> {
  const bucket = bucketFor(policy(name, 0), key, Math.floor(nowMs / 60_000));
  return (await (await db()).rateLimitCounter.findUnique({ where: { bucket } }))?.count ?? 0;
}

test("one instance enforces the limit exactly and reports what remains", async () => {
  const results = [];
  for (let i = 0; i < 7; i++) results.push(await consumeRateLimitBatched(policy("unit.exact", 5), "k"));
  assert.deepEqual(results.map((r) => r.allowed), [true, true, true, true, true, false, false]);
  assert.deepEqual(results.map((r) => r.remaining), [4, 3, 2, 1, 0, 0, 0]);
  await flushRateLimitBatch();
  assert.equal(await sharedCount("unit.exact", "k"), 5, "every unit taken reaches the shared row");
});

test("a count not synced for a flush interval is taken exactly again (sees other instances' hits)", async () => {
  const p = policy("unit.quiet", 10);
  assert.equal((await consumeRateLimitBatched(p, "k")).remaining, 9); // exact: the shared count is 1
  for (let i = 0; i < 3; i++) await consumeRateLimit(p, "k"); // another instance: 4
  // Within the interval the hit is counted locally: the other instance's 3 are not seen yet.
  assert.equal((await consumeRateLimitBatched(p, "k")).remaining, 8);
  await flushRateLimitBatch(); // shared 5, synced
  nowMs += FLUSH_MS;
  for (let i = 0; i < 2; i++) await consumeRateLimit(p, "k"); // another instance: 7
  assert.equal((await consumeRateLimitBatched(p, "k")).remaining, 2, "after the interval: exact, 8 taken");
  assert.equal(await sharedCount("unit.quiet", "k"), 8);
});

test("a burst of concurrent hits loses no unit", async () => {
  const p = policy("unit.burst", 100);
  const first = Array.from({ length: 10 }, () => consumeRateLimitBatched(p, "k"));
  await first[0];
  const second = Array.from({ length: 10 }, () => consumeRateLimitBatched(p, "k"));
  const results = await Promise.all([...first, ...second]);
  assert.equal(results.filter((r) => r.allowed).length, 20);
  await flushRateLimitBatch();
  assert.equal(await sharedCount("unit.burst", "k"), 20);
});
