// Write-behind for the two writes of a public download, flushed together every FLUSH_MS:
// the per-(address, file) throttle and the `file.downloaded` audit row. Measured in
// bench/README.md: two committed writes per download cost more than the download itself.
// - throttle: the first hit of a bucket on this instance is the exact, shared upsert;
//   later hits count locally against the last known shared count and are added to the
//   shared row once per flush. N instances can overshoot a limit by what the others have
//   not flushed yet (at most FLUSH_MS of traffic).
// - audit: rows keep their own createdAt and are written with one INSERT … unnest. A
//   reader of a file's events flushes first; shutdown flushes; a crash can lose the last
//   FLUSH_MS of download events (docs/decisions.md).
import { auditColumns, type AuditEntry } from "../audit/audit";
import { clock } from "../clock";
import { rootDb } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { bucketFor, consumeRateLimit, type RateLimitPolicy, type RateLimitResult } from "../http/rate-limit";

const FLUSH_MS = 100;
const MAX_QUEUED_AUDIT_ROWS = 50_000;

interface Counter {
  bucket: string;
  windowStart: Date;
  windowEnd: Date;
  /** The shared count after our last write. */
  known: number;
  /** Units taken here and not yet written. */
  pending: number;
}

const state = globalThis as unknown as {
  __gharartDownloadWrites?: { counters: Map<string, Counter>; audit: AuditRow[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
};
type WriteBehindState = NonNullable<typeof state.__gharartDownloadWrites>;
const s: WriteBehindState = (state.__gharartDownloadWrites ??= { counters: new Map(), audit: [] as AuditRow[], timer: null, flushing: null });

function schedule(): void {
  if (s.timer) return;
  s.timer = setTimeout(() => {
    s.timer = null;
    flushDownloadWrites().catch((error) => console.error("download writes: flush failed", (error as Error).message));
  }, FLUSH_MS);
  s.timer.unref();
}

/** Drop-in for consumeRateLimit on the download throttle. */
export async function consumeDownloadUnit(policy: RateLimitPolicy, key: string): Promise<RateLimitResult> {
  const nowMs = clock.now().getTime();
  const windowMs = policy.windowSec * 1000;
  const windowIndex = Math.floor(nowMs / windowMs);
  const bucket = bucketFor(policy, key, windowIndex);
  const resetSec = Math.max(1, Math.ceil(((windowIndex + 1) * windowMs - nowMs) / 1000));
  const counter = s.counters.get(bucket);
  if (!counter) {
    const result = await consumeRateLimit(policy, key); // exact, shared
    s.counters.set(bucket, {
      bucket,
      windowStart: new Date(windowIndex * windowMs),
      windowEnd: new Date((windowIndex + 1) * windowMs),
      known: result.allowed ? policy.limit - result.remaining : policy.limit,
      pending: 0,
    });
    schedule(); // forgets the bucket once its window is over
    return result;
  }
  if (policy.limit <= 0 || counter.known + counter.pending >= policy.limit) return { allowed: false, remaining: 0, resetSec, policy };
  counter.pending++;
  schedule();
  return { allowed: true, remaining: Math.max(0, policy.limit - counter.known - counter.pending), resetSec, policy };
}

interface AuditRow {
  id: string;
  handleId: string | null;
  fileId: string | null;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorKind: string;
  requestId: string | null;
  detail: string | null; // JSON text
  createdAt: string; // ISO-8601, UTC
}

/** Drop-in for recordAudit on the download path. */
export function recordDownloadAudit(entry: AuditEntry): void {
  s.audit.push({
    ...auditColumns(entry),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    createdAt: clock.now().toISOString(),
  });
  if (s.audit.length >= 1000) void flushDownloadWrites();
  else schedule();
}

/** Writes what is pending (also call it before reading events, and on shutdown). */
export async function flushDownloadWrites(): Promise<void> {
  while (s.flushing) await s.flushing;
  s.flushing = (async () => {
    const prisma = await rootDb(); // never a request's transaction: this outlives requests
    const due = [...s.counters.values()].filter((c) => c.pending > 0).map((c) => ({ c, sent: c.pending }));
    if (due.length > 0) {
      const rows = await prisma.$queryRaw<{ bucket: string; count: number }[]>`
        INSERT INTO "rate_limit_counters" ("bucket", "count", "windowStart", "windowEnd")
        VALUES ${Prisma.join(due.map(({ c, sent }) => Prisma.sql`(${c.bucket}, ${sent}, ${c.windowStart}, ${c.windowEnd})`))}
        ON CONFLICT ("bucket") DO UPDATE SET "count" = "rate_limit_counters"."count" + EXCLUDED."count"
        RETURNING "bucket", "count"`;
      const counts = new Map(rows.map((r) => [r.bucket, Number(r.count)]));
      for (const { c, sent } of due) {
        c.pending -= sent;
        c.known = counts.get(c.bucket) ?? c.known + sent;
      }
    }
    const audit = s.audit.splice(0);
    if (audit.length > 0) {
      try {
      // One statement with ten array parameters: far cheaper per row than createMany.
      const col = <K extends keyof AuditRow>(key: K) => audit.map((row) => row[key]);
      // The daily rollup (download_days) is written by the same statement: it can never
      // disagree with the audit rows it sums (stats read it; lib/files/file-stats.ts).
      await prisma.$executeRaw`
        WITH "written" AS (
          INSERT INTO "audit_events" ("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")
          SELECT "id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail"::jsonb,
                 ("createdAt"::timestamptz AT TIME ZONE 'UTC')
          FROM unnest(${col("id")}::text[], ${col("handleId")}::text[], ${col("fileId")}::text[], ${col("action")}::text[],
                      ${col("actorUserId")}::text[], ${col("actorEmail")}::text[], ${col("actorKind")}::text[],
                      ${col("requestId")}::text[], ${col("detail")}::text[], ${col("createdAt")}::text[])
            AS u("id", "handleId", "fileId", "action", "actorUserId", "actorEmail", "actorKind", "requestId", "detail", "createdAt")
          RETURNING "fileId", "handleId", "action", "actorEmail", "createdAt"
        )
        INSERT INTO "download_days" ("fileId", "handleId", "day", "visitorEmail", "downloads", "firstAt", "lastAt")
        SELECT "fileId", "handleId", "createdAt"::date, COALESCE("actorEmail", ''), count(*), min("createdAt"), max("createdAt")
        FROM "written"
        WHERE "action" = 'file.downloaded' AND "fileId" IS NOT NULL AND "handleId" IS NOT NULL
        GROUP BY 1, 2, 3, 4
        ON CONFLICT ("fileId", "day", "visitorEmail") DO UPDATE SET
          "downloads" = "download_days"."downloads" + EXCLUDED."downloads",
          "firstAt" = LEAST("download_days"."firstAt", EXCLUDED."firstAt"),
          "lastAt" = GREATEST("download_days"."lastAt", EXCLUDED."lastAt")`;
      } catch (error) {
        // Database away: keep the rows for the next flush (bounded, oldest dropped first).
        s.audit.unshift(...audit.slice(-MAX_QUEUED_AUDIT_ROWS));
        s.audit.splice(MAX_QUEUED_AUDIT_ROWS);
        schedule();
        throw error;
      }
    }
    const now = clock.now().getTime();
    for (const [bucket, c] of s.counters) if (c.windowEnd.getTime() <= now && c.pending === 0) s.counters.delete(bucket);
    if (s.counters.size > 0 || s.audit.length > 0) schedule();
  })();
  try {
    await s.flushing;
  } finally {
    s.flushing = null;
  }
}
