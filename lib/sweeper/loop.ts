import { config } from "../config";
import { runSweep } from "./sweep";

const globalForLoop = globalThis as unknown as { __gharartSweeper?: NodeJS.Timeout };

/** In-process sweeper: every instance ticks, the database lease lets one of them work. */
export function startSweeperLoop(): void {
  const interval = config().SWEEP_INTERVAL_SECONDS;
  if (globalForLoop.__gharartSweeper || interval === 0) return;
  globalForLoop.__gharartSweeper = setInterval(() => {
    runSweep().catch((error) => console.error("sweeper: run failed", (error as Error).message));
  }, interval * 1000);
  globalForLoop.__gharartSweeper.unref();
}
