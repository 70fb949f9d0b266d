import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { defaultMigrationsDir, migrate, type SqlRunner } from "./migrate";

function runnerFor(pglite: PGlite): SqlRunner {
  return {
    query: async (sql, params) => ({ rows: (await pglite.query(sql, params)).rows as never[] }),
    exec: async (sql) => void (await pglite.exec(sql)),
  };
}

test("applies every migration once; a second run changes nothing", async () => {
  const pglite = new PGlite();
  const db = runnerFor(pglite);
  const first = await migrate(db);
  assert.ok(first.applied.length >= 1);
  const tables = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_name IN ('files','users','handles','access_tokens')`);
  assert.equal(tables.rows[0].count, 4);
  const second = await migrate(db);
  assert.deepEqual(second.applied, []);
  assert.deepEqual(second.skipped, first.applied);
  const recorded = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "_prisma_migrations"`);
  assert.equal(recorded.rows[0].count, first.applied.length);
  await pglite.close();
});

test("a failing migration rolls back whole; an edited one is refused", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
  mkdirSync(path.join(dir, "001_ok"));
  writeFileSync(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE a (id int);`);
  mkdirSync(path.join(dir, "002_broken"));
  writeFileSync(path.join(dir, "002_broken", "migration.sql"), `CREATE TABLE b (id int); SELECT nope FROM nowhere;`);
  const pglite = new PGlite();
  const db = runnerFor(pglite);
  await assert.rejects(migrate(db, dir), /002_broken failed/);
  const b = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_name = 'b'`);
  assert.equal(b.rows[0].count, 0, "the broken migration left nothing behind");
  writeFileSync(path.join(dir, "002_broken", "migration.sql"), `CREATE TABLE b (id int);`);
  assert.deepEqual((await migrate(db, dir)).applied, ["002_broken"]);
  writeFileSync(path.join(dir, "001_ok", "migration.sql"), `CREATE TABLE a (id bigint);`);
  await assert.rejects(migrate(db, dir), /checksum mismatch/);
  assert.ok(defaultMigrationsDir().endsWith(path.join("prisma", "migrations")));
  await pglite.close();
});
