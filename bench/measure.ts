// Measurement helpers shared by the benchmark: autocannon runs, RSS sampling, generated
// upload bytes, percentiles, and the printed table.
import { randomFillSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import autocannon from "autocannon";

export const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------- timing

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value: number, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds of one async call, on the monotonic clock. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

// ------------------------------------------------------------------------ autocannon

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  durationS: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS?: number;
  amount?: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

/** One autocannon run (no redirects followed: a 302 is the answer being measured). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS ?? 10,
    amount: options.amount,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    timeout: 30,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stat as { count: number }).count;
  const answered = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    rps: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    requests: answered,
    durationS: result.duration,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

// ------------------------------------------------------------------------------ RSS

export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** Samples a process's VmRSS every `everyMs` until stopped; reports start and peak. */
export function sampleRss(pid: number, everyMs = 50) {
  const start = rssBytes(pid);
  let peak = start;
  let samples = 1;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssBytes(pid));
      samples++;
    } catch {
      /* the process went away: the caller sees that elsewhere */
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        peak = Math.max(peak, rssBytes(pid));
      } catch {
        /* gone */
      }
      return { startBytes: start, peakBytes: peak, growthBytes: peak - start, samples };
    },
  };
}

// --------------------------------------------------------------------- upload bytes

const CHUNK = MiB;
let pattern: Buffer | undefined;

/**
 * The same deterministic bytes for the app upload and the raw write: one random MiB,
 * stamped with the chunk index, repeated. Never more than one chunk in memory at a time.
 */
export function generatedChunks(totalBytes: number): Readable {
  pattern ??= randomFillSync(Buffer.alloc(CHUNK));
  let sent = 0;
  let index = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (sent >= totalBytes) return void this.push(null);
      const size = Math.min(CHUNK, totalBytes - sent);
      const chunk = Buffer.allocUnsafe(size);
      pattern!.copy(chunk, 0, 0, size);
      chunk.writeUInt32BE(index++ >>> 0, 0);
      sent += size;
      this.push(chunk);
    },
  });
}

// ---------------------------------------------------------------------------- table

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length)));
  const line = (row: string[]) => row.map((cell, col) => (col <= 1 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join("  ");
  const [head, ...rest] = rows;
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rest.map(line)].join("\n");
}
