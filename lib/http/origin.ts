import { config } from "../config";
import { ApiError } from "./errors";

/**
 * CSRF defence for cookie-authenticated writes: Fetch Metadata first, Origin as the
 * mandatory fallback (`Origin: null` refused). A request with neither header is not from
 * a browser; it is judged on its credentials alone.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = headers.get("origin");
  if (origin === null) return true;
  return origin === new URL(config().appUrl).origin;
}

export function assertSameOrigin(headers: Headers): void {
  if (!isSameOriginRequest(headers)) {
    throw new ApiError(403, "cross_site_request", "Cross-site requests cannot change data here.");
  }
}
