// `npm run bench`: each figure side by side with its baseline, in the same run, on PGlite
// and on PostgreSQL; writes bench/results.json and prints a table. See bench/README.md.
// One module per benchmark in bench/benchmarks/; this file starts what they share (the
// database, the server through `npm start`, the seeded files) and collects the results.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { newTenant, type Target } from "../e2e/support/admin";
import { freePort, tempDataDir } from "../e2e/support/server";
import { createBenchmark } from "./benchmarks/create";
import { downloadBenchmark } from "./benchmarks/download";
import { listBaseline, listBenchmark } from "./benchmarks/list";
import { idleMemory, memoryFigures } from "./benchmarks/memory";
import { redirectBenchmark } from "./benchmarks/redirect";
import { multipartBenchmark, statsBenchmark } from "./benchmarks/standalone";
import { restartBenchmark } from "./benchmarks/start";
import { uploadBenchmark } from "./benchmarks/upload";
import { seedListFiles } from "./lib/api";
import { startNpmServer } from "./lib/app-server";
import type { DatabaseRun } from "./lib/context";
import { clusterPids, memoryOf, onInterrupt } from "./lib/processes";
import { printTable, targetsFor } from "./lib/report";
import { BENCH_AUTH_SECRET, benchDir, fullSize, SERVER_ENV, settings, wants, type DatabaseKind } from "./lib/settings";
import { MiB, round } from "./measure";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./postgres";
import { seedBaselinePglite } from "./seed-pglite";
import { snapshotApp } from "./snapshot";

async function runDatabase(kind: DatabaseKind) {
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
  const serverEnv = {
    ...SERVER_ENV,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: kind === "postgres" ? BENCH_AUTH_SECRET : undefined,
    ...profileEnv,
    ...settings.serverEnv,
  };
  const server = await startNpmServer(serverEnv, { dataDir }).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    if (cluster) {
      cluster.stop();
      onInterrupt.delete(cluster.stop);
    }
    throw error;
  });
  let serverStopped = false;
  const target: Target = { url: server.url, dataDir };
  const dbPids = () => (cluster ? clusterPids(path.join(cluster.dir, "data")) : []);
  const out: Record<string, any> = { loadavgStart: os.loadavg().map((l) => round(l)) };
  const cleanups: (() => Promise<void>)[] = [];
  try {
    console.log(`  server ${server.url} pids ${server.pids().join(",")}: first start ${round(server.msToHealthy, 0)} ms`);
    const idle = wants("memory") ? await idleMemory(server) : null;
    if (idle) console.log("  ", idle);
    const loadPeaks: number[] = [];
    const tenant = await newTenant("bench", target);
    const authSecret =
      kind === "postgres" ? BENCH_AUTH_SECRET : JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")).AUTH_SECRET;
    const needsFiles = wants("list") || wants("redirect");
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
    const run: DatabaseRun = { kind, server, tenant, files, databaseUrl, dataDir, authSecret, baselineHandleId, baselinePgliteDir, dbPids };

    if (wants("upload")) {
      console.log(`  upload ${settings.uploadMiB} MiB…`);
      out.upload = await uploadBenchmark(server, tenant);
      loadPeaks.push(out.upload.rssPeakMiB * MiB);
      console.log("  ", out.upload);
    }
    if (wants("download")) {
      console.log(`  download ${settings.uploadMiB} MiB, then ${settings.downloadClients} at once…`);
      out.download = await downloadBenchmark(server, await newTenant("benchd", target)); // its own tenant: the list stays at its size
      loadPeaks.push(out.download.concurrent.rssPeakMiB * MiB);
      console.log("  ", out.download);
    }
    if (wants("list")) {
      console.log(`  list ${settings.listFiles} files × ${settings.listRequests} requests…`);
      const baseline = await listBaseline(kind, baselineHandleId, databaseUrl, baselinePgliteDir);
      try {
        out.list = await listBenchmark(server, tenant, baseline);
      } finally {
        await baseline.close();
      }
      console.log("  ", out.list);
    }
    if (wants("redirect")) {
      out.redirect = await redirectBenchmark(run);
      console.log("  ", out.redirect);
    }
    if (wants("create")) {
      console.log(`  create ${settings.createFiles} files from ${settings.createClients} clients…`);
      const creator = await newTenant("benchc", target);
      out.create = await createBenchmark(server, creator);
      console.log("  ", out.create);
    }
    out.serverRssEndMiB = round(memoryOf(server.pids()).rssBytes / MiB, 1);
    const startPeaks = [Math.max(server.startPeakBytes, server.startSampledPeakBytes)];
    await server.stop();
    serverStopped = true;
    if (wants("start")) {
      console.log(`  start: ${settings.startRounds} restarts…`);
      out.start = await restartBenchmark(serverEnv, dataDir);
      out.start.firstStartMs = round(server.msToHealthy, 0);
      out.start.firstStartCpuMs = round(server.startCpuMs, 0);
      startPeaks.push(...out.start.peakBytes);
      delete out.start.peakBytes;
      console.log("  ", out.start);
    }
    if (idle) out.memory = { ...memoryFigures(idle, startPeaks, loadPeaks), idle };
    out.loadavgEnd = os.loadavg().map((l) => round(l));
    if (cluster) out.postgresSettings = cluster.settings;
    if (process.env.BENCH_DATABASE_URL && kind === "postgres") out.postgresSettings = "external (BENCH_DATABASE_URL)";
    return out;
  } catch (error) {
    console.error(server.log().slice(-4000));
    throw error;
  } finally {
    if (!serverStopped) await server.stop();
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    removeDataDir();
    onInterrupt.delete(removeDataDir);
    if (cluster) {
      cluster.stop();
      onInterrupt.delete(cluster.stop);
    }
  }
}

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

  const results: Record<string, any> = {
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
    r.targets = targetsFor(kind, r);
    results[kind] = r;
    writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n"); // kept if a later database fails
  }
  if (wants("stats")) results.stats = await statsBenchmark();
  if (wants("multipart")) results.multipart = await multipartBenchmark();
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  results.machine.loadavgEnd = os.loadavg().map((l) => round(l));
  const summary: Record<string, Record<string, boolean>> = {};
  for (const kind of settings.databases) summary[kind] = results[kind].targets;
  results.targets = { ...summary, allMet: Object.values(summary).every((t) => Object.values(t).every(Boolean)) };
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + "\n");
  printTable(results);
  console.log(`machine: ${results.machine.cores} cores, node ${results.machine.node}, load ${results.machine.loadavgStart} → ${results.machine.loadavgEnd}${fullSize ? "" : "  (NOT full size)"}`);
  console.log(`written ${resultsFile}`);
}

await main();
