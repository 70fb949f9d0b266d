import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite's data folder belongs to one process: a second opener would corrupt it.
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function embeddedLockFile(dataDir: string): string {
  return path.join(dataDir, "db.lock");
}

/** Pid of the live process holding the embedded database, or null. */
export function embeddedDatabaseOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(embeddedLockFile(dataDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(dataDir: string, readonly owner: number) {
    super(
      `The embedded database in ${dataDir} is open in process ${owner}. ` +
        "Use the running server (the admin CLI and sweep talk to it), or set DATABASE_URL.",
    );
  }
}

const held = new Set<string>();

/** Takes the folder's lock (created exclusively, so two starters cannot both win); idempotent per process. */
export function acquireEmbeddedLock(dataDir: string): void {
  const file = embeddedLockFile(dataDir);
  if (held.has(file)) return;
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw error;
      const owner = embeddedDatabaseOwner(dataDir);
      if (owner === process.pid) break;
      if (owner !== null) throw new EmbeddedDatabaseBusyError(dataDir, owner);
      try {
        unlinkSync(file); // left behind by a process that is gone
      } catch {
        /* another starter removed it first */
      }
    }
  }
  held.add(file);
  process.once("exit", () => {
    try {
      if (embeddedDatabaseOwner(dataDir) === process.pid) unlinkSync(file);
    } catch {
      /* already gone */
    }
  });
}
