import assert from "node:assert/strict";
import { baseUrl } from "./env";

export interface CallOptions {
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  redirect?: RequestRedirect;
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
  const response = await fetch(url, { method: options.method ?? "GET", headers, body, redirect: options.redirect ?? "manual" });
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
