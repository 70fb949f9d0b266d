import { createHash } from "node:crypto";
import { clock } from "../clock";
import { db } from "../db/client";
import { ApiError } from "./errors";

// Fixed-window counters in the database, so every app instance shares one count. The
// conditional upsert is atomic: with one unit left, exactly one of N racers gets it.
export interface RateLimitPolicy {
  name: string;
  limit: number;
  windowSec: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  resetSec: number;
  policy: RateLimitPolicy;
}

/** One row per policy, key and window; the write-behind download throttle shares it. */
export function bucketFor(policy: RateLimitPolicy, key: string, windowIndex: number): string {
  const keyHash = createHash("sha256").update(key).digest("base64url").slice(0, 32);
  return `${policy.name}:${keyHash}:${windowIndex}`;
}

export async function consumeRateLimit(policy: RateLimitPolicy, key: string): Promise<RateLimitResult> {
  const nowMs = clock.now().getTime();
  const windowMs = policy.windowSec * 1000;
  const windowIndex = Math.floor(nowMs / windowMs);
  const windowEnd = new Date((windowIndex + 1) * windowMs);
  const resetSec = Math.max(1, Math.ceil((windowEnd.getTime() - nowMs) / 1000));
  const rows = await (await db()).$queryRaw<{ count: number }[]>`
    INSERT INTO "rate_limit_counters" ("bucket", "count", "windowStart", "windowEnd")
    VALUES (${bucketFor(policy, key, windowIndex)}, 1, ${new Date(windowIndex * windowMs)}, ${windowEnd})
    ON CONFLICT ("bucket") DO UPDATE SET "count" = "rate_limit_counters"."count" + 1
    WHERE "rate_limit_counters"."count" < ${policy.limit}
    RETURNING "count"`;
  const count = rows[0]?.count;
  const allowed = count !== undefined && policy.limit > 0;
  return { allowed, remaining: allowed ? Math.max(0, policy.limit - count) : 0, resetSec, policy };
}

/** Gives a unit back (e.g. a counted write that then failed before executing). */
export async function refundRateLimit(policy: RateLimitPolicy, key: string): Promise<void> {
  const windowIndex = Math.floor(clock.now().getTime() / (policy.windowSec * 1000));
  await (await db()).$executeRaw`
    UPDATE "rate_limit_counters" SET "count" = GREATEST("count" - 1, 0)
    WHERE "bucket" = ${bucketFor(policy, key, windowIndex)}`;
}

/** IETF draft-10 headers: RateLimit-Policy and RateLimit. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const { name, limit, windowSec } = result.policy;
  return {
    "RateLimit-Policy": `"${name}";q=${limit};w=${windowSec}`,
    RateLimit: `"${name}";r=${result.remaining};t=${result.resetSec}`,
  };
}

export function rateLimitError(result: RateLimitResult, code = "rate_limited", detail?: string): ApiError {
  return new ApiError(
    429,
    code,
    detail ?? `Too many requests for '${result.policy.name}'. Retry after ${result.resetSec} s.`,
    { ...rateLimitHeaders(result), "Retry-After": String(result.resetSec) },
    { violatedPolicy: result.policy.name },
  );
}

/** Consumes one unit or throws 429 with Retry-After and RateLimit-* headers. */
export async function enforceRateLimit(policy: RateLimitPolicy, key: string, code?: string): Promise<RateLimitResult> {
  const result = await consumeRateLimit(policy, key);
  if (!result.allowed) throw rateLimitError(result, code);
  return result;
}

/** Sweeper housekeeping: counters of windows that have ended; how many rows went. */
export async function deleteEndedRateLimitWindows(now: Date): Promise<number> {
  return (await (await db()).rateLimitCounter.deleteMany({ where: { windowEnd: { lte: now } } })).count;
}
