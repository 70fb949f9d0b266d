import { clock } from "../clock";
import { db } from "../db/client";
import { acquireLease, releaseLease } from "./lease";

export interface SweepOptions {
  /** Override EXPIRED_GRACE_HOURS for this run (e.g. `npm run sweep -- --grace-hours 0`). */
  graceHours?: number;
}

export interface SweepReport {
  ran: boolean;
  expiredObjectsDeleted: number;
  stalePendingDeleted: number;
  staleTempFilesDeleted: number;
  housekeepingRowsDeleted: number;
}

const LEASE = "sweeper";

/** Housekeeping of short-lived rows: expired magic tokens, old counters and idempotency keys. */
async function sweepHousekeeping(): Promise<number> {
  const prisma = await db();
  const now = clock.now();
  const results = await Promise.all([
    prisma.magicToken.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.rateLimitCounter.deleteMany({ where: { windowEnd: { lte: now } } }),
    prisma.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  return results.reduce((sum, r) => sum + r.count, 0);
}

export async function runSweep(options: SweepOptions = {}): Promise<SweepReport> {
  const report: SweepReport = { ran: false, expiredObjectsDeleted: 0, stalePendingDeleted: 0, staleTempFilesDeleted: 0, housekeepingRowsDeleted: 0 };
  if (!(await acquireLease(LEASE, 300))) return report;
  try {
    report.ran = true;
    const { sweepFiles } = await import("../files/sweep-files");
    Object.assign(report, await sweepFiles(options));
    report.housekeepingRowsDeleted = await sweepHousekeeping();
  } finally {
    await releaseLease(LEASE);
  }
  return report;
}
