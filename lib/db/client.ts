import { AsyncLocalStorage } from "node:async_hooks";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaClient } from "../generated/prisma/client";
import { config } from "../config";
import { acquireEmbeddedLock } from "./embedded-lock";
import { migrate, type SqlRunner } from "./migrate";

export type Db = PrismaClient;

interface DbHandle {
  prisma: PrismaClient;
  runner: SqlRunner;
  close(): Promise<void>;
}

/**
 * PostgreSQL's defaults size shared_buffers at 128 MB, which PGlite keeps inside the
 * server's own memory (WASM): ~150 MiB of RSS for a database of a few MB. The file system's
 * page cache still holds the tables; 16 MB of buffers is the embedded footprint's budget.
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=16MB"];

/**
 * On a first start, a copy of the empty database that `npm run build` made
 * (scripts/build-server.mjs): PGlite then opens it like on any restart, where its own initdb
 * peaks near 800 MiB and unpacking a tarball left ~30 MiB more RSS for good. Without a
 * build (unit tests, the CLI in a fresh checkout) PGlite runs initdb as before.
 */
function copyEmptyDatabaseTemplate(dbDir: string): void {
  const template = path.join(process.cwd(), ".next", "gharart", "pglite-template");
  if (existsSync(path.join(dbDir, "PG_VERSION")) || !existsSync(path.join(template, "PG_VERSION"))) return;
  if (existsSync(dbDir) && readdirSync(dbDir).length > 0) return; // not ours to replace: PGlite decides
  // Copied under another name, then renamed: a cut start never leaves half a database. One
  // fixed name (the embedded lock is held): the next start clears what a cut copy left.
  const tmp = `${dbDir}.copying`;
  rmSync(tmp, { recursive: true, force: true });
  cpSync(template, tmp, { recursive: true });
  if (existsSync(dbDir)) rmdirSync(dbDir); // empty
  renameSync(tmp, dbDir);
}

async function openEmbedded(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  acquireEmbeddedLock(dataDir);
  const dbDir = path.join(dataDir, "db");
  mkdirSync(dataDir, { recursive: true }); // PGlite does not create its parent folder
  copyEmptyDatabaseTemplate(dbDir);
  mkdirSync(dbDir, { recursive: true });
  const pglite = new PGlite(dbDir, { startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] });
  await pglite.waitReady;
  const runner: SqlRunner = {
    query: async (sql, params) => ({ rows: (await pglite.query(sql, params)).rows as never[] }),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return { prisma, runner, close: async () => { await prisma.$disconnect(); await pglite.close(); } };
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pg = await import("pg");
  // Bounded waits: an unreachable database must become a quick 503, not a hung request.
  const poolConfig = { connectionString: url, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 };
  const prisma = new PrismaClient({ adapter: new PrismaPg(poolConfig) });
  // Migrations hold an advisory lock: they need one dedicated connection.
  const migrationClient = new pg.default.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await migrationClient.connect();
  const runner: SqlRunner = {
    query: async (sql, params) => ({ rows: (await migrationClient.query(sql, params)).rows }),
    exec: async (sql) => {
      await migrationClient.query(sql);
    },
  };
  return {
    prisma,
    runner,
    close: async () => {
      await prisma.$disconnect();
      await migrationClient.end().catch(() => undefined);
    },
  };
}

async function open(): Promise<DbHandle> {
  const cfg = config();
  const handle = cfg.DATABASE_URL ? await openPostgres(cfg.DATABASE_URL) : await openEmbedded(cfg.dataDir);
  await migrate(handle.runner);
  return handle;
}

const globalForDb = globalThis as unknown as { __gharartDb?: Promise<DbHandle>; __gharartTx?: AsyncLocalStorage<PrismaClient> };
// Route bundles may each hold a copy of this module: one store for the process.
const currentTx = (globalForDb.__gharartTx ??= new AsyncLocalStorage<PrismaClient>());

// Interactive transactions: PGlite runs them one at a time (its one connection is held,
// other queries wait), so maxWait covers a queue of keyed writes; timeout bounds a handler.
const TX_MAX_WAIT_MS = 30_000;
const TX_TIMEOUT_MS = 60_000;

/**
 * The Prisma client for this request: inside `inTransaction` the transaction's client, so
 * services need not know they run in one; otherwise the process's client.
 */
export async function db(): Promise<PrismaClient> {
  return currentTx.getStore() ?? rootDb();
}

const bound = (target: object, value: unknown) => (typeof value === "function" ? value.bind(target) : value);

/** Whether the caller runs inside `inTransaction`. */
export const inOpenTransaction = () => currentTx.getStore() !== undefined;

/**
 * Runs `work` in one transaction; `db()` inside it (and in anything it awaits) answers the
 * transaction's client. Already in one: runs inline, part of the outer transaction.
 */
export async function inTransaction<T>(work: (tx: PrismaClient) => Promise<T>): Promise<T> {
  const open = currentTx.getStore();
  if (open) return work(open);
  const prisma = await rootDb();
  const hooks: CommitHook[] = [];
  const result = await prisma.$transaction(
    (tx) => {
      // A service calling $transaction on db() joins the open transaction instead.
      const client = new Proxy(tx, {
        get: (target, prop) =>
          prop === "$transaction"
            ? (arg: unknown) => (typeof arg === "function" ? (arg as (c: unknown) => unknown)(client) : Promise.all(arg as unknown[]))
            : bound(target, Reflect.get(target, prop)),
      }) as unknown as PrismaClient;
      commitHooks.set(client, hooks);
      return currentTx.run(client, () => work(client));
    },
    { maxWait: TX_MAX_WAIT_MS, timeout: TX_TIMEOUT_MS },
  );
  await runCommitHooks(hooks);
  return result;
}

type CommitHook = () => Promise<void>;
const commitHooks = new WeakMap<PrismaClient, CommitHook[]>();

async function runCommitHooks(hooks: CommitHook[]): Promise<void> {
  // The transaction is committed: a failing hook is logged, it cannot undo the answer.
  for (const hook of hooks) await hook().catch((error) => console.error("after-commit work failed", (error as Error).message));
}

/**
 * Work that must only happen once the caller's writes are durable (deleting what a committed
 * row no longer names): after the open transaction commits (never if it rolls back), or now
 * when there is none. Runs before the request is answered.
 */
export async function afterCommit(work: CommitHook): Promise<void> {
  const open = currentTx.getStore();
  const hooks = open ? commitHooks.get(open) : undefined;
  if (hooks) hooks.push(work);
  else await runCommitHooks([work]);
}

/**
 * The process's client, never a request's transaction: for work that outlives a request
 * (write-behind flushes, timers started while a transaction was open).
 */
export async function rootDb(): Promise<PrismaClient> {
  if (!globalForDb.__gharartDb) {
    // A failed start must not stay cached: the next call tries again.
    globalForDb.__gharartDb = open().catch((error) => {
      globalForDb.__gharartDb = undefined;
      throw error;
    });
  }
  return (await globalForDb.__gharartDb).prisma;
}

export async function migrationRunner(): Promise<SqlRunner> {
  await db();
  return (await globalForDb.__gharartDb!).runner;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.__gharartDb;
  globalForDb.__gharartDb = undefined;
  if (pending) await (await pending).close();
}
