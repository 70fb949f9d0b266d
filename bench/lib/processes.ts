// Processes the bench starts and reads: helper servers, CPU time and memory from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../e2e/support/server";
import { sleep } from "../measure";
import { benchDir, settings } from "./settings";
import type { BenchServer } from "./app-server";

// Whatever this run started (server, baseline, cluster) is stopped on Ctrl-C as well.
export const onInterrupt = new Set<() => unknown>();
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

const statFields = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};

/** CPU seconds (user + system) of the given processes. */
export function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      /* exited */
    }
  }
  return ticks / CLK_TCK;
}

/** Every live process id with its parent's. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      map.set(Number(name), Number(statFields(Number(name))[1]));
    } catch {
      /* gone */
    }
  }
  return map;
}

/** `root` and all its descendants. */
export function processTree(root: number): number[] {
  const parentOf = parents();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** The postmaster and its children (backends, writers) of a throwaway cluster. */
export function clusterPids(pgDataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(pgDataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  return processTree(postmaster);
}

/** VmRSS and VmHWM (peak RSS) of the given processes, summed, in bytes. */
export function memoryOf(pids: number[]): { rssBytes: number; hwmBytes: number; byPid: Record<number, { rssMiB: number; hwmMiB: number; cmd: string }> } {
  let rssBytes = 0;
  let hwmBytes = 0;
  const byPid: Record<number, { rssMiB: number; hwmMiB: number; cmd: string }> = {};
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim().slice(0, 120);
      rssBytes += kb("VmRSS") * 1024;
      hwmBytes += kb("VmHWM") * 1024;
      byPid[pid] = { rssMiB: Math.round(kb("VmRSS") / 102.4) / 10, hwmMiB: Math.round(kb("VmHWM") / 102.4) / 10, cmd };
    } catch {
      /* exited */
    }
  }
  return { rssBytes, hwmBytes, byPid };
}

/** Samples the summed VmRSS of `pids()` every `everyMs` until stopped; reports the peak. */
export function sampleMemory(pids: () => number[], everyMs = 25) {
  let peak = memoryOf(pids()).rssBytes;
  const start = peak;
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pids()).rssBytes);
    samples++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, memoryOf(pids()).rssBytes);
      return { startBytes: start, peakBytes: peak, growthBytes: peak - start, samples };
    },
  };
}

/** A helper server of the bench (a baseline or diagnostic) in its own process; it prints "baseline listening on". */
export async function startBaseline(
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
export async function profiled<T>(server: BenchServer, label: string, fn: () => Promise<T>): Promise<T> {
  if (!settings.cpuProfile) return fn();
  const dir = server.env.BENCH_PROFILE_DIR!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "next-label"), label);
  process.kill(server.pid, "SIGUSR2");
  await sleep(200);
  try {
    return await fn();
  } finally {
    process.kill(server.pid, "SIGUSR2");
    await sleep(1500);
  }
}
