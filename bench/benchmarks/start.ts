// Start: `npm start` with a build present until /healthz answers 200, restarting on the
// same data folder and database (migrations already applied, as an operator's restart).
import { MiB, percentile, round } from "../measure";
import { startNpmServer } from "../lib/app-server";
import { settings } from "../lib/settings";

export async function restartBenchmark(env: NodeJS.ProcessEnv, dataDir: string) {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < settings.startRounds; i++) {
    const server = await startNpmServer(env, { dataDir });
    ms.push(server.msToHealthy);
    cpuMs.push(server.startCpuMs);
    peaks.push(Math.max(server.startPeakBytes, server.startSampledPeakBytes));
    await server.stop();
  }
  return {
    msToHealthy: round(percentile(ms, 50), 0),
    allRoundsMs: ms.map((v) => round(v, 0)),
    cpuMsToHealthy: round(percentile(cpuMs, 50), 0),
    startPeakRssMiB: round(Math.max(...peaks) / MiB, 1),
    peakBytes: peaks,
    what: "`npm start` (build present) to the first 200 on /healthz, median of restarts on the same data folder",
  };
}
