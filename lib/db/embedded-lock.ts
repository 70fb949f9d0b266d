import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

// PGlite's data folder belongs to one process: a second opener would corrupt it.
function isAlive(pid: number): boolean {
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
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function acquireEmbeddedLock(dataDir: string): void {
  const owner = embeddedDatabaseOwner(dataDir);
  if (owner !== null && owner !== process.pid) {
    throw new Error(
      `The embedded database in ${dataDir} is open in process ${owner}. ` +
        "Use the running server (the admin CLI and sweep talk to it), or set DATABASE_URL.",
    );
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(embeddedLockFile(dataDir), String(process.pid));
  const release = () => {
    try {
      if (embeddedDatabaseOwner(dataDir) === process.pid) unlinkSync(embeddedLockFile(dataDir));
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
}
