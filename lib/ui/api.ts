// The dashboard's one way to call the /v2 API: same-origin fetch with the session cookie.
// Every failure becomes an ApiProblem carrying the server's request id, so any error the
// UI shows can be quoted to support.

export interface ProblemJson {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | null;
  /** What the person was doing, in their words ("Deleting report.pdf"): goes into support reports. */
  readonly action: string | null;
  readonly method: string;
  readonly path: string;

  constructor(init: {
    status: number; code: string; title: string; detail: string; requestId: string | null;
    action?: string | null; method?: string; path?: string;
  }) {
    super(init.detail);
    this.name = "ApiProblem";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.action = init.action ?? null;
    this.method = init.method ?? "GET";
    this.path = init.path ?? "";
  }
}

export interface ApiOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  action?: string;
  signal?: AbortSignal;
}

const NETWORK_DETAIL = "Could not reach Gharart Files. Check your connection and try again.";

/** Builds an ApiProblem from a non-2xx response (problem+json, or anything else). */
export async function problemFrom(response: Response, context: { action?: string; method: string; path: string }): Promise<ApiProblem> {
  const text = await response.text().catch(() => "");
  let body: ProblemJson = {};
  try {
    body = JSON.parse(text) as ProblemJson;
  } catch {
    /* not JSON: a proxy or framework page */
  }
  return new ApiProblem({
    status: response.status,
    code: body.code ?? `http_${response.status}`,
    title: body.title ?? (response.statusText || "Request failed"),
    detail: body.detail ?? `The server answered ${response.status}.`,
    requestId: body.requestId ?? response.headers.get("x-request-id"),
    ...context,
  });
}

export function networkProblem(context: { action?: string; method: string; path: string }): ApiProblem {
  return new ApiProblem({ status: 0, code: "network_error", title: "Network error", detail: NETWORK_DETAIL, requestId: null, ...context });
}

/** JSON in, JSON out; resolves `undefined` for 204. Throws ApiProblem on every failure. */
export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const context = { action: options.action, method, path };
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      signal: options.signal,
      headers: {
        accept: "application/json",
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw networkProblem(context);
  }
  if (!response.ok) throw await problemFrom(response, context);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Path segment helper: handles and ids come from the URL, so always encode them. */
export function handlePath(handle: string, ...rest: string[]): string {
  return ["/v2/handles", handle, ...rest].map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join("/");
}

export function isAbort(error: unknown): boolean {
  return (error as Error)?.name === "AbortError";
}

/** Any thrown value as an ApiProblem, so error UI has one shape to render. */
export function asProblem(error: unknown, action?: string): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem({
    status: 0, code: "client_error", title: "Something went wrong",
    detail: error instanceof Error ? error.message : String(error), requestId: null, action,
  });
}
