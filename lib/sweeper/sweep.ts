import { clock } from "../clock";
import { deleteExpiredMagicTokens } from "../auth/magic-tokens";
import { deleteExpiredIdempotencyRecords } from "../http/idempotency";
import { deleteEndedRateLimitWindows } from "../http/rate-limit";
import { sweepFiles, type FileSweepOptions } from "../files/sweep-files";
import { acquireLease, releaseLease } from "./lease";

// The sweeper calls the owners' sweeps (files here); they never import the sweeper back.
export type SweepOptions = FileSweepOptions;

export interface SweepReport {
  ran: boolean;
  expiredObjectsDeleted: number;
  stalePendingDeleted: number;
  staleTempFilesDeleted: number;
  housekeepingRowsDeleted: number;
}

const LEASE = "sweeper";

/** Housekeeping of short-lived rows, each deleted by the module that owns its table. */
async function sweepHousekeeping(): Promise<number> {
  const now = clock.now();
  const counts = await Promise.all([deleteExpiredMagicTokens(now), deleteEndedRateLimitWindows(now), deleteExpiredIdempotencyRecords(now)]);
  return counts.reduce((sum, count) => sum + count, 0);
}

export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const report: SweepReport = { ran: false, expiredObjectsDeleted: 0, stalePendingDeleted: 0, staleTempFilesDeleted: 0, housekeepingRowsDeleted: 0 };
  if (!(await acquireLease(LEASE, 300))) return report;
  try {
    report.ran = true;
    Object.assign(report, await sweepFiles(options));
    report.housekeepingRowsDeleted = await sweepHousekeeping();
  } finally {
    await releaseLease(LEASE);
  }
  return report;
}
