import { recordAudit, type AuditActor } from "../audit/audit";
import { clock } from "../clock";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { newId } from "../ids";
import { generatePat, isWellFormedPat } from "./pat-format";
import type { TokenView } from "../schemas/tokens";
import { SCOPES, type Scope } from "./roles";
import { digestsEqual, hashSecret } from "./secret-hash";

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenSummary {
  id: string;
  name: string;
  last4: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

const summaryFields = {
  id: true, name: true, last4: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true,
} as const;

/** A token as the API shows it (tokenViewSchema): dates as ISO strings, never the secret. */
export function toTokenView(summary: TokenSummary): TokenView {
  return {
    id: summary.id,
    name: summary.name,
    last4: summary.last4,
    scopes: summary.scopes,
    createdAt: summary.createdAt.toISOString(),
    lastUsedAt: summary.lastUsedAt?.toISOString() ?? null,
    expiresAt: summary.expiresAt.toISOString(),
    revokedAt: summary.revokedAt?.toISOString() ?? null,
  };
}

export interface CreateTokenInput {
  userId: string;
  handleId: string;
  name: string;
  scopes: Scope[];
  expiresInDays?: number;
}

/** Returns the secret once; only its SHA-256 is stored. Audited as `token.created`. */
export async function createToken(input: CreateTokenInput, actor: AuditActor): Promise<{ token: string; summary: TokenSummary }> {
  const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new ApiError(400, "invalid_expires_in_days", `Token lifetime must be 1 to ${MAX_TOKEN_DAYS} days.`);
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0 || scopes.some((s) => !(SCOPES as readonly string[]).includes(s))) {
    throw new ApiError(400, "invalid_scopes", `Scopes must be a non-empty subset of ${SCOPES.join(", ")}.`);
  }
  const name = input.name.trim();
  if (!name || name.length > 100 || /[\u0000-\u001f]/.test(name)) throw new ApiError(400, "invalid_token_name", "Token names are 1 to 100 characters.");
  const prisma = await db();
  // A token acts for its user in one handle: no membership, nothing to act with.
  const membership = await prisma.membership.findUnique({ where: { userId_handleId: { userId: input.userId, handleId: input.handleId } }, select: { role: true } });
  if (!membership) throw new ApiError(404, "member_not_found", "The user is not a member of this handle: add them as a member first.");
  const token = generatePat();
  const summary = await prisma.accessToken.create({
    data: {
      id: newId("pat"),
      userId: input.userId,
      handleId: input.handleId,
      name,
      tokenHash: hashSecret(token),
      last4: token.slice(-4),
      scopes,
      expiresAt: new Date(clock.now().getTime() + days * DAY_MS),
    },
    select: summaryFields,
  });
  await recordAudit({ action: "token.created", handleId: input.handleId, actor, detail: { tokenId: summary.id } });
  return { token, summary: summary as TokenSummary };
}

export async function listTokens(handleId: string): Promise<TokenSummary[]> {
  const rows = await (await db()).accessToken.findMany({
    where: { handleId },
    orderBy: { createdAt: "desc" },
    select: summaryFields,
  });
  return rows as TokenSummary[];
}

/** Audited as `token.revoked`. */
export async function revokeToken(handleId: string, tokenId: string, actor: AuditActor): Promise<void> {
  const result = await (await db()).accessToken.updateMany({
    where: { id: tokenId, handleId, revokedAt: null },
    data: { revokedAt: clock.now() },
  });
  if (result.count === 0) throw new ApiError(404, "token_not_found", "No such active token in this handle.");
  await recordAudit({ action: "token.revoked", handleId, actor, detail: { tokenId } });
}

export interface PatPrincipal {
  kind: "pat";
  userId: string;
  email: string;
  tokenId: string;
  handleId: string;
  scopes: Scope[];
}

export function invalidToken(detail: string): ApiError {
  return new ApiError(401, "unauthenticated", detail, { "WWW-Authenticate": 'Bearer error="invalid_token"' });
}

/** Bearer PAT → principal. Malformed tokens never reach the database. */
export async function authenticatePat(token: string): Promise<PatPrincipal> {
  if (!isWellFormedPat(token)) throw invalidToken("The access token is malformed.");
  const tokenHash = hashSecret(token);
  const prisma = await db();
  // Token and owner in one round trip: this runs on every API request.
  const rows = await prisma.$queryRaw<{
    id: string; userId: string; handleId: string; tokenHash: string; scopes: string[]; expiresAt: Date;
    revokedAt: Date | null; lastUsedAt: Date | null; email: string; disabledAt: Date | null;
  }[]>`
    SELECT t."id", t."userId", t."handleId", t."tokenHash", t."scopes", t."expiresAt", t."revokedAt", t."lastUsedAt",
           u."email", u."disabledAt"
    FROM "access_tokens" t JOIN "users" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${tokenHash}`;
  const row = rows[0];
  const now = clock.now();
  if (!row || !digestsEqual(row.tokenHash, tokenHash) || row.revokedAt || row.expiresAt <= now || row.disabledAt) {
    throw invalidToken("The access token is unknown, expired or revoked.");
  }
  // last-used is informative: a coarse update (once a minute) keeps hot paths cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.accessToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: "pat",
    userId: row.userId,
    email: row.email,
    tokenId: row.id,
    handleId: row.handleId,
    scopes: row.scopes as Scope[],
  };
}
