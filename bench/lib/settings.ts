// The knobs of `npm run bench` (see bench/README.md) and the environment every server gets.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const num = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
};

export type DatabaseKind = "pglite" | "postgres";

export const BENCHMARKS = ["start", "memory", "upload", "download", "list", "redirect", "create", "stats", "multipart"] as const;

export const settings = {
  seconds: num("BENCH_SECONDS", 10),
  warmupSeconds: num("BENCH_WARMUP_SECONDS", 3),
  connections: num("BENCH_CONNECTIONS", 50),
  uploadMiB: num("BENCH_UPLOAD_MIB", 250),
  uploadRounds: num("BENCH_UPLOAD_ROUNDS", 3),
  downloadRounds: num("BENCH_DOWNLOAD_ROUNDS", 3),
  downloadClients: num("BENCH_DOWNLOAD_CLIENTS", 50),
  listFiles: num("BENCH_LIST_FILES", 500),
  listRequests: num("BENCH_LIST_REQUESTS", 100),
  createFiles: num("BENCH_CREATE_FILES", 1000),
  createClients: num("BENCH_CREATE_CLIENTS", 20),
  startRounds: num("BENCH_START_ROUNDS", 3),
  idleSeconds: num("BENCH_IDLE_SECONDS", 5),
  databases: (process.env.BENCH_DBS ?? "pglite,postgres").split(",").map((s) => s.trim()).filter(Boolean) as DatabaseKind[],
  only: (process.env.BENCH_ONLY ?? BENCHMARKS.join(",")).split(",").map((s) => s.trim()),
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

export const wants = (benchmark: (typeof BENCHMARKS)[number]) => settings.only.includes(benchmark);

export const fullSize =
  settings.seconds >= 10 && settings.uploadMiB === 250 && settings.listFiles === 500 &&
  settings.createFiles === 1000 && settings.createClients === 20 && settings.connections === 50;

// The app's throttles would otherwise answer 429 under load (see the brief).
export const SERVER_ENV = {
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: "100000000",
  API_RATE_LIMIT_PER_MINUTE: "100000000",
  DAILY_WRITE_LIMIT: "100000",
  SWEEP_INTERVAL_SECONDS: "0",
  // The upload and download figures are of one PUT of the whole object (the issue's
  // definition); above this threshold the API answers with a multipart plan instead.
  MULTIPART_THRESHOLD_BYTES: String(6 * 1024 ** 3),
};
export const BENCH_AUTH_SECRET = "bench-only-secret-0123456789abcdefghijklmnop";
