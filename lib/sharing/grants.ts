import { createHmac } from "node:crypto";
import { clock } from "../clock";
import { config } from "../config";
import { digestsEqual } from "../auth/secret-hash";

// Visitor grants: what a consumed magic link gives. A signed, HttpOnly cookie naming one
// file (or one handle's docs) and one email, for 24 hours. It proves the email only:
// every request re-checks it against the file's or policy's *current* allowlist.
export const GRANT_TTL_SECONDS = 24 * 60 * 60;

export type GrantKind = "file" | "docs";

export interface Grant {
  kind: GrantKind;
  /** fileId for "file", handleId for "docs". */
  subject: string;
  email: string;
  exp: number;
}

function signingKey(): Buffer {
  return createHmac("sha256", config().authSecret).update("gharart-visitor-grant-v1").digest();
}

function sign(payload: string): string {
  return createHmac("sha256", signingKey()).update(payload).digest("base64url");
}

export function grantCookieName(kind: GrantKind, subject: string): string {
  const secure = config().appUrl.startsWith("https://");
  return `${secure ? "__Host-" : ""}gf_${kind}_${subject.replace(/[^A-Za-z0-9_-]/g, "")}`;
}

export function encodeGrant(grant: Omit<Grant, "exp">): { name: string; value: string; header: string } {
  const full: Grant = { ...grant, exp: Math.floor(clock.now().getTime() / 1000) + GRANT_TTL_SECONDS };
  const payload = Buffer.from(JSON.stringify(full)).toString("base64url");
  const value = `${payload}.${sign(payload)}`;
  const name = grantCookieName(grant.kind, grant.subject);
  const secure = config().appUrl.startsWith("https://") ? "; Secure" : "";
  return { name, value, header: `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${GRANT_TTL_SECONDS}${secure}` };
}

function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** The verified grant for this file/handle from the request's cookies, or null. */
export function readGrant(headers: Headers, kind: GrantKind, subject: string): Grant | null {
  const value = readCookie(headers.get("cookie"), grantCookieName(kind, subject));
  if (!value || value.length > 2048) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature || !digestsEqual(signature, sign(payload))) return null;
  try {
    const grant = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Grant;
    if (grant.kind !== kind || grant.subject !== subject) return null;
    if (typeof grant.exp !== "number" || grant.exp * 1000 <= clock.now().getTime()) return null;
    return grant;
  } catch {
    return null;
  }
}
