import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import next from "next";
import type { NextConfig } from "next";
import { config } from "../lib/config";
import { CLIENT_IP_HEADER } from "../lib/http/client-ip";
import { ApiError } from "../lib/http/errors";
import { internalError, problemParts } from "../lib/http/problem";
import { downloadOrigin } from "../lib/storage";
import { requestIdFrom } from "../lib/http/request-id";
import { serveFastRoute } from "./fast-routes";
import { writeServerFile } from "./server-file";

// The HTTP front of the app: every response (framework 404s included) gets a request id
// and the security headers; the client address comes from the socket, never the client.
export interface ServerOptions {
  port: number;
  hostname?: string;
  dir?: string;
}

function clientAddress(req: IncomingMessage): string {
  if (process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1") {
    const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((h) => h.trim()).filter(Boolean);
    if (hops.length > 0) return hops[hops.length - 1];
  }
  return req.socket.remoteAddress ?? "unknown";
}

function prepareRequest(req: IncomingMessage, res: ServerResponse, pagePolicy: string): void {
  const requestId = requestIdFrom(new Headers({ "x-request-id": String(req.headers["x-request-id"] ?? "") }));
  req.headers["x-request-id"] = requestId;
  req.headers[CLIENT_IP_HEADER] = clientAddress(req);
  delete req.headers["x-middleware-subrequest"]; // CVE-2025-29927 class of bypasses
  res.setHeader("X-Request-Id", requestId);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  if ((process.env.APP_URL ?? "").startsWith("https://")) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  // Defaults a route may override (download redirects say no-referrer, for instance).
  const defaults: Record<string, string> = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": pagePolicy,
  };
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const inline = args.find((a) => a && typeof a === "object" && !Array.isArray(a)) as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(defaults)) {
      const given = inline && Object.keys(inline).some((k) => k.toLowerCase() === name.toLowerCase());
      if (!res.hasHeader(name) && !given) res.setHeader(name, value);
    }
    if (apiPath && (args[0] === 405 || res.statusCode === 405) && !res.hasHeader("content-type")) {
      res.setHeader("Content-Type", "application/problem+json; charset=utf-8");
      methodNotAllowed = true;
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
  // Next answers unsupported methods with an empty 405; API clients get a problem body.
  const apiPath = isApiPath(req.url);
  let methodNotAllowed = false;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((...args: unknown[]) => (methodNotAllowed ? true : write(...args))) as ServerResponse["write"];
  res.end = ((...args: unknown[]) => {
    if (!methodNotAllowed && !(apiPath && res.statusCode === 405 && !res.headersSent && !res.hasHeader("content-type"))) return end(...args);
    if (!res.headersSent) res.setHeader("Content-Type", "application/problem+json; charset=utf-8");
    return end(problemParts(new ApiError(405, "method_not_allowed", "This route does not accept that method."), requestId).body);
  }) as ServerResponse["end"];
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** What Next would turn into a bare 500: unknown methods (TRACE…) and broken %-encoding. */
function refuseBeforeNext(req: IncomingMessage): ApiError | null {
  if (!KNOWN_METHODS.has(req.method ?? "")) return new ApiError(405, "method_not_allowed", `${req.method} is not supported.`);
  try {
    decodeURIComponent((req.url ?? "/").split("?")[0]);
  } catch {
    return new ApiError(400, "invalid_path", "The URL path is not valid percent-encoding.");
  }
  return null;
}

/** A problem answered by the front itself, built like every other (lib/http/problem.ts). */
function sendProblem(res: ServerResponse, error: ApiError): void {
  const { status, headers, body } = problemParts(error, String(res.getHeader("X-Request-Id") ?? ""));
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

const hasBody = (req: IncomingMessage) =>
  Number(req.headers["content-length"] ?? "0") > 0 || req.headers["transfer-encoding"] !== undefined;

/** Uploads to the local driver's signed URLs: long bodies, judged by idleness, not by total time. */
const isUpload = (req: IncomingMessage) => req.method === "PUT" && (req.url ?? "").startsWith("/storage/");

/**
 * Slow-body limits (Node's requestTimeout is per server, and 250 MiB uploads must not be
 * cut by a total deadline). Other bodies must arrive within BODY_TIMEOUT_MS: a client
 * still sending then gets 408 and the connection is closed. Uploads are cut after
 * UPLOAD_IDLE_TIMEOUT_MS without a byte (the socket's idle timer, refreshed by every read).
 */
function limitBodyTime(req: IncomingMessage, res: ServerResponse, limits: { bodyMs: number; uploadIdleMs: number }): void {
  if (!hasBody(req)) return;
  const socket = req.socket;
  if (isUpload(req)) {
    if (limits.uploadIdleMs <= 0) return;
    const onIdle = () => {
      if (!req.complete) socket.destroy();
    };
    socket.setTimeout(limits.uploadIdleMs, onIdle);
    const clear = () => {
      socket.off("timeout", onIdle);
      if (!res.writableFinished) socket.setTimeout(0); // after the answer, Node's keep-alive timer owns it
    };
    req.once("end", clear);
    res.once("close", clear);
    return;
  }
  if (limits.bodyMs <= 0) return;
  const timer = setTimeout(() => {
    if (req.complete) return;
    if (res.headersSent) {
      socket.destroy(); // answered already, but the body is still trickling in
      return;
    }
    res.setHeader("Connection", "close");
    res.once("finish", () => socket.destroy());
    sendProblem(res, new ApiError(408, "request_timeout", `The request body did not arrive within ${Math.round(limits.bodyMs / 1000)} s.`));
  }, limits.bodyMs);
  timer.unref();
  req.once("end", () => clearTimeout(timer));
  socket.once("close", () => clearTimeout(timer));
}

const isApiPath = (url = "") => url.startsWith("/v2/") || url.startsWith("/_edge/") || url.startsWith("/%5Fedge/");

/**
 * The pages' CSP. `form-action` also names the download origin, exactly: the magic-link
 * "Continue to download" form ends in a redirect there, and browsers check form-action
 * on every hop of a form's redirect chain.
 */
async function pageSecurityPolicy(): Promise<string> {
  const appOrigin = new URL(config().appUrl).origin;
  const download = await downloadOrigin();
  const formAction = download === appOrigin ? "'self'" : `'self' ${download}`;
  return `frame-ancestors 'none'; base-uri 'self'; form-action ${formAction}`;
}

/**
 * The configuration `next build` resolved and wrote next to the build (what Next's own
 * standalone server uses): with it Next neither compiles next.config.ts with SWC at start
 * nor keeps SWC's native module loaded (≈ 25–40 MiB of RSS and 150–300 ms of start).
 * Next then loads no `.env` file either; the app never documented one (configuration is
 * the process environment, see README).
 */
function builtConfig(dir: string): NextConfig | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, ".next", "required-server-files.json"), "utf8")).config as NextConfig;
  } catch {
    return undefined; // no build yet, or an older one: Next reads next.config.ts itself
  }
}

