import { clock } from "../clock";
import { rootDb } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { FLUSH_MS, writeBehindQueue } from "../write-behind";
import { bucketFor, consumeRateLimit, type RateLimitPolicy, type RateLimitResult } from "./rate-limit";

// The write-behind flavour of consumeRateLimit, for the public download throttle (the
// hottest counter) and the read routes' throttles. The first hit of a bucket on this
// instance is the exact, shared upsert, and so is a hit on a count not synced for a flush
// interval; other hits count locally against the last known shared count and are added to
// the shared row once per flush. N instances can overshoot a limit by what the others took
// within one flush interval (FLUSH_MS of traffic; docs/decisions.md).

interface Counter {
  bucket: string;
  windowStart: Date;
  windowEnd: Date;
  /** The shared count after our last write. */
  known: number;
  /** Units taken here and not yet written. */
  pending: number;
  /** When `known` was read from the shared row (clock ms). */
  syncedAt: number;
}

const queue = writeBehindQueue("rateLimitBatch", () => new Map<string, Counter>(), flushRateLimitBatch);
const counters = queue.state;

/** Drop-in for consumeRateLimit where a flush's worth of overshoot across instances is acceptable. */
export async function consumeRateLimitBatched(policy: RateLimitPolicy, key: string): Promise<RateLimitResult> {
  const nowMs = clock.now().getTime();
  const windowMs = policy.windowSec * 1000;
  const windowIndex = Math.floor(nowMs / windowMs);
  const bucket = bucketFor(policy, key, windowIndex);
  const resetSec = Math.max(1, Math.ceil(((windowIndex + 1) * windowMs - nowMs) / 1000));
  const counter = counters.get(bucket);
  // A quiet bucket's count may be stale (other instances count too): take the exact path again.
  if (!counter || (counter.pending === 0 && nowMs - counter.syncedAt >= FLUSH_MS)) {
    const result = await consumeRateLimit(policy, key); // exact, shared
    // Concurrent hits may have made or counted on the entry meanwhile: keep their pending units.
    const entry = counters.get(bucket) ?? {
      bucket, windowStart: new Date(windowIndex * windowMs), windowEnd: new Date((windowIndex + 1) * windowMs), known: 0, pending: 0, syncedAt: 0,
    };
    entry.known = Math.max(entry.known, result.allowed ? policy.limit - result.remaining : policy.limit);
    entry.syncedAt = nowMs;
    counters.set(bucket, entry);
    queue.schedule(); // forgets the bucket once its window is over
    return result;
  }
  if (policy.limit <= 0 || counter.known + counter.pending >= policy.limit) return { allowed: false, remaining: 0, resetSec, policy };
  counter.pending++;
  queue.schedule();
  return { allowed: true, remaining: Math.max(0, policy.limit - counter.known - counter.pending), resetSec, policy };
}

/** Adds the units taken here to the shared rows (also on shutdown). */
export function flushRateLimitBatch(): Promise<void> {
  return queue.serialize(async () => {
    const due = [...counters.values()].filter((c) => c.pending > 0).map((c) => ({ c, sent: c.pending }));
    if (due.length > 0) {
      const prisma = await rootDb(); // never a request's transaction: this outlives requests
      const rows = await prisma.$queryRaw<{ bucket: string; count: number }[]>`
        INSERT INTO "rate_limit_counters" ("bucket", "count", "windowStart", "windowEnd")
        VALUES ${Prisma.join(due.map(({ c, sent }) => Prisma.sql`(${c.bucket}, ${sent}, ${c.windowStart}, ${c.windowEnd})`))}
        ON CONFLICT ("bucket") DO UPDATE SET "count" = "rate_limit_counters"."count" + EXCLUDED."count"
        RETURNING "bucket", "count"`;
      const counts = new Map(rows.map((r) => [r.bucket, Number(r.count)]));
      const syncedAt = clock.now().getTime();
      for (const { c, sent } of due) {
        c.pending -= sent;
        c.known = counts.get(c.bucket) ?? c.known + sent;
        c.syncedAt = syncedAt;
      }
    }
    const now = clock.now().getTime();
    for (const [bucket, c] of counters) if (c.windowEnd.getTime() <= now && c.pending === 0) counters.delete(bucket);
    if (counters.size > 0) queue.schedule();
  });
}
