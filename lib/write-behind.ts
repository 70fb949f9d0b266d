// Write-behind queues (lib/http/rate-limit-batched.ts, lib/audit/audit-batched.ts) flush
// every FLUSH_MS: measured in bench/README.md, two committed writes per public download
// cost more than the download itself. Their state lives on globalThis because the HTTP
// front's fast routes load a second copy of these modules (scripts/fast-routes.ts).
export const FLUSH_MS = 100;

export interface WriteBehindQueue<S> {
  state: S;
  /** Starts the flush timer unless it is already running. */
  schedule(): void;
  /** Runs `write` with no other flush of this queue in flight. */
  serialize(write: () => Promise<void>): Promise<void>;
}

export function writeBehindQueue<S>(name: string, initial: () => S, flush: () => Promise<void>): WriteBehindQueue<S> {
  const shared = globalThis as unknown as Record<string, { state: S; timer: NodeJS.Timeout | null; flushing: Promise<void> | null }>;
  const q = (shared[`__gharart_${name}`] ??= { state: initial(), timer: null, flushing: null });
  return {
    state: q.state,
    schedule() {
      if (q.timer) return;
      q.timer = setTimeout(() => {
        q.timer = null;
        flush().catch((error) => console.error(`${name}: flush failed`, (error as Error).message));
      }, FLUSH_MS);
      q.timer.unref();
    },
    async serialize(write) {
      while (q.flushing) await q.flushing;
      q.flushing = write();
      try {
        await q.flushing;
      } finally {
        q.flushing = null;
      }
    },
  };
}
