// `npm run bench`: each figure side by side with its baseline, in the same run, on PGlite
// and on PostgreSQL; writes bench/results.json and prints a table. See bench/README.md.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { newTenant, type Target, type Tenant } from "../e2e/support/admin";
import { freePort, startAppServer, tempDataDir, type RunningServer } from "../e2e/support/server";
import { generatedChunks, load, MiB, percentile, round, rssBytes, sampleRss, sleep, table, timed, type LoadResult } from "./measure";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./postgres";
import { seedBaselinePglite, type FileView } from "./seed-pglite";
import { snapshotApp } from "./snapshot";

const benchDir = path.dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------------- settings

const num = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
};

const settings = {
  seconds: num("BENCH_SECONDS", 10),
  warmupSeconds: num("BENCH_WARMUP_SECONDS", 3),
  connections: num("BENCH_CONNECTIONS", 50),
  uploadMiB: num("BENCH_UPLOAD_MIB", 250),
  uploadRounds: num("BENCH_UPLOAD_ROUNDS", 3),
  listFiles: num("BENCH_LIST_FILES", 500),
  listRequests: num("BENCH_LIST_REQUESTS", 100),
  createFiles: num("BENCH_CREATE_FILES", 1000),
  createClients: num("BENCH_CREATE_CLIENTS", 20),
  databases: (process.env.BENCH_DBS ?? "pglite,postgres").split(",").map((s) => s.trim()).filter(Boolean) as ("pglite" | "postgres")[],
  only: (process.env.BENCH_ONLY ?? "upload,list,redirect,create").split(",").map((s) => s.trim()),
  postgresFsync: process.env.BENCH_PG_FSYNC !== "off",
  frameworkFloor: process.env.BENCH_FRAMEWORK_FLOOR !== "0",
  // Diagnostics of the redirect without Next.js (bench/fastpath-redirect.ts): route (the
  // unmodified route module) | full (lib/sharing/download.ts) | no-audit | no-throttle |
  // no-writes | batched (proposed write-behind); "" for none.
  fastPathVariants: (process.env.BENCH_FASTPATH ?? "route").split(",").map((s) => s.trim()).filter(Boolean),
  cpuProfile: process.env.BENCH_CPU_PROF === "1",
  profileDir: process.env.BENCH_PROFILE_DIR ?? path.join(os.tmpdir(), "gharart-bench-profiles"),
  serverEnv: process.env.BENCH_SERVER_ENV ? (JSON.parse(process.env.BENCH_SERVER_ENV) as Record<string, string>) : {},
};
const fullSize =
  settings.seconds >= 10 && settings.uploadMiB === 250 && settings.listFiles === 500 &&
  settings.createFiles === 1000 && settings.createClients === 20 && settings.connections === 50;

// The app's throttles would otherwise answer 429 under load (see the brief).
const SERVER_ENV = {
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000000",
  API_RATE_LIMIT_PER_MINUTE: "100000000",
  DAILY_WRITE_LIMIT: "100000",
  SWEEP_INTERVAL_SECONDS: "0",
};
const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnop";

// ------------------------------------------------------------------- process helpers

// Whatever this run started (server, baseline, cluster) is stopped on Ctrl-C as well.
const onInterrupt = new Set<() => unknown>();
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (process.env.BENCH_IN_SNAPSHOT !== "1" && process.env.BENCH_NO_SNAPSHOT !== "1") return;
    if (interrupted) return;
    interrupted = true;
    console.error(`bench: ${signal}: stopping what the run started`);
    for (const stop of [...onInterrupt].reverse()) await Promise.resolve(stop()).catch(() => undefined);
    process.exit(130);
  });
}

const CLK_TCK = 100;

/** CPU seconds (user + system) of the given processes. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* exited */
    }
  }
  return ticks / CLK_TCK;
}

/** The postmaster and its children (backends, writers) of a throwaway cluster. */
function clusterPids(pgDataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(pgDataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const pids = [postmaster];
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === postmaster) pids.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return pids;
}

