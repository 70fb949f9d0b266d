import { config } from "../config";
import { ApiError } from "./errors";

const TITLES: Record<number, string> = {
  400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
  405: "Method Not Allowed", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
  413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content",
  429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
};

/** Prisma/pg/PGlite failures that mean "the database is unreachable", not a bug. */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; cause?: unknown };
  if (!e || typeof e !== "object") return false;
  if (["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "57P01", "57P03", "08006", "08001"].includes(String(e.code))) {
    return true;
  }
  if (/can't reach database|connection terminated|ECONNREFUSED|timeout exceeded when trying to connect|Connection terminated/i.test(e.message ?? "")) {
    return true;
  }
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}

/** Everything thrown anywhere becomes an ApiError; unknown errors are logged, never shown. */
export function toApiError(error: unknown, requestId: string): ApiError {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) {
    return new ApiError(503, "database_unavailable", "The database is unreachable. Retry shortly.", { "Retry-After": "5" });
  }
  console.error(`[${requestId}] unhandled error`, error);
  return internalError();
}

export const internalError = () => new ApiError(500, "internal_error", "Something went wrong on our side. Quote the request id when reporting it.");

export function problemTypeUri(code: string): string {
  return `${config().appUrl}/problems/${code}`;
}

/** The problem+json status, headers and body text: for web Responses and the node:http front alike. */
export function problemParts(error: ApiError, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  const body = {
    type: problemTypeUri(error.code),
    title: TITLES[error.status] ?? "Error",
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...error.extensions,
  };
  return {
    status: error.status,
    headers: {
      "Content-Type": "application/problem+json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Request-Id": requestId,
      ...error.headers,
    },
    body: JSON.stringify(body),
  };
}

export function problemResponse(error: ApiError, requestId: string): Response {
  const { status, headers, body } = problemParts(error, requestId);
  return new Response(body, { status, headers });
}
