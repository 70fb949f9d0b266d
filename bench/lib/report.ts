// The targets of issue 13 per database, and the table printed at the end of a run.
import { table } from "../measure";
import { settings } from "./settings";

type Results = Record<string, any>;

export function targetsFor(kind: string, r: Results) {
  const t: Record<string, boolean> = {};
  if (r.redirect) {
    t.redirectThroughputAtLeast60PercentOfBaseline = r.redirect.ratio >= 0.6;
    t.redirectP99Within3xOfBaseline = r.redirect.p99Ms <= 3 * r.redirect.baselineP99Ms;
    t.redirectNo302Errors = r.redirect.non302 === 0;
  }
  if (r.upload) {
    t.uploadAtLeast90PercentOfBareFsyncPut = r.upload.ratioToBare >= 0.9;
    t.uploadRssGrowthUnder64MiB = r.upload.rssGrowthMiB < 64;
  }
  if (r.download) t.downloadAtLeast70PercentOfNginx = r.download.ratio >= 0.7;
  if (r.list) t.listP50Within2xOfRawQuery = r.list.ratio <= 2;
  if (r.create) t.createZeroErrors = r.create.errors === 0;
  if (r.start) t.startHealthyWithin2s = r.start.msToHealthy <= 2000;
  if (r.memory) {
    if (kind === "pglite") {
      t.idleRssAtMost200MiB = r.memory.idleRssMiB <= 200;
      t.startPeakRssAtMost300MiB = r.memory.startPeakRssMiB <= 300;
      if (r.memory.loadPeakRssMiB !== null) t.loadPeakRssAtMost300MiB = r.memory.loadPeakRssMiB <= 300;
    } else t.idleRssAtMost150MiB = r.memory.idleRssMiB <= 150;
  }
  return t;
}

const ratio = (a: number, b: number) => (b > 0 ? String(Math.round((a / b) * 100) / 100) : "n/a");

export function printTable(results: Results) {
  const yes = (b: boolean | undefined) => (b === undefined ? "" : b ? "met" : "MISSED");
  const rows: string[][] = [["database", "figure", "app", "baseline", "ratio", "target", "result"]];
  for (const kind of settings.databases) {
    const r = results[kind];
    if (!r) continue;
    const t = r.targets;
    if (r.memory) {
      const m = r.memory;
      rows.push([kind, "idle RSS, all server processes (MiB)", String(m.idleRssMiB), "", "", kind === "pglite" ? "<= 200" : "<= 150", yes(t.idleRssAtMost200MiB ?? t.idleRssAtMost150MiB)]);
      rows.push([kind, "start peak RSS (MiB)", String(m.startPeakRssMiB), "", "", kind === "pglite" ? "<= 300" : "", yes(t.startPeakRssAtMost300MiB)]);
      rows.push([kind, "peak RSS: upload + concurrent downloads (MiB)", String(m.loadPeakRssMiB), "", "", kind === "pglite" ? "<= 300" : "", yes(t.loadPeakRssAtMost300MiB)]);
    }
    if (r.start) {
      rows.push([kind, "npm start to /healthz 200 (ms)", String(r.start.msToHealthy), "", "", "<= 2000", yes(t.startHealthyWithin2s)]);
      rows.push([kind, "  CPU time of the start (ms)", String(r.start.cpuMsToHealthy), "", "", "", ""]);
    }
    if (r.download) {
      const x = r.download;
      rows.push([kind, `download ${x.mib} MiB (MiB/s, vs nginx sendfile)`, String(x.mibPerS), String(x.nginxMibPerS), String(x.ratio), ">= 0.70", yes(t.downloadAtLeast70PercentOfNginx)]);
      rows.push([kind, `  ${x.concurrent.clients} concurrent downloads (MiB/s total)`, String(x.concurrent.aggregateMibPerS), "", "", "", ""]);
    }
    if (r.redirect) {
      const x = r.redirect;
      rows.push([kind, "redirect throughput (req/s)", String(x.rps), String(x.baselineRps), String(x.ratio), ">= 0.60", yes(t.redirectThroughputAtLeast60PercentOfBaseline)]);
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
      rows.push([kind, `upload ${x.mib} MiB fsynced (MiB/s, vs bare PUT+fsync)`, String(x.mibPerS), String(x.bareFsyncMibPerS), String(x.ratioToBare), ">= 0.90", yes(t.uploadAtLeast90PercentOfBareFsyncPut)]);
      rows.push([kind, "  vs local write+fsync (no HTTP)", String(x.mibPerS), String(x.baselineMibPerS), String(x.ratio), "", ""]);
      rows.push([kind, "  bare node:http PUT without fsync (MiB/s)", String(x.diagnostics.bareHttpPutMibPerS), String(x.baselineMibPerS), ratio(x.diagnostics.bareHttpPutMibPerS, x.baselineMibPerS), "", ""]);
      rows.push([kind, "upload RSS growth, all server processes (MiB)", String(x.rssGrowthMiB), "", "", "< 64", yes(t.uploadRssGrowthUnder64MiB)]);
    }
    if (r.list) {
      const x = r.list;
      rows.push([kind, `list ${x.files} files p50 (ms)`, String(x.p50Ms), String(x.baselineP50Ms), String(x.ratio), "<= 2x", yes(t.listP50Within2xOfRawQuery)]);
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
