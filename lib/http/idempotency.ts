import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { clock } from "../clock";
import { db, inTransaction, type Db } from "../db/client";
import { ApiError } from "./errors";

// Idempotency-Key (IETF draft, Stripe semantics): keys are scoped to caller + method +
// path, fingerprinted by body, kept 24 h. The claim, the handler's writes and the stored
// outcome are one transaction: a crash before commit leaves nothing (the retry runs it
// once), after commit the retry replays. A concurrent twin waits on the claim's unique key
// for the first transaction to end (bounded by CLAIM_WAIT, then 409).
export const IDEMPOTENCY_RETENTION_HOURS = 24;
const LOCK_SECONDS = 60; // only for 'running' claims committed by earlier versions
const CLAIM_WAIT = "5s";
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;
const REPLAYED_HEADERS = ["content-type", "location"];
// Refused before executing (can be corrected and retried with the same key): not stored.
// 5xx neither: the transaction rolled the handler's writes back, so a retry may run again.
const NOT_STORED = new Set([400, 401, 403, 409, 413, 415, 429, 503]);
const isStored = (status: number) => !NOT_STORED.has(status) && status < 500;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function parseIdempotencyKey(raw: string | null): string | null {
  if (raw === null) return null;
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!KEY_PATTERN.test(unquoted)) {
    throw new ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 printable ASCII characters.");
  }
  return unquoted;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** The body as fingerprinted: canonical JSON (keys sorted at every depth) when it is JSON, else the raw text. */
export function canonicalBody(body: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(body)));
  } catch {
    return body;
  }
}

// The keyed request being executed: lets a side effect outside the database (an email)
// derive its own idempotency from the request's, so a retry after a crash repeats it once.
const currentRequest = new AsyncLocalStorage<string>();

/** A stable id of the keyed request (same scope, same body) being executed, or null. */
export function idempotentRequestId(): string | null {
  return currentRequest.getStore() ?? null;
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

/** Inserts the claim in the open transaction; null when claimed, else the committed record. */
async function claim(tx: Db, scopeHash: string, fingerprint: string): Promise<StoredRecord | null> {
  // Waits (bounded) while another transaction holds the same key, then sees its outcome.
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${CLAIM_WAIT}'`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const rows = await tx.$queryRaw<{ scopeHash: string }[]>`
      INSERT INTO "idempotency_records" ("scopeHash", "fingerprint", "state", "lockedUntil", "expiresAt")
      VALUES (${scopeHash}, ${fingerprint}, 'running', ${new Date(now.getTime() + LOCK_SECONDS * 1000)},
              ${new Date(now.getTime() + IDEMPOTENCY_RETENTION_HOURS * 3600 * 1000)})
      ON CONFLICT ("scopeHash") DO NOTHING
      RETURNING "scopeHash"`;
    const record = rows.length === 1 ? null : ((await tx.idempotencyRecord.findUnique({ where: { scopeHash } })) as StoredRecord | null);
    if (rows.length === 0 && (!record || record.expiresAt <= now || (record.state !== "done" && record.lockedUntil <= now))) {
      // Pruned meanwhile, expired, or a claim an earlier version left behind: ours now.
      await tx.idempotencyRecord.deleteMany({ where: { scopeHash } });
      continue;
    }
    await tx.$executeRawUnsafe("SET LOCAL lock_timeout TO DEFAULT"); // the handler's own locks wait as usual
    return record;
  }
  throw keyInUse();
}

function replay(record: StoredRecord): Response {
  const status = record.responseStatus ?? 200;
  return new Response(status === 204 || status === 304 ? null : record.responseBody, {
    status,
    headers: { ...(record.responseHeaders ?? {}), "Idempotent-Replayed": "true", "Cache-Control": "no-store" },
  });
}

/** Thrown to roll the transaction back while still answering the handler's response. */
class NotStored {
  constructor(readonly response: Response) {}
}

const isLockTimeout = (error: unknown) => /55P03|lock timeout|lock_not_available/i.test(`${(error as Error)?.message} ${JSON.stringify((error as { meta?: unknown })?.meta ?? "")}`);

/**
 * Either replays a finished request, refuses a conflicting one, or runs `execute` once, in
 * one transaction with its stored outcome. `execute` returns problem responses rather than
 * throwing, so domain outcomes (404, 410…) are stored and replayed like successes.
 */
export async function withIdempotency(
  scope: { principal: string; method: string; path: string; key: string; body: string },
  execute: () => Promise<Response>,
): Promise<Response> {
  const scopeHash = sha256([scope.principal, scope.method, scope.path, scope.key].join("\n"));
  const fingerprint = sha256([scope.method, scope.path, canonicalBody(scope.body)].join("\n"));
  // Records stored before canonical fingerprints held the raw body's.
  const rawFingerprint = sha256([scope.method, scope.path, scope.body].join("\n"));
  try {
    return await inTransaction(async (tx) => {
      const record = await claim(tx, scopeHash, fingerprint);
      if (record) {
        if (record.fingerprint !== fingerprint && record.fingerprint !== rawFingerprint) {
          throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
        }
        if (record.state === "done") return replay(record);
        throw keyInUse();
      }
      const response = await currentRequest.run(sha256(`${scopeHash}\n${fingerprint}`), execute);
      if (!isStored(response.status)) throw new NotStored(response);
      const body = await response.text();
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = response.headers.get(name);
        if (value) headers[name] = value;
      }
      await tx.idempotencyRecord.update({
        where: { scopeHash },
        data: { state: "done", responseStatus: response.status, responseBody: body, responseHeaders: headers },
      });
      return new Response(response.status === 204 ? null : body, { status: response.status, headers: response.headers });
    });
  } catch (error) {
    if (error instanceof NotStored) return error.response;
    if (isLockTimeout(error)) throw keyInUse();
    throw error;
  }
}

const keyInUse = () =>
  new ApiError(409, "idempotency_key_in_use", "A request with this Idempotency-Key is still running. Retry shortly.", { "Retry-After": "1" });

/** Sweeper housekeeping: stored outcomes past their retention; how many rows went. */
export async function deleteExpiredIdempotencyRecords(now: Date): Promise<number> {
  return (await (await db()).idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
