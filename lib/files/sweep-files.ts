import type { SweepOptions } from "../sweeper/sweep";

export async function sweepFiles(_options: SweepOptions) {
  return { expiredObjectsDeleted: 0, stalePendingDeleted: 0 };
}
