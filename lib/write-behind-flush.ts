import { flushAuditBatch } from "./audit/audit-batched";
import { flushRateLimitBatch } from "./http/rate-limit-batched";

/** Writes every write-behind queue (graceful stop, benchmarks). */
export async function flushWriteBehind(): Promise<void> {
  const results = await Promise.allSettled([flushRateLimitBatch(), flushAuditBatch()]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
