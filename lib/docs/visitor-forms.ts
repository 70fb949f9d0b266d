import { isFormType } from "../http/body";
import { toApiError } from "../http/problem";
import { edgeDocsUrl } from "./docs-path";
import { DOCS_PAGE_CSP } from "./layout-css";
import { renderNoticePage, type NoticeInput } from "./layout-html";
import { wantsHtml } from "../http/browser";

// The magic-link routes serve two audiences: API clients (JSON in, JSON/problem out) and
// the plain HTML forms of the docs pages (urlencoded in, a branded page out).
export function isHtmlFormPost(req: Request): boolean {
  return isFormType(req.headers.get("content-type")) && wantsHtml(req.headers);
}

export function noticeResponse(status: number, input: Omit<NoticeInput, "status">, headers: Record<string, string> = {}): Response {
  return new Response(renderNoticePage({ ...input, status }), {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": DOCS_PAGE_CSP,
      ...headers,
    },
  });
}

const TITLES: Record<string, string> = {
  email_not_allowlisted: "This address does not have access",
  not_allowlist_mode: "No link needed here",
  docs_access_window_closed: "These docs are not available right now",
  invalid_email: "Check the email address",
  invalid_magic_link: "This link no longer works",
  rate_limited: "Too many requests",
  cross_site_request: "Request refused",
  handle_not_found: "Docs not found",
};

/** An error of a form post, as a page that lets the visitor try again. */
export function formErrorResponse(error: unknown, slug: string, requestId: string): Response {
  const problem = toApiError(error, requestId);
  const retry = ["email_not_allowlisted", "invalid_email", "invalid_magic_link"].includes(problem.code);
  return noticeResponse(
    problem.status,
    {
      title: TITLES[problem.code] ?? "Something went wrong",
      message: problem.detail,
      handle: problem.code === "handle_not_found" ? null : slug,
      requestId,
      magicLinkAction: retry ? `/v2/public/docs/${slug}/magic-link` : undefined,
      back: problem.code === "handle_not_found" ? undefined : { href: edgeDocsUrl(slug), label: "Back to the docs" },
    },
    problem.headers,
  );
}
