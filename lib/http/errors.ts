// Domain code throws ApiError; lib/http/problem.ts turns it into RFC 9457 problem+json.
const BRAND = Symbol.for("gharart.ApiError");

export class ApiError extends Error {
  readonly [BRAND] = true;

  // This module is loaded twice in one process (Next's bundles and the HTTP front's fast
  // routes, scripts/fast-routes.ts): `instanceof` goes by brand, not by class identity.
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
  }
}

/** A dependency (database, storage, mail) is unreachable: 503, retry later. */
export class DependencyUnavailableError extends ApiError {
  constructor(code: "storage_unavailable" | "database_unavailable" | "email_unavailable", detail: string) {
    super(503, code, detail, { "Retry-After": "5" });
  }
}
