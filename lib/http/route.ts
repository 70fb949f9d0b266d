import type { NextRequest } from "next/server";
import { config } from "../config";
import { requireHandleAccess, type HandleAccess } from "../auth/access";
import { authenticate, type AcceptedCredentials, type Principal } from "../auth/principal";
import type { Role, Scope } from "../auth/roles";
import { assertAcceptedContentType, parseObjectBody, readBodyText, type BodyKind } from "./body";
import { clientIp } from "./client-ip";
import { ApiError } from "./errors";
import { parseIdempotencyKey, withIdempotency } from "./idempotency";
import { assertSameOrigin } from "./origin";
import { problemResponse, toApiError } from "./problem";
import { consumeRateLimit, rateLimitError, rateLimitHeaders, type RateLimitResult } from "./rate-limit";
import { consumeRateLimitBatched } from "./rate-limit-batched";
import { requestIdFrom } from "./request-id";

type Params = Record<string, string | string[]>;

export interface RouteOptions {
  /**
   * "none": public; "member": session or PAT; "pat": PAT only (the /v2/public/handles
   * family); "session": dashboard session only (token and member management).
   */
  auth: "none" | "member" | "pat" | "session";
  /** With auth member/pat: the handle comes from params.handle and needs this role. */
  role?: Role;
  scope?: Scope;
  /** Per-route throttle name; keyed by principal (or client IP when anonymous). */
  throttle?: string;
  /**
   * The body a write accepts (default "json"; other types are 415). "json-or-form" for
   * the targets of the HTML forms; "none" for routes that never read one.
   */
  body?: BodyKind;
}

export interface RouteContext<P extends Params> {
  req: NextRequest;
  params: P;
  requestId: string;
  clientIp: string;
  principal: Principal | null;
  /** Resolved handle and the caller's role, for routes under /handles/{handle}. */
  access: HandleAccess | null;
  /** The request body as an object (JSON or form), read once with a size limit. */
  body(): Record<string, unknown>;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Reads count through the write-behind (a committed upsert per GET was an fsync on stock
 * PostgreSQL, more than the read itself); writes keep the exact shared upsert
 * (docs/decisions.md, issue 13).
 */
const consumeFor = (method: string) => (UNSAFE_METHODS.has(method) ? consumeRateLimit : consumeRateLimitBatched);

function withHeaders(response: Response, headers: Record<string, string>): Response {
  // Responses from fetch()/Response.redirect may be immutable: copy when needed.
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/**
 * The one wrapper every API route goes through: request id, authentication, handle
 * access, CSRF for cookie writes, throttle, idempotency, and one error mapper.
 */
export function route<P extends Params = Params>(
  options: RouteOptions,
  handler: (ctx: RouteContext<P>) => Promise<Response>,
) {
  return async (req: NextRequest, segment: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(req.headers);
    let limit: RateLimitResult | null = null;
    try {
      const params = ((await segment?.params) ?? {}) as P;
      const ip = clientIp(req.headers);
      const accepted: AcceptedCredentials | null =
        options.auth === "none" ? null : options.auth === "pat" ? "pat" : "session-or-pat";
      const principal = accepted ? await authenticate(req, accepted) : null;
      if (options.auth === "session" && principal?.kind === "pat") {
        throw new ApiError(403, "forbidden", "Personal access tokens cannot manage tokens or members; use the dashboard.");
      }
      if (principal?.kind === "session" && UNSAFE_METHODS.has(req.method)) assertSameOrigin(req.headers);
      if (options.throttle) {
        const result = await consumeFor(req.method)(
          { name: options.throttle, limit: config().API_RATE_LIMIT_PER_MINUTE, windowSec: 60 },
          principal ? `user:${principal.userId}` : `ip:${ip}`,
        );
        if (!result.allowed) throw rateLimitError(result);
        limit = result;
      }
      const slug = typeof params.handle === "string" ? params.handle : null;
      const access =
        principal && slug && options.role
          ? await requireHandleAccess(principal, slug, { role: options.role, scope: options.scope })
          : null;

      const bodyKind = options.body ?? "json";
      const readsBody = UNSAFE_METHODS.has(req.method) && bodyKind !== "none";
      if (readsBody) assertAcceptedContentType(req.headers, bodyKind);
      const bodyText = readsBody ? await readBodyText(req) : "";
      let parsedBody: Record<string, unknown> | null = null;
      const ctx: RouteContext<P> = {
        req, params, requestId, clientIp: ip, principal, access,
        body: () => (parsedBody ??= parseObjectBody(bodyText, req.headers.get("content-type"))),
      };
      const execute = async () => {
        try {
          return await handler(ctx);
        } catch (error) {
          return problemResponse(toApiError(error, requestId), requestId);
        }
      };
      const key = UNSAFE_METHODS.has(req.method) ? parseIdempotencyKey(req.headers.get("idempotency-key")) : null;
      const response =
        key
          ? await withIdempotency(
              { principal: principal?.userId ?? `anonymous:${ip}`, method: req.method, path: new URL(req.url).pathname, key, body: bodyText },
              execute,
            )
          : await execute();
      // A handler's own quota headers (e.g. the daily limit on a 429) take precedence.
      const quota = limit && !response.headers.has("ratelimit-policy") ? rateLimitHeaders(limit) : {};
      return withHeaders(response, { "X-Request-Id": requestId, ...quota });
    } catch (error) {
      const apiError = toApiError(error, requestId);
      const response = problemResponse(apiError, requestId);
      return limit && apiError.status !== 429 ? withHeaders(response, rateLimitHeaders(limit)) : response;
    }
  };
}

export { ApiError };
