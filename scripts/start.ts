import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { adminSecret } from "../lib/admin/secret";
import { config } from "../lib/config";
import { checkStorageCached } from "../lib/storage/check";
import { startServer } from "./server";

// `npm start`: build when there is no production build yet, then serve on PORT.
// Migrations run inside the server on start-up (instrumentation.ts).
const cfg = config(); // fails fast on invalid configuration
process.env.APP_URL = cfg.appUrl;
process.env.NEXTAUTH_URL = cfg.appUrl;
process.env.NEXTAUTH_SECRET = cfg.authSecret;
adminSecret(); // created before the CLI or a test may need to read it

if (!existsSync(".next/BUILD_ID")) {
  console.log("No production build found: running `next build` once…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await startServer({ port: cfg.PORT, hostname: process.env.HOSTNAME ?? "0.0.0.0" });

// A warning, not a stop: the server keeps running so /healthz can report the same reason.
for (const problem of (await checkStorageCached()).problems) console.warn(`storage: ${problem.message}`);

// Graceful stop: finish open requests, then write what is still queued (download events).
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    const { flushDownloadWrites } = await import("../lib/sharing/download-writes");
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 5000))]);
    await flushDownloadWrites().catch((error) => console.error("shutdown: flush failed", (error as Error).message));
    process.exit(0);
  });
}