export async function startServer(options: ServerOptions): Promise<{ close(): Promise<void>; url: string }> {
  const hostname = options.hostname ?? "0.0.0.0";
  const dir = options.dir ?? process.cwd();
  const conf = builtConfig(dir);
  // Next's router reads its configuration through this variable (as in its standalone server).
  if (conf) process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  const app = next({ dev: false, dir, hostname, port: options.port, conf });
  const handle = app.getRequestHandler();
  await app.prepare();
  const pagePolicy = await pageSecurityPolicy();
  const limits = { bodyMs: config().BODY_TIMEOUT_MS, uploadIdleMs: config().UPLOAD_IDLE_TIMEOUT_MS };
  const server = createServer((req, res) => {
    prepareRequest(req, res, pagePolicy);
    const refusal = refuseBeforeNext(req);
    if (refusal) return sendProblem(res, refusal);
    limitBodyTime(req, res, limits);
    serveFastRoute(req, res).then((served) => (served ? undefined : handle(req, res))).catch((error) => {
      console.error(`[${req.headers["x-request-id"]}] unhandled`, error);
      if (!res.headersSent) sendProblem(res, internalError());
      else res.destroy();
    });
  });
  server.requestTimeout = 0; // per route instead: limitBodyTime (250 MiB uploads on slow links take long)
  server.headersTimeout = 60_000;
  // Node arms the keep-alive timer (5 s by default) on a reused socket and can fire it while
  // a long body is still arriving: a 250 MB PUT over undici fetch was cut after ~4 s (EPIPE).
  // 65 s also outlasts the usual 60 s idle timeout of load balancers in front of us.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${options.port}`;
  // The admin CLI and `npm run sweep` find the running server here (embedded PGlite is single-process).
  writeServerFile(path.resolve(process.env.DATA_DIR ?? "./data"), url);
  // Warm up: runs migrations and starts the sweeper before the first real request.
  const health = await fetch(`${url}/healthz`).catch((error: Error) => ({ status: 0, statusText: error.message }));
  console.log(`Gharart Files listening on ${url} (APP_URL ${process.env.APP_URL}); health ${health.status}`);
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
