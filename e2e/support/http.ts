import assert from "node:assert/strict";
import { baseUrl } from "./env";
import { assertDescribedByOpenApi, isApiUrl } from "./openapi";

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  redirect?: RequestRedirect;
}

// Per suite file: how many requests were tried, how many the app refused (4xx, as the
// attacks expect) or failed on (5xx), and how many /v2 answers were checked against
// /v2/openapi.json. Printed once when the file's process ends.
const tally = { tried: 0, refused: 0, serverErrors: 0, validated: 0 };
process.once("exit", () => {
  if (tally.tried === 0) return;
  const suite = (process.argv.find((a) => a.endsWith(".test.ts")) ?? "suite").split("/").pop();
  console.log(`summary ${suite}: ${tally.tried} requests tried, ${tally.refused} refused as expected (4xx), ${tally.serverErrors} answered 5xx (only the fault suite expects any), ${tally.validated} responses validated against the OpenAPI document`);
});

/**
 * fetch() for requests to the app under test: a /v2 answer that the served OpenAPI
 * document does not describe (status, content type, body) throws here, failing the test.
 * Redirects are not followed unless asked, so the answer checked is the app's own.
 */
export async function fetchApi(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { redirect: "manual", ...init });
  tally.tried++;
  if (response.status >= 500) tally.serverErrors++;
  else if (response.status >= 400) tally.refused++;
  const target = new URL(url);
  if (isApiUrl(target) && !response.redirected) {
    const method = init.method ?? "GET";
    await assertDescribedByOpenApi(method, target, response, method === "HEAD" ? "" : await response.clone().text());
    tally.validated++;
  }
  return response;
}

/** One request to the app under test; JSON in, parsed JSON (or text) out. */
export async function call(pathOrUrl: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
  const response = await fetchApi(url, { method: options.method ?? "GET", headers, body, redirect: options.redirect ?? "manual" });
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Asserts an RFC 9457 problem with the documented code and a request id in body and header. */
export function assertProblem(res: Awaited<ReturnType<typeof call>>, status: number, code: string) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 300)}`);
  assert.match(res.headers.get("content-type") ?? "", /^application\/problem\+json/);
  assert.equal(res.json.code, code);
  assert.equal(res.json.status, status);
  assert.ok(res.json.type.endsWith(`/problems/${code}`));
  assert.ok(res.json.title);
  assert.match(res.json.requestId, /^[A-Za-z0-9._:-]{8,128}$/);
  assert.equal(res.headers.get("x-request-id"), res.json.requestId);
}

/** Fixed-window throttles reset on the minute: start a burst well inside one window. */
export async function awayFromMinuteBoundary(marginSeconds = 8): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 60 - marginSeconds) await new Promise((r) => setTimeout(r, (60 - intoMinute + 0.2) * 1000));
}
