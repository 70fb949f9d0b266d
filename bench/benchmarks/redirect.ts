// Redirect: the public download's 302 under 50 connections against a bare node:http server
// that runs the same single-row SELECT and signs the same URL (bench/baseline-redirect.ts).
import path from "node:path";
import pg from "pg";
import { load, round, type LoadResult } from "../measure";
import type { DatabaseRun } from "../lib/context";
import { cpuSeconds, profiled, startBaseline } from "../lib/processes";
import { SERVER_ENV, settings } from "../lib/settings";
import type { BenchServer } from "../lib/app-server";
import type { ChildProcess } from "node:child_process";

type DbStats = () => Promise<{ writeTransactions: number; walBytes: number }>;

/** PostgreSQL's write-transaction counter (next xid) and WAL position, read without writing. */
async function postgresStats(url: string): Promise<{ stats: DbStats; client: pg.Client; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    client,
    stats: async () => {
      const { rows } = await client.query(
        `SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS xid, (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint AS wal`,
      );
      return { writeTransactions: Number(rows[0].xid), walBytes: Number(rows[0].wal) };
    },
    close: () => client.end(),
  };
}

interface SideResult {
  result: LoadResult;
  warmupRequests: number;
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
  writeTransactionsPerRequest?: number;
  walBytesPerRequest?: number;
}

/** Warm-up, then one measured autocannon run, with CPU (and database write) accounting. */
async function measureSide(
  server: BenchServer,
  url: string,
  pid: number,
  opts: { profile?: string; dbPids: () => number[]; dbStats?: DbStats },
): Promise<SideResult> {
  const warm = await load({ url, connections: settings.connections, durationS: settings.warmupSeconds });
  const cpuBefore = cpuSeconds([pid]);
  const dbBefore = cpuSeconds(opts.dbPids());
  const statsBefore = await opts.dbStats?.();
  const run = () => load({ url, connections: settings.connections, durationS: settings.seconds });
  const result = opts.profile ? await profiled(server, opts.profile, run) : await run();
  const cpuAfter = cpuSeconds([pid]);
  const dbAfter = cpuSeconds(opts.dbPids());
  const statsAfter = await opts.dbStats?.();
  const perRequest = (delta: number) => delta / result.requests;
  return {
    result,
    warmupRequests: warm.requests,
    cpuMsPerRequest: perRequest((cpuAfter - cpuBefore) * 1000),
    dbCpuMsPerRequest: perRequest((dbAfter - dbBefore) * 1000),
    ...(statsBefore && statsAfter
      ? {
          // The probe's own two reads assign no transaction id.
          writeTransactionsPerRequest: perRequest(statsAfter.writeTransactions - statsBefore.writeTransactions),
          walBytesPerRequest: perRequest(statsAfter.walBytes - statsBefore.walBytes),
        }
      : {}),
  };
}

async function redirectSide(
  server: BenchServer,
  publicUrl: string,
  baseline: { url: string; child: ChildProcess },
  fileId: string,
  dbPids: () => number[],
  dbStats?: DbStats,
) {
  const baselineUrl = `${baseline.url}/v2/public/files/${fileId}`;
  // Diagnostic: the same server's cheapest API answer (an unknown /v2 path: the route
  // wrapper's 404 problem, no database), i.e. what the framework alone costs per request.
  const floorUrl = `${server.url}/v2/bench-framework-floor`;
  for (const [url, status] of [[publicUrl, 302], [baselineUrl, 302], [floorUrl, 404]] as const) {
    const response = await fetch(url, { redirect: "manual" });
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`${url} answered ${response.status}`);
  }

  const app = await measureSide(server, publicUrl, server.pid, { profile: "redirect", dbPids, dbStats });
  const base = await measureSide(server, baselineUrl, baseline.child.pid!, { dbPids, dbStats });
  const floor = settings.frameworkFloor ? await measureSide(server, floorUrl, server.pid, { dbPids }) : null;
  const bad = (r: LoadResult, status: string) => r.requests - (r.statusCodes[status] ?? 0) + r.errors;
  const opt = (value: number | undefined, digits: number) => (value === undefined ? undefined : round(value, digits));
  return {
    rps: round(app.result.rps, 1),
    baselineRps: round(base.result.rps, 1),
    ratio: round(app.result.rps / base.result.rps, 3),
    p50Ms: app.result.p50Ms,
    p99Ms: app.result.p99Ms,
    baselineP50Ms: base.result.p50Ms,
    baselineP99Ms: base.result.p99Ms,
    p99Ratio: round(app.result.p99Ms / Math.max(base.result.p99Ms, 1)),
    requests: app.result.requests,
    baselineRequests: base.result.requests,
    non302: bad(app.result, "302"),
    baselineNon302: bad(base.result, "302"),
    serverCpuMsPerRequest: round(app.cpuMsPerRequest, 3),
    baselineCpuMsPerRequest: round(base.cpuMsPerRequest, 3),
    dbCpuMsPerRequest: round(app.dbCpuMsPerRequest, 3),
    baselineDbCpuMsPerRequest: round(base.dbCpuMsPerRequest, 3),
    dbWriteTransactionsPerRequest: opt(app.writeTransactionsPerRequest, 2),
    baselineDbWriteTransactionsPerRequest: opt(base.writeTransactionsPerRequest, 2),
    dbWalBytesPerRequest: opt(app.walBytesPerRequest, 0),
    baselineDbWalBytesPerRequest: opt(base.walBytesPerRequest, 0),
    frameworkFloor: floor && {
      what: "GET /v2/<unknown> on the production server: route wrapper + 404 problem, no database",
      rps: round(floor.result.rps, 1),
      ratioToBaseline: round(floor.result.rps / base.result.rps, 3),
      p50Ms: floor.result.p50Ms,
      p99Ms: floor.result.p99Ms,
      serverCpuMsPerRequest: round(floor.cpuMsPerRequest, 3),
      non404: bad(floor.result, "404"),
    },
  };
}

