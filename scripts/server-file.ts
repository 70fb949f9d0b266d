import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { processAlive } from "../lib/db/embedded-lock";

// DATA_DIR/server.json says which process serves a data folder and where: the admin CLI
// and `npm run sweep` find the server through it, and a second `npm start` refuses.
export interface ServerFile {
  pid: number;
  url: string;
}

const serverFilePath = (dataDir: string) => path.join(dataDir, "server.json");

/** The live server of this data folder (another process), or null. */
export function runningServer(dataDir: string): ServerFile | null {
  try {
    const file = JSON.parse(readFileSync(serverFilePath(dataDir), "utf8")) as ServerFile;
    return Number.isInteger(file.pid) && file.pid !== process.pid && processAlive(file.pid) ? file : null;
  } catch {
    return null;
  }
}

/** Claims the data folder for this process; the claim is removed when the process exits. */
export function writeServerFile(dataDir: string, url: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(serverFilePath(dataDir), JSON.stringify({ pid: process.pid, url }));
  process.once("exit", () => {
    try {
      const file = JSON.parse(readFileSync(serverFilePath(dataDir), "utf8")) as ServerFile;
      if (file.pid === process.pid) unlinkSync(serverFilePath(dataDir));
    } catch {
      /* already gone */
    }
  });
}
