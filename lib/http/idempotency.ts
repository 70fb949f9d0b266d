import { createHash } from "node:crypto";
import { clock } from "../clock";
import { db } from "../db/client";
import { ApiError } from "./errors";

// Idempotency-Key (IETF draft, Stripe semantics): keys are scoped to caller + method +
// path, fingerprinted by body, claimed atomically, kept 24 h. A crashed run's claim
// expires after LOCK_SECONDS so a retry is not stuck at 409 forever.
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const LOCK_SECONDS = 60;
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;
const REPLAYED_HEADERS = ["content-type", "location"];
// Refused before executing (can be corrected and retried with the same key): not stored.
const NOT_STORED = new Set([400, 401, 403, 409, 413, 415, 429, 503]);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function parseIdempotencyKey(raw: string | null): string | null {
  if (raw === null) return null;
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!KEY_PATTERN.test(unquoted)) {
    throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
  }
  return unquoted;
}

interface StoredRecord {
  fingerprint: string;
  state: string;
  responseStatus: number | null;
  responseBody: string | null;
  responseHeaders: Record<string, string> | null;
  lockedUntil: Date;
  expiresAt: Date;
}

async function claim(scopeHash: string, fingerprint: string): Promise<boolean> {
  const now = clock.now();
  const rows = await (await db()).$queryRaw<{ scopeHash: string }[]>`
    INSERT INTO "idempotency_records" ("scopeHash", "fingerprint", "state", "lockedUntil", "expiresAt")
    VALUES (${scopeHash}, ${fingerprint}, 'running', ${new Date(now.getTime() + LOCK_SECONDS * 1000)},
            ${new Date(now.getTime() + IDEMPOTENCY_RETENTION_HOURS * 3600 * 1000)})
    ON CONFLICT ("scopeHash") DO NOTHING
    RETURNING "scopeHash"`;
  return rows.length === 1;
}

async function takeOverStaleClaim(scopeHash: string): Promise<boolean> {
  const now = clock.now();
  const taken = await (await db()).$executeRaw`
    UPDATE "idempotency_records" SET "lockedUntil" = ${new Date(now.getTime() + LOCK_SECONDS * 1000)}
    WHERE "scopeHash" = ${scopeHash} AND "state" = 'running' AND "lockedUntil" <= ${now}`;
  return taken === 1;
}

function replay(record: StoredRecord): Response {
  const status = record.responseStatus ?? 200;
  return new Response(status === 204 || status === 304 ? null : record.responseBody, {
    status,
    headers: { ...(record.responseHeaders ?? {}), "Idempotent-Replayed": "true", "Cache-Control": "no-store" },
  });
}

/**
 * Either replays a finished request, refuses a conflicting one, or runs `execute` once.
 * `execute` returns problem responses rather than throwing, so domain outcomes (404,
 * 410…) are stored and replayed like successes.
 */
export async function withIdempotency(
  scope: { principal: string; method: string; path: string; key: string; body: string },
  execute: () => Promise<Response>,
): Promise<Response> {
  const prisma = await db();
  const scopeHash = sha256([scope.principal, scope.method, scope.path, scope.key].join("\n"));
  const fingerprint = sha256([scope.method, scope.path, scope.body].join("\n"));

  for (let attempt = 0; ; attempt++) {
    if (await claim(scopeHash, fingerprint)) break;
    if (attempt >= 3) throw new ApiError(409, "idempotency_key_in_use", "This Idempotency-Key is busy. Retry shortly.", { "Retry-After": "1" });
    const record = (await prisma.idempotencyRecord.findUnique({ where: { scopeHash } })) as StoredRecord | null;
    if (!record) continue; // pruned between our two statements: claim again
    if (record.expiresAt <= clock.now()) {
      await prisma.idempotencyRecord.deleteMany({ where: { scopeHash, expiresAt: { lte: clock.now() } } });
      continue;
    }
    if (record.fingerprint !== fingerprint) {
      throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
    }
    if (record.state === "done") return replay(record);
    if (record.lockedUntil <= clock.now() && (await takeOverStaleClaim(scopeHash))) break;
    throw new ApiError(409, "idempotency_key_in_use", "A request with this Idempotency-Key is still running. Retry shortly.", {
      "Retry-After": "1",
    });
  }

  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await prisma.idempotencyRecord.delete({ where: { scopeHash } }).catch(() => undefined);
    throw error;
  }
  if (NOT_STORED.has(response.status)) {
    await prisma.idempotencyRecord.delete({ where: { scopeHash } }).catch(() => undefined);
    return response;
  }
  const body = await response.text();
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.headers.get(name);
    if (value) headers[name] = value;
  }
  await prisma.idempotencyRecord.update({
    where: { scopeHash },
    data: { state: "done", responseStatus: response.status, responseBody: body, responseHeaders: headers },
  });
  return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
}
