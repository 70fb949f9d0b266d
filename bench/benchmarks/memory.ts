// Memory: the summed RSS of every server process (all descendants of `npm start`), idle
// after start; the start and load peaks come from start.ts, upload.ts and download.ts.
import { MiB, round, sleep } from "../measure";
import type { BenchServer } from "../lib/app-server";
import { memoryOf } from "../lib/processes";
import { settings } from "../lib/settings";

const mib = (bytes: number) => round(bytes / MiB, 1);

/** RSS after BENCH_IDLE_SECONDS without requests, right after the start. */
export async function idleMemory(server: BenchServer) {
  await sleep(settings.idleSeconds * 1000);
  const now = memoryOf(server.pids());
  const npm = memoryOf([server.npm.pid!]);
  return {
    idleRssMiB: mib(now.rssBytes),
    processes: Object.fromEntries(Object.entries(now.byPid).map(([pid, p]) => [pid, `${p.cmd}: ${p.rssMiB} MiB (peak ${p.hwmMiB})`])),
    npmLauncherRssMiB: mib(npm.rssBytes),
    what: `VmRSS of all processes below \`npm start\` (npm's own process not counted), ${settings.idleSeconds} s after the first 200 on /healthz`,
  };
}

/** The memory keys of results.json from what the benchmarks sampled. */
export function memoryFigures(idle: { idleRssMiB: number }, startPeakBytes: number[], loadPeakBytes: number[]) {
  return {
    idleRssMiB: idle.idleRssMiB,
    startPeakRssMiB: mib(Math.max(...startPeakBytes)),
    loadPeakRssMiB: loadPeakBytes.length ? mib(Math.max(...loadPeakBytes)) : null,
  };
}
