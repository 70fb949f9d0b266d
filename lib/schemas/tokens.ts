import { z } from "zod";
import { SCOPES } from "../auth/roles";

// Personal access tokens as the API shows them (never the secret, except once on create).
// lib/auth/pats.ts validates the create body itself (codes invalid_token_name,
// invalid_scopes, invalid_expires_in_days); this schema documents the same rules.
export const createTokenSchema = z.object({
  name: z.string().min(1).max(100),
  scopes: z.array(z.enum(SCOPES)).min(1),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});

const instant = z.iso.datetime();

export const tokenViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  last4: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  expiresAt: instant,
  revokedAt: instant.nullable(),
});
export type TokenView = z.infer<typeof tokenViewSchema>;

export const tokenListSchema = z.object({ tokens: z.array(tokenViewSchema) });

/** The create answer: the summary plus `token`, the secret, shown this once. */
export const createdTokenSchema = tokenViewSchema.extend({ token: z.string().startsWith("ghf_") });
