import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { adminSecret } from "../lib/admin/secret";
import { config } from "../lib/config";
import { acquireEmbeddedLock, embeddedDatabaseOwner } from "../lib/db/embedded-lock";
import { checkStorageCached } from "../lib/storage/check";
import { startServer } from "./server";
import { runningServer } from "./server-file";

// `npm start`: build when there is no production build yet, then serve on PORT.
// Migrations run inside the server on start-up (instrumentation.ts).

/** One line and a non-zero exit: what an operator needs, without a stack trace. */
function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

// Before anything is written (secrets, server.json, the database): is this folder served?
const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
const running = runningServer(dataDir);
if (running) fail(`${dataDir} is already served by process ${running.pid} (${running.url}). Stop it first, or give this instance its own DATA_DIR.`);

let cfg: ReturnType<typeof config>;
try {
  cfg = config(); // fails fast on invalid configuration
} catch (error) {
  fail((error as Error).message);
}
if (cfg.embedded) {
  const owner = embeddedDatabaseOwner(cfg.dataDir);
  if (owner !== null && owner !== process.pid) fail(`the embedded database in ${cfg.dataDir} is open in process ${owner} (a running server, admin command or sweep).`);
  try {
    acquireEmbeddedLock(cfg.dataDir); // held from now on, so a concurrent start loses here
  } catch (error) {
    fail((error as Error).message);
  }
}
process.env.APP_URL = cfg.appUrl;
process.env.NEXTAUTH_URL = cfg.appUrl;
process.env.NEXTAUTH_SECRET = cfg.authSecret;
adminSecret(); // created before the CLI or a test may need to read it

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build found: running `next build` once…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // `next build` empties .next: the server bundle (already running) and the empty-database
  // template go with it. Made again now, in a child process, like `npm run build` does.
  const server = spawnSync(process.execPath, ["scripts/build-server.mjs"], { stdio: "inherit", env: process.env });
  if (server.status !== 0) process.exit(server.status ?? 1);
}

const server = await startServer({ port: cfg.PORT, hostname: process.env.HOSTNAME ?? "0.0.0.0" }).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === "EADDRINUSE" ? `port ${cfg.PORT} is already in use: choose another PORT (and change APP_URL with it).` : error.message),
);

// A warning, not a stop: the server keeps running so /healthz can report the same reason.
for (const problem of (await checkStorageCached()).problems) console.warn(`storage: ${problem.message}`);

// Graceful stop: finish open requests, then write what is still queued (download events).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    const { flushWriteBehind } = await import("../lib/write-behind-flush");
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 5000))]);
    await flushWriteBehind().catch((error) => console.error("shutdown: flush failed", (error as Error).message));
    process.exit(0);
  });
}