/** The raw write: the same generated bytes into the same DATA_DIR, then fsync. */

/** The redirect with its baseline, the framework floor and the fast-path diagnostics. */
export async function redirectBenchmark(run: DatabaseRun) {
  const { server, files, kind, dataDir, authSecret, databaseUrl, baselinePgliteDir, dbPids } = run;
  const file = files[0];
  console.log(`  redirect: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s per side…`);
  const baseline = await startBaseline({
    BASELINE_FILE_ID: file.id,
    DATA_DIR: dataDir,
    APP_URL: server.url,
    AUTH_SECRET: authSecret,
    ...(kind === "postgres" ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: undefined, BASELINE_PGLITE_DIR: baselinePgliteDir }),
  });
  const stats = kind === "postgres" ? await postgresStats(databaseUrl!) : null;
  try {
    const redirect: Record<string, any> = await redirectSide(server, `${server.url}/v2/public/files/${file.id}`, baseline, file.id, dbPids, stats?.stats);
    await baseline.stop();
    // Diagnostic: the app's own download logic without Next.js (bench/fastpath-redirect.ts).
    // Audit rows of the file and the newest row's createdAt (PGlite: the seeded copy,
    // opened only while no child process holds it).
    const auditRows = async (): Promise<{ n: number; newest: number }> => {
      const sql = `SELECT count(*)::int AS n, max("createdAt") AS newest FROM audit_events WHERE "fileId" = $1`;
      if (stats) {
        const row = (await stats.client.query(sql, [file.id])).rows[0];
        return { n: Number(row.n), newest: row.newest ? new Date(row.newest).getTime() : NaN };
      }
      const { PGlite } = await import("@electric-sql/pglite");
      const copy = new PGlite(baselinePgliteDir);
      try {
        const row = (await copy.query<{ n: number; newest: Date | null }>(sql, [file.id])).rows[0];
        return { n: Number(row.n), newest: row.newest ? row.newest.getTime() : NaN };
      } finally {
        await copy.close();
      }
    };
    for (const variant of settings.fastPathVariants) {
      const auditBefore = await auditRows();
      const fast = await startBaseline(
        {
          FASTPATH_MODE: variant,
          APP_URL: server.url,
          AUTH_SECRET: authSecret,
          ...SERVER_ENV,
          ...(kind === "postgres"
            ? { DATABASE_URL: databaseUrl, DATA_DIR: dataDir }
            : { DATABASE_URL: undefined, DATA_DIR: path.dirname(baselinePgliteDir) }),
        },
        "fastpath-redirect.ts",
      );
      let side: SideResult | undefined;
      let lastRequestAt = 0;
      try {
        side = await measureSide(server, `${fast.url}/v2/public/files/${file.id}`, fast.child.pid!, { dbPids, dbStats: stats?.stats });
        lastRequestAt = Date.now();
        (redirect.fastPath ??= {})[variant] = {
          rps: round(side.result.rps, 1),
          ratioToBaseline: round(side.result.rps / redirect.baselineRps, 3),
          p50Ms: side.result.p50Ms,
          p99Ms: side.result.p99Ms,
          p99RatioToBaseline: round(side.result.p99Ms / Math.max(redirect.baselineP99Ms, 1)),
          serverCpuMsPerRequest: round(side.cpuMsPerRequest, 3),
          dbCpuMsPerRequest: round(side.dbCpuMsPerRequest, 3),
          dbWriteTransactionsPerRequest: side.writeTransactionsPerRequest === undefined ? undefined : round(side.writeTransactionsPerRequest, 2),
          non302: side.result.requests - (side.result.statusCodes["302"] ?? 0) + side.result.errors,
        };
      } finally {
        await fast.stop();
      }
      // Every answered download left its audit row (counted after the child's last
      // flush), stamped with the time of the download (UTC).
      if (side) {
        const after = await auditRows();
        const entry = redirect.fastPath[variant] as Record<string, unknown>;
        entry.auditRowsPerDownload = round((after.n - auditBefore.n) / (side.result.requests + side.warmupRequests), 3);
        if (after.n > auditBefore.n) entry.newestAuditRowAgeMs = lastRequestAt - after.newest;
      }
    }
    return redirect;
  } finally {
    await baseline.stop();
    await stats?.close();
  }
  console.log("  ", out.redirect);
}
