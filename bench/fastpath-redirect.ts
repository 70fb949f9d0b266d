// Diagnostic for the redirect figure: the app's OWN download logic (lib/sharing/download.ts
// pieces: throttle upsert, file lookup through Prisma, readiness, signing, audit insert)
// served from a bare node:http server, i.e. without Next.js in the path. It shows what
// serving GET /v2/public/files/{id} straight from scripts/server.ts would reach, what each
// database write costs, and what the proposed write-behind would give (FASTPATH_MODE).
//
// Env: BASELINE_PORT, DATA_DIR (for PGlite: a folder whose db/ holds a seeded copy),
// DATABASE_URL (PostgreSQL), APP_URL, AUTH_SECRET, FASTPATH_MODE.
import { createServer } from "node:http";
import { recordAudit } from "../lib/audit/audit";
import { config } from "../lib/config";
import { closeDb, db } from "../lib/db/client";
import { servedContentType } from "../lib/files/content-type";
import { CLIENT_IP_HEADER } from "../lib/http/client-ip";
import { enforceRateLimit, rateLimitError } from "../lib/http/rate-limit";
import { decideOnFreshFile } from "../lib/sharing/public-file";
import { storage } from "../lib/storage";
import { resolveDownload } from "../lib/sharing/download";
import { recordAuditBatched } from "../lib/audit/audit-batched";
import { consumeRateLimitBatched } from "../lib/http/rate-limit-batched";
import { flushWriteBehind } from "../lib/write-behind-flush";

// FASTPATH_MODE: full (resolveDownload itself) | no-audit | no-throttle | no-writes (the
// same steps minus those writes) | batched (both writes through the proposed write-behind
// modules, lib/http/rate-limit-batched.ts and lib/audit/audit-batched.ts) | route (the unmodified route module).
const mode = process.env.FASTPATH_MODE || "full";
const PATH = /^\/v2\/public\/files\/([^/?]+)$/;

async function decide(fileId: string, clientIp: string, requestId: string): Promise<string | null> {
  if (mode === "full") {
    return resolveDownload(fileId, new Headers(), clientIp, requestId);
  }
  // The same steps as resolveDownload for a PUBLIC file, with the writes varied.
  const policy = { name: "downloads", limit: config().DOWNLOAD_RATE_LIMIT_PER_MINUTE, windowSec: 60 };
  if (mode === "batched") {
    const result = await consumeRateLimitBatched(policy, `${clientIp}:${fileId}`);
    if (!result.allowed) throw rateLimitError(result);
  } else if (mode !== "no-throttle" && mode !== "no-writes") {
    await enforceRateLimit(policy, `${clientIp}:${fileId}`);
  }
  const { file, verdict } = await decideOnFreshFile(fileId, { wants: "download", email: null });
  if (!file || !verdict.allowed) return null;
  const url = await storage().presignDownload(file.objectKey, {
    fileName: file.fileName,
    contentType: servedContentType(file.contentType),
    ttlSec: Math.min(300, verdict.secondsLeft),
  });
  const audit = {
    action: "file.downloaded", handleId: file.handleId, fileId: file.id,
    actor: { kind: "anonymous" as const, email: null, requestId }, detail: { clientIp },
  };
  if (mode === "batched") recordAuditBatched(audit);
  else if (mode !== "no-audit" && mode !== "no-writes") await recordAudit(audit);
  return url;
}

// FASTPATH_MODE=route: the app's unmodified route module (route wrapper, problem answers,
// share-page redirects and all) called from node:http, as scripts/server.ts could do it.
type RouteGet = (req: Request, ctx: { params: Promise<{ fileId: string }> }) => Promise<Response>;
const routeGet: RouteGet | null = mode === "route"
  ? ((await import("../app/v2/public/files/[fileId]/route")).GET as unknown as RouteGet)
  : null;

let counter = 0;
const server = createServer(async (req, res) => {
  const match = PATH.exec(req.url ?? "");
  if (req.method !== "GET" || !match) {
    res.writeHead(404).end();
    return;
  }
  if (routeGet) {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    headers.set(CLIENT_IP_HEADER, req.socket.remoteAddress ?? "unknown");
    const response = await routeGet(new Request(`${config().appUrl}${req.url}`, { headers }), {
      params: Promise.resolve({ fileId: decodeURIComponent(match[1]) }),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
    return;
  }
  try {
    const url = await decide(decodeURIComponent(match[1]), req.socket.remoteAddress ?? "unknown", `req_fastpath${++counter}`);
    if (!url) res.writeHead(409).end();
    else res.writeHead(302, { Location: url, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).end();
  } catch (error) {
    const status = (error as { status?: number }).status ?? 500;
    if (status === 500) console.error("fastpath: request failed", error);
    res.writeHead(status).end();
  }
});

await db(); // migrate / open before the first request, like the app's instrumentation
const port = Number(process.env.BASELINE_PORT);
server.listen(port, "127.0.0.1", () => console.log(`baseline listening on http://127.0.0.1:${port} (fast path: ${mode})`));

const shutdown = () =>
  server.close(() => flushWriteBehind().catch(() => undefined).then(closeDb).finally(() => process.exit(0)));
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
