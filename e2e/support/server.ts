import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { cephUnderTest } from "./ceph-under-test";

// Starts the real production server as `npm start` does (scripts/start.mjs → the compiled
// scripts/start.ts → Next on our HTTP front) in
// a child process, on its own port and data folder.
export interface RunningServer {
  url: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  log: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export function tempDataDir(label = "gharart-test"): string {
  return mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

/** `npm run admin -- storage-setup`, as the README tells an operator: bucket + CORS for APP_URL. */
export function storageSetup(env: NodeJS.ProcessEnv): string {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "storage-setup"], { env, encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`storage-setup failed (${run.status}):\n${run.stdout}${run.stderr}`);
  return run.stdout;
}

/** A production server's environment on 127.0.0.1:port with its own data folder (tests and bench). */
export function productionServerEnv(port: number, dataDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    ...env,
  };
}

/** The node arguments of `npm start` (package.json's one copy of the server's V8 flags). */
export function npmStartArgs(): string[] {
  const start: string = JSON.parse(readFileSync(path.join(process.cwd(), "package.json"), "utf8")).scripts.start;
  const [command, ...args] = start.trim().split(/\s+/);
  if (command !== "node") throw new Error(`package.json's start script no longer starts with node: ${start}`);
  return args;
}

export async function startAppServer(env: NodeJS.ProcessEnv = {}, options: { port?: number; dataDir?: string } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDataDir();
  const url = `http://127.0.0.1:${port}`;
  const childEnv = productionServerEnv(port, dataDir, env);
  // The configuration under test (scripts/test.ts) reaches every server a suite starts:
  // a second download origin of its own, and its origin allowed by the bucket's CORS.
  if (process.env.GHARART_TEST_SECOND_ORIGIN === "1" && !env.LOCAL_STORAGE_PUBLIC_URL && childEnv.STORAGE_DRIVER !== "s3") {
    childEnv.LOCAL_STORAGE_PUBLIC_URL = `http://localhost:${port}`;
  }
  const ceph = cephUnderTest();
  if (ceph && childEnv.STORAGE_DRIVER === "s3" && childEnv.S3_ENDPOINT === ceph.endpoint) storageSetup(childEnv);
  const child = spawn(process.execPath, npmStartArgs(), {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!output.includes("listening on")) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in 120 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dataDir,
    env: childEnv,
    process: child,
    log: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
