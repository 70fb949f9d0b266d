import { createHmac, randomBytes } from "node:crypto";
import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { idempotentRequestId } from "../http/idempotency";
import { hashSecret } from "./secret-hash";

// One-time tokens sent by email. 32 random bytes, stored hashed, bound to a purpose,
// an email and (for sharing) a file or handle, consumed atomically, 10 minutes.
export type MagicPurpose = "signin" | "file" | "docs";
export const MAGIC_TOKEN_TTL_SECONDS = 10 * 60;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface MagicBinding {
  fileId?: string | null;
  handleId?: string | null;
}

/**
 * Under an Idempotency-Key the token is derived from the keyed request (same caller, key
 * and body): a retry after a crash issues the very token of the email already sent, whose
 * send is then deduplicated by the mail key built from it. Otherwise random.
 */
function newToken(purpose: MagicPurpose): string {
  const request = idempotentRequestId();
  if (!request) return randomBytes(32).toString("base64url");
  return createHmac("sha256", config().authSecret).update(`magic-token\n${purpose}\n${request}`).digest("base64url");
}

export async function issueMagicToken(purpose: MagicPurpose, email: string, binding: MagicBinding = {}): Promise<string> {
  const token = newToken(purpose);
  const data = {
    purpose,
    email,
    fileId: binding.fileId ?? null,
    handleId: binding.handleId ?? null,
    expiresAt: new Date(clock.now().getTime() + MAGIC_TOKEN_TTL_SECONDS * 1000),
  };
  // Upsert: the same keyed request after its 24 h retention derives the same token again.
  await (await db()).magicToken.upsert({ where: { tokenHash: hashSecret(token) }, create: { tokenHash: hashSecret(token), ...data }, update: data });
  return token;
}

interface ConsumedToken {
  email: string;
  fileId: string | null;
  handleId: string | null;
}

/** Looks without consuming (the scanner-safe "Continue" page). */
export async function peekMagicToken(purpose: MagicPurpose, token: unknown): Promise<ConsumedToken | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const row = await (await db()).magicToken.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!row || row.purpose !== purpose || row.expiresAt <= clock.now()) return null;
  return { email: row.email, fileId: row.fileId, handleId: row.handleId };
}

/** Single use: one DELETE … RETURNING, so two racing requests cannot both succeed. */
export async function consumeMagicToken(
  purpose: MagicPurpose,
  token: unknown,
  binding: MagicBinding = {},
): Promise<ConsumedToken | null> {
  if (typeof token !== "string" || !TOKEN_PATTERN.test(token)) return null;
  const rows = await (await db()).$queryRaw<ConsumedToken[]>`
    DELETE FROM "magic_tokens"
    WHERE "tokenHash" = ${hashSecret(token)} AND "purpose" = ${purpose} AND "expiresAt" > ${clock.now()}
      AND "fileId" IS NOT DISTINCT FROM ${binding.fileId ?? null}
      AND "handleId" IS NOT DISTINCT FROM ${binding.handleId ?? null}
    RETURNING "email", "fileId", "handleId"`;
  return rows[0] ?? null;
}

/** Sweeper housekeeping: tokens past their 10 minutes; how many rows went. */
export async function deleteExpiredMagicTokens(now: Date): Promise<number> {
  return (await (await db()).magicToken.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
