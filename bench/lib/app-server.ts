// The production server as an operator starts it: `npm start` in the app folder, on its own
// port and data folder. Its memory is that of every process below npm (npm itself is the
// operator's launcher and is reported apart).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort, productionServerEnv, tempDataDir } from "../../e2e/support/server";
import { sleep } from "../measure";
import { cpuSeconds, memoryOf, onInterrupt, processTree, sampleMemory } from "./processes";

export interface BenchServer {
  url: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** The process that serves HTTP (the deepest node process below npm). */
  pid: number;
  /** Every server process: all descendants of `npm start`, npm excluded. */
  pids(): number[];
  npm: ChildProcess;
  msToHealthy: number;
  /** Summed VmHWM of the server processes when /healthz first answered 200. */
  startPeakBytes: number;
  /** Highest summed VmRSS sampled (every 25 ms) during the start. */
  startSampledPeakBytes: number;
  /** CPU time (user + system) the server processes used until /healthz answered 200: the start's cost apart from the machine's load. */
  startCpuMs: number;
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const isNode = (pid: number) => {
  try {
    return /(^|\/)node$/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0]);
  } catch {
    return false;
  }
};

export async function startNpmServer(env: NodeJS.ProcessEnv, options: { dataDir?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? tempDataDir();
  const url = `http://127.0.0.1:${port}`;
  const childEnv = productionServerEnv(port, dataDir, env);
  for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
  const started = performance.now();
  const npm = spawn("npm", ["start", "--silent"], { cwd: process.cwd(), env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  const pids = () => processTree(npm.pid!).filter((pid) => pid !== npm.pid);
  const kill = () => {
    for (const pid of pids()) process.kill(pid, "SIGKILL");
    npm.kill("SIGKILL");
  };
  onInterrupt.add(kill);
  const memory = sampleMemory(pids, 25);
  const deadline = Date.now() + 180_000;
  let msToHealthy = 0;
  for (;;) {
    if (npm.exitCode !== null) {
      memory.stop();
      throw new Error(`npm start exited early (${npm.exitCode}):\n${output}`);
    }
    if (Date.now() > deadline) {
      memory.stop();
      kill();
      throw new Error(`npm start: no 200 on /healthz in 180 s:\n${output}`);
    }
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) }).then(
      async (r) => (await r.arrayBuffer(), r.status),
      () => 0,
    );
    if (status === 200) {
      msToHealthy = performance.now() - started;
      break;
    }
    await sleep(20);
  }
  const sampled = memory.stop();
  const tree = pids();
  const startCpuMs = cpuSeconds(tree) * 1000;
  const pid = [...tree].reverse().find(isNode) ?? npm.pid!;
  return {
    url,
    dataDir,
    env: childEnv,
    pid,
    pids,
    npm,
    msToHealthy,
    startCpuMs,
    startPeakBytes: memoryOf(tree).hwmBytes,
    startSampledPeakBytes: sampled.peakBytes,
    log: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        onInterrupt.delete(kill);
        if (npm.exitCode !== null) return resolve();
        const timer = setTimeout(kill, 10_000);
        npm.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        // The serving process stops; its launchers (npm, a shell) exit with it.
        try {
          process.kill(pid, signal);
        } catch {
          kill();
        }
      }),
  };
}
