import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { clientIp } from "../http/client-ip";
import { ApiError } from "../http/errors";
import { toApiError } from "../http/problem";
import { enforceRateLimit } from "../http/rate-limit";
import { requestIdFrom } from "../http/request-id";
import { decideDocsAccess, type DocsAccessPolicy } from "./access";
import { parseDocsHandle, parseDocsPath } from "./docs-path";
import { findServableDoc, listServableDocs } from "./docs-store";
import { EDGE_ALLOW, edgeErrorResponse, withEdgeHeaders, type ErrorContext } from "./edge-responses";
import { renderIndexPage, type DocsChrome } from "./layout-html";
import { DOCS_PAGE_CSP } from "./layout-css";
import { wantsHtml } from "../http/browser";
import { loadDocsPolicy } from "./policy";
import { docResponse } from "./serve-doc";
import { resolveDocsViewer } from "./viewer";

// GET/HEAD/OPTIONS /_edge/docs/{handle}/{...path}. The policy is enforced here, in the
// handler, on every request (never in middleware). Order: canonical path (400/404) →
// throttle → handle → policy decision (401/403) → the doc (404/409/410) → bytes.
export interface EdgeSegment {
  params: Promise<{ handle: string; path?: string[] }>;
}

export async function serveEdgeDocs(req: Request, segment: EdgeSegment): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  const ctx: ErrorContext = { requestId, html: wantsHtml(req.headers), handle: null, docsPath: "", offerMagicLink: false };
  try {
    const params = await segment.params;
    const slug = parseDocsHandle(params.handle);
    const docsPath = parseDocsPath(params.path);
    ctx.docsPath = docsPath;
    await enforceRateLimit({ name: "docs.edge", limit: config().DOWNLOAD_RATE_LIMIT_PER_MINUTE, windowSec: 60 }, `ip:${clientIp(req.headers)}`);
    const handle = await (await db()).handle.findUnique({ where: { slug }, select: { id: true, slug: true } });
    ctx.handle = slug;

    // An unknown handle answers exactly like one whose docs are for members only.
    const policy = handle ? await loadDocsPolicy(handle.id) : null;
    const decision = decideDocsAccess(policy ?? UNKNOWN_HANDLE_POLICY, await resolveDocsViewer(req, handle), clock.now());
    if (!decision.allowed) {
      ctx.offerMagicLink = decision.offerMagicLink && policy?.mode === "EMAIL_ALLOWLIST";
      const headers: Record<string, string> = decision.status === 401 ? { "WWW-Authenticate": 'Bearer realm="gharart-files"' } : {};
      throw new ApiError(decision.status, decision.code, decision.detail, headers);
    }
    if (!handle || !policy) throw new Error("a members-only policy admitted a caller to an unknown handle");

    const docs = await listServableDocs(handle.id);
    const chrome: DocsChrome = {
      handle: handle.slug,
      confidential: policy.confidential,
      viewer: { as: decision.as, email: decision.email },
      docs: docs.map((d) => d.docsPath!),
    };
    const response = docsPath === ""
      ? htmlResponse(renderIndexPage(chrome, docs.map((d) => ({ docsPath: d.docsPath!, sizeBytes: Number(d.sizeBytes), contentType: d.contentType, updatedAt: d.updatedAt }))))
      : await docResponse(await findServableDoc(handle.id, docsPath), chrome);
    return finish(req.method, withEdgeHeaders(response, requestId));
  } catch (error) {
    return finish(req.method, edgeErrorResponse(toApiError(error, requestId), ctx));
  }
}

/** What an unknown handle looks like from outside: members-only docs (no member can exist). */
const UNKNOWN_HANDLE_POLICY: DocsAccessPolicy = { mode: "MEMBERS", allowedEmails: [], allowedDomains: [], startsAt: null, endsAt: null };

function htmlResponse(html: string): Response {
  return new Response(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(Buffer.byteLength(html)), "Content-Security-Policy": DOCS_PAGE_CSP },
  });
}

/** HEAD and OPTIONS share GET's whole decision; only the body (and OPTIONS' status) differ. */
function finish(method: string, response: Response): Response {
  if (method !== "HEAD" && method !== "OPTIONS") return response;
  void response.body?.cancel().catch(() => undefined);
  const headers = new Headers(response.headers);
  if (method === "OPTIONS" && response.ok) {
    headers.set("Allow", EDGE_ALLOW);
    headers.delete("Content-Length");
    headers.delete("Content-Type");
    return new Response(null, { status: 204, headers });
  }
  return new Response(null, { status: response.status, headers });
}

/** Anything but GET/HEAD/OPTIONS, before any lookup. */
export function edgeMethodNotAllowed(req: Request): Response {
  const requestId = requestIdFrom(req.headers);
  const error = new ApiError(405, "method_not_allowed", `Docs are read-only: use ${EDGE_ALLOW}.`, { Allow: EDGE_ALLOW });
  return edgeErrorResponse(error, { requestId, html: false, handle: null, docsPath: "", offerMagicLink: false });
}
