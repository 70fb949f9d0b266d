import { z } from "zod";
import { ApiError } from "./errors";
import { readStreamText } from "./read-stream";

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads a request body as text, refusing oversized bodies without buffering them whole. */
export async function readBodyText(req: Request, maxBytes = MAX_JSON_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new ApiError(413, "payload_too_large", `Request bodies are limited to ${maxBytes} bytes.`);
  if (!req.body) return "";
  const text = await readStreamText(req.body, maxBytes);
  if (text === null) throw new ApiError(413, "payload_too_large", `Request bodies are limited to ${maxBytes} bytes.`);
  return text;
}

/** What a route's body may be: JSON, JSON or an HTML form's urlencoded fields, or nothing. */
export type BodyKind = "json" | "json-or-form" | "none";

const mediaTypeOf = (contentType: string | null) => (contentType ?? "").split(";")[0].trim().toLowerCase();
const isJsonType = (type: string) => type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
export const isFormType = (contentType: string | null) => mediaTypeOf(contentType) === "application/x-www-form-urlencoded";

/**
 * Refuses a body the route cannot read, before reading it: a declared Content-Type must
 * be one the route accepts, and a body needs one (no guessing). A request with neither a
 * body nor a Content-Type (a plain DELETE) passes.
 */
export function assertAcceptedContentType(headers: Headers, kind: Exclude<BodyKind, "none">): void {
  const contentType = headers.get("content-type");
  const hasBody = Number(headers.get("content-length") ?? "0") > 0 || headers.has("transfer-encoding");
  if (contentType === null && !hasBody) return;
  const type = mediaTypeOf(contentType);
  if (isJsonType(type) || (kind === "json-or-form" && type === "application/x-www-form-urlencoded")) return;
  const accepted = kind === "json-or-form" ? "application/json or application/x-www-form-urlencoded" : "application/json";
  const given = contentType === null ? "; send a Content-Type header" : `, not ${type || "an empty Content-Type"}`;
  throw new ApiError(415, "unsupported_media_type", `This route reads ${accepted} bodies${given}.`);
}

/** JSON object or (where the route accepts forms) urlencoded form → plain object; anything else is invalid_json. */
export function parseObjectBody(text: string, contentType: string | null): Record<string, unknown> {
  if (isFormType(contentType)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body must be a JSON object.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiError(400, "invalid_json", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Maps a request schema's top-level fields to their documented error codes. */
export type FieldCodes = Record<string, string>;

/**
 * Validates with a zod schema; the first failing rule decides the response. Its code is
 * the issue's own `params.code` (cross-field rules) or the code of the field it concerns.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, codes: FieldCodes = {}): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const params = (issue as { params?: { code?: string } }).params;
  const code = params?.code ?? codes[String(issue.path[0])] ?? "invalid_request";
  throw new ApiError(400, code, issue.message);
}

export interface ExtraIssue {
  code: string;
  message: string;
}

/**
 * Like validate(), for contracts whose rules have a documented order: every failing rule
 * is collected (zod issues plus cross-field `extra` ones) and the earliest in `order` wins.
 */
export function validateInOrder<S extends z.ZodType>(
  schema: S,
  value: unknown,
  codes: FieldCodes,
  order: string[],
  extra: ExtraIssue[] = [],
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success && extra.length === 0) return result.data;
  const issues: ExtraIssue[] = [...extra];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const params = (issue as { params?: { code?: string } }).params;
      issues.push({ code: params?.code ?? codes[String(issue.path[0])] ?? "invalid_request", message: issue.message });
    }
  }
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const first = issues.sort((a, b) => rank(a.code) - rank(b.code))[0];
  throw new ApiError(400, first.code, first.message);
}
