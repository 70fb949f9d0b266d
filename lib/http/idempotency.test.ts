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

test("a claim left by a crashed request blocks (409) until its lock expires, then runs once", async () => {
  let runs = 0;
  // The "crash": execution begins and never finishes (the promise is abandoned).
  void withIdempotency(scope("crash"), () => new Promise<Response>(() => { runs++; }));
  await new Promise((r) => setTimeout(r, 50));
  await assert.rejects(withIdempotency(scope("crash"), async () => new Response("{}", { status: 201 })), (e: InstanceType<typeof ApiError>) => e.code === "idempotency_key_in_use");
  clock.now = () => new Date(Date.now() + 61_000);
  const retried = await withIdempotency(scope("crash"), async () => { runs++; return new Response('{"ok":1}', { status: 201 }); });
  assert.equal(retried.status, 201);
  const replay = await withIdempotency(scope("crash"), async () => { runs++; return new Response("{}", { status: 201 }); });
  assert.equal(replay.headers.get("idempotent-replayed"), "true");
  assert.equal(runs, 2, "the abandoned run and exactly one retry");
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
