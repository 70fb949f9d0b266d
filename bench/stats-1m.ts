// Stats at scale (campaign delivery: docs/decisions.md): one handle with 1,000,000 `file.downloaded` audit
// events, written through the app's own write-behind path (so the daily rollup is filled
// exactly as in production), then GET …/stats answered by the app's own services, on
// PGlite and on a throwaway PostgreSQL. Beside it, the same 30-day series computed
// straight from audit_events: the cost the rollup avoids.
//
//   npx tsx bench/stats-1m.ts                 # both databases, 1M events
//   BENCH_EVENTS=200000 BENCH_DBS=pglite npx tsx bench/stats-1m.ts
//
// Results: stdout and bench/stats-1m-results.json.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startThrowawayPostgres } from "./postgres";

const thisFile = fileURLToPath(import.meta.url);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const FILES = 100;
const ALLOWLISTED = 20;
const VISITORS = 50;
const DAYS = 45; // some events fall outside the 30-day window, as in real life
const ROUNDS = 20;
const BATCH = 20_000;

interface Result {
  database: string;
  events: number;
  seedSeconds: number;
  rollupRows: number;
  handleStatsMs: { p50: number; p95: number; max: number };
  fileStatsMs: { allowlisted: { p50: number; p95: number }; public: { p50: number; p95: number } };
  rawAuditScanMs: { p50: number; p95: number };
  checks: { handleDownloads: number; byDayDays: number; topFiles: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 10) / 10;
};

async function timed(rounds: number, run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm-up (plans, caches)
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return times;
}

/** In a child process: this database only (config and the client are per process). */
async function child(database: string): Promise<Result> {
  const { clock } = await import("../lib/clock");
  const { rootDb, closeDb } = await import("../lib/db/client");
  const { newId } = await import("../lib/ids");
  const { recordAuditBatched: recordDownloadAudit, flushAuditBatch: flushDownloadWrites } = await import("../lib/audit/audit-batched");
  const { fileStats, handleStats } = await import("../lib/files/file-stats");
  const prisma = await rootDb();

  const userId = newId("usr");
  const handleId = newId("hdl");
  await prisma.user.create({ data: { id: userId, email: `bench-${Date.now()}@owner.example.com` } });
  await prisma.handle.create({ data: { id: handleId, slug: `bench-${Date.now()}` } });
  const files = Array.from({ length: FILES }, (_, i) => ({ id: newId("fil"), allowlisted: i < ALLOWLISTED }));
  const visitors = Array.from({ length: VISITORS }, (_, i) => `visitor${i}@partner.example.com`);
  await prisma.file.createMany({
    data: files.map((f, i) => ({
      id: f.id, handleId, fileName: `file-${i}.pdf`, sizeBytes: BigInt(1000), contentType: "application/pdf",
      accessMode: f.allowlisted ? "EMAIL_ALLOWLIST" : "PUBLIC", allowedEmails: f.allowlisted ? visitors : [],
      status: "ready", objectKey: `files/${handleId}/${f.id}`, uploadExpiresAt: new Date(), createdById: userId,
    })),
  });

  // Events spread over DAYS days, skewed towards a few popular files (Zipf-like).
  const realNow = clock.now;
  const nowMs = Date.now();
  let seeded = 0;
  const started = performance.now();
  while (seeded < EVENTS) {
    const n = Math.min(BATCH, EVENTS - seeded);
    for (let i = 0; i < n; i++) {
      const k = seeded + i;
      const file = files[Math.min(FILES - 1, Math.floor(FILES * Math.pow((k * 7919 % 1000) / 1000, 2)))];
      const at = new Date(nowMs - ((k * 104729) % (DAYS * 86_400_000)));
      clock.now = () => at;
      const email = file.allowlisted ? visitors[k % VISITORS] : null;
      recordDownloadAudit({
        action: "file.downloaded", handleId, fileId: file.id,
        actor: { kind: email ? "visitor" : "anonymous", email, requestId: `bench${k}` },
        detail: { clientIp: `10.0.${(k >> 8) & 255}.${k & 255}` },
      });
    }
    clock.now = realNow;
    await flushDownloadWrites();
    seeded += n;
    if (seeded % 200_000 === 0) console.error(`${database}: ${seeded} events`);
  }
  const seedSeconds = Math.round((performance.now() - started) / 100) / 10;
  const rollupRows = await prisma.downloadDay.count({ where: { handleId } });
  if (database === "postgresql") await prisma.$executeRawUnsafe(`ANALYZE`);

  const allowlistedFile = files.find((f) => f.allowlisted)!.id;
  const publicFile = files.find((f) => !f.allowlisted)!.id;
  const handleTimes = await timed(ROUNDS, () => handleStats(handleId));
  const allowTimes = await timed(ROUNDS, () => fileStats(handleId, allowlistedFile));
  const publicTimes = await timed(ROUNDS, () => fileStats(handleId, publicFile));
  const since = new Date(nowMs - 29 * 86_400_000);
  const rawTimes = await timed(Math.min(ROUNDS, 5), () =>
    prisma.$queryRaw`SELECT "createdAt"::date AS "day", count(*) FROM "audit_events"
      WHERE "handleId" = ${handleId} AND "action" = 'file.downloaded' AND "createdAt" >= ${since} GROUP BY 1`,
  );
  const stats = await handleStats(handleId);
  await closeDb();
  return {
    database, events: EVENTS, seedSeconds, rollupRows,
    handleStatsMs: { p50: pct(handleTimes, 50), p95: pct(handleTimes, 95), max: pct(handleTimes, 100) },
    fileStatsMs: { allowlisted: { p50: pct(allowTimes, 50), p95: pct(allowTimes, 95) }, public: { p50: pct(publicTimes, 50), p95: pct(publicTimes, 95) } },
    rawAuditScanMs: { p50: pct(rawTimes, 50), p95: pct(rawTimes, 95) },
    checks: { handleDownloads: stats.downloads, byDayDays: stats.byDay.length, topFiles: stats.topFiles.length },
  };
}

function runChild(database: string, env: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", thisFile, "--child", database], {
      env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.on("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line));
      else reject(new Error(`${database} child exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

async function main() {
  const childArg = process.argv.indexOf("--child");
  if (childArg > 0) {
    console.log(JSON.stringify(await child(process.argv[childArg + 1])));
    process.exit(0);
  }
  const dbs = (process.env.BENCH_DBS ?? "pglite,postgresql").split(",");
  const base = { AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0", APP_URL: "http://127.0.0.1:3999", NODE_ENV: "production" };
  const results: Result[] = [];
  for (const database of dbs) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "gharart-stats-bench-"));
    const pg = database === "postgresql" ? startThrowawayPostgres(55_000 + Math.floor(Math.random() * 5000)) : null;
    try {
      const env: Record<string, string> = { ...base, DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
      const result = await runChild(database, env);
      results.push(result);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  writeFileSync(path.join(path.dirname(thisFile), "stats-1m-results.json"), `${JSON.stringify({ measuredAt: new Date().toISOString(), cores: os.cpus().length, results }, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
