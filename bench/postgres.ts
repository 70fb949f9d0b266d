// A throwaway PostgreSQL cluster on loopback for the benchmark, started the way .ci/run
// does it (initdb + pg_ctl as the postgres user, socket in the cluster's own folder).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ThrowawayPostgres {
  url: string;
  dir: string;
  settings: Record<string, string>;
  stop(): void;
}

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb")));
    versions.sort((a, b) => Number(a) - Number(b));
    if (versions.length) return path.join(root, versions[versions.length - 1], "bin");
  }
  return path.dirname(execFileSync("which", ["initdb"], { encoding: "utf8" }).trim());
}

function postgresUid(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function asPostgres(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const result = root
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8" })
    : spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

/**
 * Starts a cluster with stock durability settings (fsync and synchronous_commit on, as a
 * production server would run) unless `fsync` is false. Listens on 127.0.0.1 only.
 */
export function startThrowawayPostgres(port: number, options: { fsync?: boolean } = {}): ThrowawayPostgres {
  const bin = pgBin();
  const dir = mkdtempSync(path.join(os.tmpdir(), "gharart-bench-pg-"));
  const owner = postgresUid();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = path.join(dir, "data");
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    max_connections: "100",
    fsync: options.fsync === false ? "off" : "on",
    synchronous_commit: options.fsync === false ? "off" : "on",
  };
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres"]);
  const opts = [`-p ${port}`, `-k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(" ");
  asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-o", opts, "-l", path.join(dir, "log"), "-w", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    } catch (error) {
      console.error("bench: pg_ctl stop failed:", (error as Error).message);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, dir, settings, stop };
}
