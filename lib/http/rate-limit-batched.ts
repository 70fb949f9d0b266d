import { clock } from "../clock";
import { rootDb } from "../db/client";
import { Prisma } from "../generated/prisma/client";
import { writeBehindQueue } from "../write-behind";
import { bucketFor, consumeRateLimit, type RateLimitPolicy, type RateLimitResult } from "./rate-limit";

// The write-behind flavour of consumeRateLimit, for the public download throttle (the
// hottest counter). The first hit of a bucket on this instance is the exact, shared upsert;
// later hits count locally against the last known shared count and are added to the shared
// row once per flush. N instances can overshoot a limit by what the others have not
// flushed yet (at most FLUSH_MS of traffic; docs/decisions.md).

interface Counter {
  bucket: string;
  windowStart: Date;
  windowEnd: Date;
  /** The shared count after our last write. */
  known: number;
  /** Units taken here and not yet written. */
  pending: number;
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
  if (!counter) {
    const result = await consumeRateLimit(policy, key); // exact, shared
    counters.set(bucket, {
      bucket,
      windowStart: new Date(windowIndex * windowMs),
      windowEnd: new Date((windowIndex + 1) * windowMs),
      known: result.allowed ? policy.limit - result.remaining : policy.limit,
      pending: 0,
    });
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
      for (const { c, sent } of due) {
        c.pending -= sent;
        c.known = counts.get(c.bucket) ?? c.known + sent;
      }
    }
    const now = clock.now().getTime();
    for (const [bucket, c] of counters) if (c.windowEnd.getTime() <= now && c.pending === 0) counters.delete(bucket);
    if (counters.size > 0) queue.schedule();
  });
}
