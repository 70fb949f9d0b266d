import type { ApiError } from "../http/errors";
import { problemResponse } from "../http/problem";
import { edgeDocsUrl } from "./docs-path";
import { DOCS_PAGE_CSP } from "./layout-css";
import { renderNoticePage, type NoticeInput } from "./layout-html";

// Every /_edge/docs answer carries these. No shared cache may keep any of them (a gated
// doc cached for one viewer must never reach another): no-store everywhere, PUBLIC too.
export const EDGE_HEADERS: Record<string, string> = {
  "Cache-Control": "private, no-store",
  Vary: "Authorization, Cookie, Accept",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
};

export const EDGE_ALLOW = "GET, HEAD, OPTIONS";

export function withEdgeHeaders(response: Response, requestId: string): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(EDGE_HEADERS)) headers.set(name, value);
  headers.set("X-Request-Id", requestId);
  return new Response(response.body, { status: response.status, headers });
}

export interface ErrorContext {
  requestId: string;
  html: boolean;
  /** Known once the handle resolved: enables sign-in and magic-link actions. */
  handle: string | null;
  docsPath: string;
  offerMagicLink: boolean;
}

const COPY: Record<string, { title: string; message?: string }> = {
  unauthenticated: { title: "Sign in to read these docs", message: "These docs are for members of the team. Sign in with your work account to continue." },
  magic_link_required: { title: "These docs are shared by invitation", message: "Enter your email address. If it is on the guest list, we will email you a one-time link." },
  email_not_allowlisted: { title: "This address does not have access", message: "The email you verified is not (or no longer) on the guest list. Try another address, or ask your contact to add you." },
  docs_access_window_closed: { title: "These docs are not available right now", message: "Access for guests is outside its opening window. Team members can still sign in." },
  forbidden: { title: "You don't have access" },
  insufficient_scope: { title: "You don't have access" },
  handle_not_found: { title: "Docs not found", message: "There are no docs at this address." },
  doc_not_found: { title: "Doc not found", message: "This page does not exist, or it has moved." },
  file_expired: { title: "This doc has expired" },
  upload_incomplete: { title: "This doc is still uploading", message: "Try again in a moment." },
  invalid_docs_path: { title: "That address is not valid" },
  rate_limited: { title: "Too many requests", message: "Slow down a little and try again shortly." },
};

function notice(error: ApiError, ctx: ErrorContext): NoticeInput {
  const copy = COPY[error.code] ?? { title: error.status >= 500 ? "Something went wrong" : "This page is not available" };
  const input: NoticeInput = { status: error.status, title: copy.title, message: copy.message ?? error.detail, handle: ctx.handle, requestId: ctx.requestId };
  if (!ctx.handle) return input;
  const here = edgeDocsUrl(ctx.handle, ctx.docsPath);
  if (ctx.offerMagicLink) input.magicLinkAction = `/v2/public/docs/${ctx.handle}/magic-link`;
  if (["unauthenticated", "magic_link_required", "docs_access_window_closed", "email_not_allowlisted", "forbidden"].includes(error.code)) {
    input.signInUrl = `/signin?callbackUrl=${encodeURIComponent(here)}`;
  }
  if (error.status === 404 && ctx.docsPath) input.back = { href: edgeDocsUrl(ctx.handle), label: "All docs" };
  return input;
}

/** A refusal or failure: branded HTML for browsers, problem+json for everyone else. */
export function edgeErrorResponse(error: ApiError, ctx: ErrorContext): Response {
  if (!ctx.html) return withEdgeHeaders(problemResponse(error, ctx.requestId), ctx.requestId);
  const html = renderNoticePage(notice(error, ctx));
  const response = new Response(html, {
    status: error.status,
    headers: { ...error.headers, "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": DOCS_PAGE_CSP },
  });
  return withEdgeHeaders(response, ctx.requestId);
}