async function startBaselineRedirect(
  env: NodeJS.ProcessEnv,
  script = "baseline-redirect.ts",
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(benchDir, script)], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", BASELINE_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const deadline = Date.now() + 30_000;
  while (!output.includes("baseline listening on")) {
    if (child.exitCode !== null) throw new Error(`baseline exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`baseline did not start:\n${output}`);
    }
    await sleep(50);
  }
  const kill = () => child.kill("SIGKILL");
  onInterrupt.add(kill);
  child.once("exit", () => onInterrupt.delete(kill));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** With BENCH_CPU_PROF=1, a CPU profile of the server covering exactly `fn` (see cpu-profile.mjs). */
async function profiled<T>(server: RunningServer, label: string, fn: () => Promise<T>): Promise<T> {
  if (!settings.cpuProfile) return fn();
  const dir = server.env.BENCH_PROFILE_DIR!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "next-label"), label);
  server.process.kill("SIGUSR2");
  await sleep(200);
  try {
    return await fn();
  } finally {
    server.process.kill("SIGUSR2");
    await sleep(1500);
  }
}

// ----------------------------------------------------------------------- API helpers

async function api(server: RunningServer, tenant: Tenant, method: string, pathname: string, body?: unknown) {
  const response = await fetch(`${server.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${tenant.token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

interface Created {
  file: FileView;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  publicUrl: string;
}

async function createFile(server: RunningServer, tenant: Tenant, body: Record<string, unknown>): Promise<Created> {
  const res = await api(server, tenant, "POST", `/v2/handles/${tenant.handle}/files`, body);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json;
}

/** One PUT of `size` generated bytes, streamed with backpressure (never held whole). */
function putGenerated(uploadUrl: string, headers: Record<string, string>, size: number): Promise<{ status: number; ms: number }> {
  const url = new URL(uploadUrl);
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request({
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: "PUT",
      headers: { ...headers, "content-length": String(size) },
      agent: false,
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.on("error", reject);
    pipeline(generatedChunks(size), req).catch(reject);
  });
}

async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

// ------------------------------------------------------------------------ scenarios

const LIST_SQL = `SELECT * FROM "files" WHERE "handleId" = $1 AND ("expiresAt" IS NULL OR "expiresAt" > $2)
  ORDER BY "createdAt" DESC, "id" DESC LIMIT 500`;

/** 500 PUBLIC files, each uploaded (tiny bytes) so the list is in its steady, all-ready state. */
async function seedListFiles(server: RunningServer, tenant: Tenant): Promise<FileView[]> {
  const t = await timed(() =>
    inParallel(settings.listFiles, 8, async (i) => {
      const bytes = 16;
      const created = await createFile(server, tenant, { fileName: `asset-${String(i).padStart(4, "0")}.txt`, sizeBytes: bytes, accessMode: "PUBLIC" });
      const put = await putGenerated(created.uploadUrl, created.uploadHeaders, bytes);
      if (put.status !== 200) throw new Error(`seed upload failed: ${put.status}`);
    }),
  );
  const res = await api(server, tenant, "GET", `/v2/handles/${tenant.handle}/files`);
  const files = res.json.files as FileView[];
  const ready = files.filter((f) => f.status === "ready").length;
  if (files.length !== settings.listFiles || ready !== files.length) throw new Error(`seeded list has ${files.length} files, ${ready} ready`);
  console.log(`  seeded ${files.length} ready files in ${round(t.ms / 1000, 1)} s`);
  return files;
}

type ListBaseline = {
  /** The raw SQL query of the same rows; returns the row count. */
  query(): Promise<number>;
  /** Diagnostic: the route's own Prisma findMany of the same rows, in-process. */
  prismaQuery(): Promise<number>;
  close(): Promise<void>;
};

const listWhere = (handleId: string) => {
  const now = new Date();
  return {
    where: { handleId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
    take: 500,
  };
};

async function listBaseline(kind: "pglite" | "postgres", handleId: string, databaseUrl: string | undefined, pgliteDir: string): Promise<ListBaseline> {
  const { PrismaClient } = await import("../lib/generated/prisma/client");
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
    return {
      query: async () => (await client.query(LIST_SQL, [handleId, new Date()])).rows.length,
      prismaQuery: async () => (await prisma.file.findMany(listWhere(handleId))).length,
      close: async () => {
        await prisma.$disconnect();
        await client.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = new PGlite(pgliteDir);
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    query: async () => (await pglite.query(LIST_SQL, [handleId, new Date()])).rows.length,
    prismaQuery: async () => (await prisma.file.findMany(listWhere(handleId))).length,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function listScenario(server: RunningServer, tenant: Tenant, baseline: ListBaseline) {
  const get = async (pathname: string, status: number) => {
    const response = await fetch(`${server.url}${pathname}`, { headers: { authorization: `Bearer ${tenant.token}` } });
    const body = await response.text(); // read whole; parsed only while warming up
    if (response.status !== status) throw new Error(`${pathname} answered ${response.status}`);
    return body;
  };
  let checked = false;
  const appRequest = async () => {
    const body = await get(`/v2/handles/${tenant.handle}/files`, 200);
    if (checked) return;
    const files = (JSON.parse(body) as { files: unknown[] }).files;
    if (files.length !== settings.listFiles) throw new Error(`list returned ${files.length} files`);
    checked = true;
  };
  // Diagnostic: the same route family's per-request overhead without the list (route
  // wrapper, PAT, throttle, handle access, then a 404 for a file id that does not exist).
  const floorRequest = () => get(`/v2/handles/${tenant.handle}/files/fil_benchDoesNotExist000000`, 404);
  // ...and the cheapest API answer of all (route wrapper 404, no credentials, no database).
  const frameworkRequest = () => get(`/v2/bench-framework-floor`, 404);
  const rows = (fn: () => Promise<number>) => async () => {
    const n = await fn();
    if (n !== settings.listFiles) throw new Error(`baseline list returned ${n} rows`);
  };
  const baseRequest = rows(baseline.query);
  const prismaRequest = rows(baseline.prismaQuery);
  for (let i = 0; i < 10; i++) {
    await appRequest();
    await baseRequest();
    await floorRequest();
    await prismaRequest();
    await frameworkRequest();
  }
  // Interleaved, so drift in the machine's load hits both sides alike.
  const app: number[] = [];
  const base: number[] = [];
  const floor: number[] = [];
  const prisma: number[] = [];
  const framework: number[] = [];
  await profiled(server, "list", async () => {
    for (let i = 0; i < settings.listRequests; i++) {
      app.push((await timed(appRequest)).ms);
      base.push((await timed(baseRequest)).ms);
    }
  });
  for (let i = 0; i < settings.listRequests; i++) {
    floor.push((await timed(floorRequest)).ms);
    prisma.push((await timed(prismaRequest)).ms);
    framework.push((await timed(frameworkRequest)).ms);
  }
  const p50Ms = percentile(app, 50);
  const baselineP50Ms = percentile(base, 50);
  return {
    files: settings.listFiles,
    requests: settings.listRequests,
    state: "all files ready (steady state: no HEAD/stat of pending uploads)",
    p50Ms: round(p50Ms),
    baselineP50Ms: round(baselineP50Ms),
    ratio: round(p50Ms / baselineP50Ms),
    p90Ms: round(percentile(app, 90)),
    baselineP90Ms: round(percentile(base, 90)),
    diagnostics: {
      routeOverheadP50Ms: round(percentile(floor, 50)),
      routeOverheadWhat: "GET /v2/handles/{h}/files/{unknown id}: route wrapper, PAT lookup, throttle upsert, handle access, 404",
      frameworkP50Ms: round(percentile(framework, 50)),
      frameworkWhat: "GET /v2/<unknown>: route wrapper 404, no credentials, no database",
      prismaFindManyP50Ms: round(percentile(prisma, 50)),
      prismaFindManyWhat: "the route's prisma.file.findMany of the same 500 rows, in the bench process",
    },
  };
}

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
  server: RunningServer,
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

async function redirectScenario(
  server: RunningServer,
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

  const app = await measureSide(server, publicUrl, server.process.pid!, { profile: "redirect", dbPids, dbStats });
  const base = await measureSide(server, baselineUrl, baseline.child.pid!, { dbPids, dbStats });
  const floor = settings.frameworkFloor ? await measureSide(server, floorUrl, server.process.pid!, { dbPids }) : null;
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
async function rawWrite(dir: string, size: number, fsync: boolean): Promise<number> {
  const file = path.join(dir, `bench-raw-${process.pid}-${Date.now()}`);
  try {
    // `flush`: the descriptor is fsync'ed before it is closed (Node >= 20.10).
    const t = await timed(() => pipeline(generatedChunks(size), createWriteStream(file, { flags: "wx", flush: fsync })));
    return t.ms;
  } finally {
    rmSync(file, { force: true });
  }
}

const median = (values: number[]) => percentile(values, 50);

/**
 * `BENCH_UPLOAD_ROUNDS` rounds, each: raw write+fsync, raw write, the bare-HTTP floor, the
 * app's PUT (`sync` between them); medians reported. The whole run is under a second at
 * 250 MiB on a quiet machine, so one round alone is too noisy.
 */
async function uploadScenario(server: RunningServer, tenant: Tenant) {
  const size = Math.round(settings.uploadMiB * MiB);
  const pid = server.process.pid!;
  const floor = await startBaselineRedirect({ DATA_DIR: server.dataDir }, "baseline-upload.ts");
  const raw: number[] = [];
  const rawNoSync: number[] = [];
  const http: number[] = [];
  const app: number[] = [];
  const serverCpu: number[] = [];
  const floorCpu: number[] = [];
  const clientCpu: number[] = [];
  let growth = -Infinity;
  let memory: ReturnType<ReturnType<typeof sampleRss>["stop"]> | undefined;
  try {
    for (let round = 0; round < settings.uploadRounds; round++) {
      spawnSync("sync");
      raw.push(await rawWrite(server.dataDir, size, true));
      spawnSync("sync");
      rawNoSync.push(await rawWrite(server.dataDir, size, false));
      spawnSync("sync");
      const floorCpuBefore = cpuSeconds([floor.child.pid!]);
      const floorPut = await putGenerated(`${floor.url}/upload`, { "content-type": "application/octet-stream" }, size);
      if (floorPut.status !== 200) throw new Error(`upload floor answered ${floorPut.status}`);
      floorCpu.push(cpuSeconds([floor.child.pid!]) - floorCpuBefore);
      http.push(floorPut.ms);
      spawnSync("sync");
      await sleep(300);

      const created = await createFile(server, tenant, { fileName: "campaign-master.mov", sizeBytes: size, accessMode: "PUBLIC" });
      const rss = sampleRss(pid, 50);
      const cpuBefore = cpuSeconds([pid]);
      const clientBefore = process.cpuUsage();
      const put = await profiled(server, "upload", () => putGenerated(created.uploadUrl, created.uploadHeaders, size));
      const client = process.cpuUsage(clientBefore);
      serverCpu.push(cpuSeconds([pid]) - cpuBefore);
      clientCpu.push((client.user + client.system) / 1e6);
      const sampled = rss.stop();
      if (sampled.growthBytes > growth) {
        growth = sampled.growthBytes;
        memory = sampled;
      }
      if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
      app.push(put.ms);
      const view = await api(server, tenant, "GET", `/v2/handles/${tenant.handle}/files/${created.file.id}`);
      if (view.json?.status !== "ready") throw new Error(`uploaded file is ${view.json?.status}`);
      await api(server, tenant, "DELETE", `/v2/handles/${tenant.handle}/files/${created.file.id}`);
      spawnSync("sync");
    }
  } finally {
    await floor.stop();
  }

  const mib = size / MiB;
  const rate = (ms: number) => mib / (ms / 1000);
  const mibPerS = rate(median(app));
  const baselineMibPerS = rate(median(raw));
  return {
    mib: round(mib),
    rounds: settings.uploadRounds,
    mibPerS: round(mibPerS, 1),
    baselineMibPerS: round(baselineMibPerS, 1),
    ratio: round(mibPerS / baselineMibPerS, 3),
    rssGrowthMiB: round(memory!.growthBytes / MiB, 1),
    rssStartMiB: round(memory!.startBytes / MiB, 1),
    rssPeakMiB: round(memory!.peakBytes / MiB, 1),
    rssSamples: memory!.samples,
    seconds: round(median(app) / 1000, 3),
    allRoundsMibPerS: app.map((ms) => round(rate(ms), 1)),
    allRoundsBaselineMibPerS: raw.map((ms) => round(rate(ms), 1)),
    diagnostics: {
      baselineNoFsyncMibPerS: round(rate(median(rawNoSync)), 1),
      ratioVsNoFsync: round(mibPerS / rate(median(rawNoSync)), 3),
      bareHttpPutMibPerS: round(rate(median(http)), 1),
      bareHttpWhat: "the same PUT to a bare node:http server piping the body to a file in DATA_DIR (bench/baseline-upload.ts)",
      ratioVsBareHttp: round(mibPerS / rate(median(http)), 3),
      serverCpuSecondsPerGiB: round((median(serverCpu) / mib) * 1024, 2),
      bareHttpServerCpuSecondsPerGiB: round((median(floorCpu) / mib) * 1024, 2),
      clientCpuSecondsPerGiB: round((median(clientCpu) / mib) * 1024, 2),
    },
  };
}

async function createScenario(server: RunningServer, tenant: Tenant) {
  const result = await profiled(server, "create", () => load({
    url: `${server.url}/v2/handles/${tenant.handle}/files`,
    connections: settings.createClients,
    amount: settings.createFiles,
    method: "POST",
    headers: { authorization: `Bearer ${tenant.token}`, "content-type": "application/json" },
    body: JSON.stringify({ fileName: "partner-brief.pdf", sizeBytes: 1024, accessMode: "PUBLIC" }),
  }));
  const created = result.statusCodes["201"] ?? 0;
  const listed = await api(server, tenant, "GET", `/v2/handles/${tenant.handle}/files`);
  return {
    files: settings.createFiles,
    clients: settings.createClients,
    filesPerS: round(created / result.durationS, 1),
    errors: settings.createFiles - created + result.errors,
    statusCodes: result.statusCodes,
    seconds: round(result.durationS, 2),
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    listedAfter: Math.min(listed.json?.files?.length ?? 0, 500),
  };
}

// ------------------------------------------------------------------------- one database

async function runDatabase(kind: "pglite" | "postgres") {
  console.log(`\n== ${kind}`);
  let cluster: ThrowawayPostgres | null = null;
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    databaseUrl = process.env.BENCH_DATABASE_URL;
    if (!databaseUrl) {
      cluster = startThrowawayPostgres(await freePort(), { fsync: settings.postgresFsync });
      databaseUrl = cluster.url;
      onInterrupt.add(cluster.stop);
      console.log(`  throwaway PostgreSQL at ${databaseUrl} (${JSON.stringify(cluster.settings)})`);
    }
  }
  const dataDir = tempDataDir(`gharart-bench-${kind}`);
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  onInterrupt.add(removeDataDir);
  const profileEnv: Record<string, string> = settings.cpuProfile
    ? {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.join(benchDir, "cpu-profile.mjs")}`.trim(),
        BENCH_PROFILE_DIR: path.join(settings.profileDir, kind),
      }
    : {};
  const server = await startAppServer(
    {
      ...SERVER_ENV,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: kind === "postgres" ? BENCH_AUTH_SECRET : undefined,
      ...profileEnv,
      ...settings.serverEnv,
    },
    { dataDir },
  ).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    if (cluster) {
      cluster.stop();
      onInterrupt.delete(cluster.stop);
    }
    throw error;
  });
  const stopServer = () => server.stop("SIGKILL");
  onInterrupt.add(stopServer);
  const target: Target = { url: server.url, dataDir };
  const dbPids = () => (cluster ? clusterPids(path.join(cluster.dir, "data")) : []);
  const out: Record<string, unknown> = { loadavgStart: os.loadavg().map((l) => round(l)) };
  const cleanups: (() => Promise<void>)[] = [];
  try {
    console.log(`  server ${server.url} pid ${server.process.pid}, RSS ${round(rssBytes(server.process.pid!) / MiB, 1)} MiB`);
    const tenant = await newTenant("bench", target);
    const authSecret =
      kind === "postgres" ? BENCH_AUTH_SECRET : JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")).AUTH_SECRET;
    const needsFiles = settings.only.includes("list") || settings.only.includes("redirect");
    const files = needsFiles ? await seedListFiles(server, tenant) : [];

    // Baseline database: the same PostgreSQL, or a separate PGlite seeded with the same rows.
    let baselineHandleId = "";
    let baselinePgliteDir = "";
    if (needsFiles && kind === "postgres") {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      baselineHandleId = (await client.query(`SELECT id FROM handles WHERE slug = $1`, [tenant.handle])).rows[0].id;
      await client.end();
    } else if (needsFiles) {
      baselinePgliteDir = path.join(tempDataDir("gharart-bench-baseline"), "db");
      const removeBaselineDir = () => rmSync(path.dirname(baselinePgliteDir), { recursive: true, force: true });
      onInterrupt.add(removeBaselineDir);
      cleanups.push(async () => {
        removeBaselineDir();
        onInterrupt.delete(removeBaselineDir);
      });
      baselineHandleId = await seedBaselinePglite(baselinePgliteDir, tenant.handle, files);
    }

    if (settings.only.includes("upload")) {
      console.log(`  upload ${settings.uploadMiB} MiB…`);
      out.upload = await uploadScenario(server, tenant);
      console.log("  ", out.upload);
    }

    if (settings.only.includes("list")) {
      console.log(`  list ${settings.listFiles} files × ${settings.listRequests} requests…`);
      const baseline = await listBaseline(kind, baselineHandleId, databaseUrl, baselinePgliteDir);
      try {
        out.list = await listScenario(server, tenant, baseline);
      } finally {
        await baseline.close();
      }
      console.log("  ", out.list);
    }

    if (settings.only.includes("redirect")) {
      const file = files[0];
      console.log(`  redirect: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s per side…`);
      const baseline = await startBaselineRedirect({
        BASELINE_FILE_ID: file.id,
        DATA_DIR: dataDir,
        APP_URL: server.url,
        AUTH_SECRET: authSecret,
        ...(kind === "postgres" ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: undefined, BASELINE_PGLITE_DIR: baselinePgliteDir }),
      });
      const stats = kind === "postgres" ? await postgresStats(databaseUrl!) : null;
      try {
        const redirect: Record<string, any> = await redirectScenario(server, `${server.url}/v2/public/files/${file.id}`, baseline, file.id, dbPids, stats?.stats);
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
          const fast = await startBaselineRedirect(
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
        out.redirect = redirect;
      } finally {
        await baseline.stop();
        await stats?.close();
      }
      console.log("  ", out.redirect);
    }

    if (settings.only.includes("create")) {
      console.log(`  create ${settings.createFiles} files from ${settings.createClients} clients…`);
      const creator = await newTenant("benchc", target);
      out.create = await createScenario(server, creator);
      console.log("  ", out.create);
    }
    out.serverRssEndMiB = round(rssBytes(server.process.pid!) / MiB, 1);
    out.loadavgEnd = os.loadavg().map((l) => round(l));
    if (cluster) out.postgresSettings = cluster.settings;
    if (process.env.BENCH_DATABASE_URL && kind === "postgres") out.postgresSettings = "external (BENCH_DATABASE_URL)";
    return out;
  } catch (error) {
    console.error(server.log().slice(-4000));
    throw error;
  } finally {
    await server.stop();
    onInterrupt.delete(stopServer);
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    removeDataDir();
    onInterrupt.delete(removeDataDir);
    if (cluster) {
      cluster.stop();
      onInterrupt.delete(cluster.stop);
    }
  }
}

// ------------------------------------------------------------------------- targets

type Results = Record<string, any>;

function targetsFor(r: Results) {
  const t: Record<string, boolean> = {};
  if (r.redirect) {
    t.redirectThroughputAtLeastHalfOfBaseline = r.redirect.ratio >= 0.5;
    t.redirectP99Within3xOfBaseline = r.redirect.p99Ms <= 3 * r.redirect.baselineP99Ms;
    t.redirectNo302Errors = r.redirect.non302 === 0;
  }
  if (r.upload) {
    t.uploadThroughputAtLeast70PercentOfRawWrite = r.upload.ratio >= 0.7;
    t.uploadRssGrowthUnder64MiB = r.upload.rssGrowthMiB < 64;
  }
  if (r.list) t.listP50Within3xOfRawQuery = r.list.ratio <= 3;
  if (r.create) t.createZeroErrors = r.create.errors === 0;
  return t;
}

const ratio = (a: number, b: number) => (b > 0 ? String(round(a / b)) : "n/a");

function printTable(results: Results) {
  const yes = (b: boolean | undefined) => (b === undefined ? "" : b ? "met" : "MISSED");
  const rows: string[][] = [["database", "figure", "app", "baseline", "ratio", "target", "result"]];
  for (const kind of settings.databases) {
    const r = results[kind];
    if (!r) continue;
    const t = r.targets;
    if (r.redirect) {
      const x = r.redirect;
      rows.push([kind, "redirect throughput (req/s)", String(x.rps), String(x.baselineRps), String(x.ratio), ">= 0.50", yes(t.redirectThroughputAtLeastHalfOfBaseline)]);
      rows.push([kind, "redirect p50 (ms)", String(x.p50Ms), String(x.baselineP50Ms), ratio(x.p50Ms, x.baselineP50Ms), "", ""]);
      rows.push([kind, "redirect p99 (ms)", String(x.p99Ms), String(x.baselineP99Ms), ratio(x.p99Ms, x.baselineP99Ms), "<= 3x", yes(t.redirectP99Within3xOfBaseline)]);
      rows.push([kind, "  server CPU per request (ms)", String(x.serverCpuMsPerRequest), String(x.baselineCpuMsPerRequest), ratio(x.serverCpuMsPerRequest, x.baselineCpuMsPerRequest), "", ""]);
      if (kind === "postgres") {
        rows.push([kind, "  PostgreSQL CPU per request (ms)", String(x.dbCpuMsPerRequest), String(x.baselineDbCpuMsPerRequest), ratio(x.dbCpuMsPerRequest, x.baselineDbCpuMsPerRequest), "", ""]);
        if (x.dbWriteTransactionsPerRequest !== undefined) {
          rows.push([kind, "  write transactions per request", String(x.dbWriteTransactionsPerRequest), String(x.baselineDbWriteTransactionsPerRequest), "", "", ""]);
        }
      }
      for (const [variant, f] of Object.entries((x.fastPath ?? {}) as Record<string, any>)) {
        rows.push([kind, `  app logic without Next (${variant}) (req/s)`, String(f.rps), String(x.baselineRps), String(f.ratioToBaseline), "", ""]);
      }
      if (x.frameworkFloor) {
        rows.push([kind, "  framework floor: /v2 404 (req/s)", String(x.frameworkFloor.rps), String(x.baselineRps), String(x.frameworkFloor.ratioToBaseline), "", ""]);
      }
    }
    if (r.upload) {
      const x = r.upload;
      rows.push([kind, `upload ${x.mib} MiB (MiB/s, vs write+fsync)`, String(x.mibPerS), String(x.baselineMibPerS), String(x.ratio), ">= 0.70", yes(t.uploadThroughputAtLeast70PercentOfRawWrite)]);
      rows.push([kind, "  vs the same write without fsync", String(x.mibPerS), String(x.diagnostics.baselineNoFsyncMibPerS), String(x.diagnostics.ratioVsNoFsync), "", ""]);
      rows.push([kind, "  bare node:http PUT to disk (MiB/s)", String(x.diagnostics.bareHttpPutMibPerS), String(x.baselineMibPerS), ratio(x.diagnostics.bareHttpPutMibPerS, x.baselineMibPerS), "", ""]);
      rows.push([kind, "upload server RSS growth (MiB)", String(x.rssGrowthMiB), "", "", "< 64", yes(t.uploadRssGrowthUnder64MiB)]);
    }
    if (r.list) {
      const x = r.list;
      rows.push([kind, `list ${x.files} files p50 (ms)`, String(x.p50Ms), String(x.baselineP50Ms), String(x.ratio), "<= 3x", yes(t.listP50Within3xOfRawQuery)]);
      rows.push([kind, "  same route, unknown file id: 404 (ms)", String(x.diagnostics.routeOverheadP50Ms), String(x.baselineP50Ms), ratio(x.diagnostics.routeOverheadP50Ms, x.baselineP50Ms), "", ""]);
      rows.push([kind, "  /v2 404, no auth, no database (ms)", String(x.diagnostics.frameworkP50Ms), String(x.baselineP50Ms), ratio(x.diagnostics.frameworkP50Ms, x.baselineP50Ms), "", ""]);
      rows.push([kind, "  Prisma findMany of the 500 rows (ms)", String(x.diagnostics.prismaFindManyP50Ms), String(x.baselineP50Ms), ratio(x.diagnostics.prismaFindManyP50Ms, x.baselineP50Ms), "", ""]);
    }
    if (r.create) {
      const x = r.create;
      rows.push([kind, `create ${x.files} files, ${x.clients} clients (files/s)`, String(x.filesPerS), "", "", "", ""]);
      rows.push([kind, "create errors (non-201)", String(x.errors), "", "", "= 0", yes(t.createZeroErrors)]);
    }
  }
  console.log(`\n${table(rows)}\n`);
}

// ------------------------------------------------------------------------------ main

async function main() {
  const root = path.resolve(benchDir, "..");
  const resultsFile = process.env.BENCH_RESULTS_FILE ?? path.join(benchDir, "results.json");

  // Re-run inside a frozen copy of the build (others may rebuild the working tree).
  if (process.env.BENCH_IN_SNAPSHOT !== "1" && process.env.BENCH_NO_SNAPSHOT !== "1") {
    const snapshot = await snapshotApp(root);
    console.log(`bench: build ${snapshot.buildId} copied to ${snapshot.dir}`);
    const git = (args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout.trim();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(snapshot.dir, "bench", "run.ts")], {
      cwd: snapshot.dir,
      stdio: "inherit",
      env: {
        ...process.env,
        BENCH_IN_SNAPSHOT: "1",
        BENCH_RESULTS_FILE: resultsFile,
        BENCH_BUILD_ID: snapshot.buildId,
        BENCH_GIT_COMMIT: git(["rev-parse", "HEAD"]),
        BENCH_GIT_DIRTY_PATHS: String(git(["status", "--porcelain"]).split("\n").filter(Boolean).length),
      },
    });
    // A terminal's Ctrl-C reaches the child's process group already; SIGTERM is passed on.
    process.on("SIGINT", () => undefined);
    process.on("SIGTERM", () => child.kill("SIGTERM"));
    const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
    rmSync(snapshot.dir, { recursive: true, force: true });
    process.exit(code);
  }

  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    const { ensureBuild } = await import("./snapshot");
    await ensureBuild(root);
  }

  const results: Results = {
    date: new Date().toISOString(),
    command: `${Object.entries(process.env).filter(([k]) => k.startsWith("BENCH_") && !["BENCH_IN_SNAPSHOT", "BENCH_RESULTS_FILE", "BENCH_BUILD_ID", "BENCH_GIT_COMMIT", "BENCH_GIT_DIRTY_PATHS"].includes(k)).map(([k, v]) => `${k}=${v} `).join("")}npm run bench`,
    fullSize,
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      totalMemMiB: Math.round(os.totalmem() / MiB),
      loadavgStart: os.loadavg().map((l) => round(l)),
    },
    build: { buildId: process.env.BENCH_BUILD_ID, gitCommit: process.env.BENCH_GIT_COMMIT, gitDirtyPaths: Number(process.env.BENCH_GIT_DIRTY_PATHS ?? 0) },
    settings: { ...settings, serverEnv: { ...SERVER_ENV, ...settings.serverEnv } },
  };
  for (const kind of settings.databases) {
    const r = await runDatabase(kind);
    r.targets = targetsFor(r);
    results[kind] = r;
  }
  (results.machine as Record<string, unknown>).loadavgEnd = os.loadavg().map((l) => round(l));
  const summary: Record<string, Record<string, boolean>> = {};
  for (const kind of settings.databases) summary[kind] = results[kind].targets;
  results.targets = { ...summary, allMet: Object.values(summary).every((t) => Object.values(t).every(Boolean)) };
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  printTable(results);
  console.log(`machine: ${results.machine.cores} cores, node ${results.machine.node}, load ${results.machine.loadavgStart} → ${results.machine.loadavgEnd}${fullSize ? "" : "  (NOT full size)"}`);
  console.log(`written ${resultsFile}`);
}

await main();
