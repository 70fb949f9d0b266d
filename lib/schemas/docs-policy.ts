import { z } from "zod";
import { allowedDomainsSchema } from "./domains";
import { allowedEmailsSchema } from "./files";

export { allowedDomainsSchema, canonicalDomain, MAX_ALLOWED_DOMAINS } from "./domains";

// The internal-docs access policy contract (docs/internal-docs.md; OpenAPI `replaceDocsPolicy`). PUT is a full replacement:
// omitted lists become [], omitted `confidential` stays on (the safe default), omitted
// window ends become null. Read-only members (version, updatedAt, updatedBy, warnings)
// are ignored, so a client can PUT back what it GOT. Field → code: DOCS_POLICY_FIELD_CODES.
export const DOCS_MODES = ["PRIVATE", "MEMBERS", "EMAIL_ALLOWLIST", "PUBLIC"] as const;
export type DocsMode = (typeof DOCS_MODES)[number];

export const DOCS_POLICY_FIELD_CODES = {
  mode: "invalid_docs_policy",
  confidential: "invalid_docs_policy",
  allowedEmails: "invalid_email",
  allowedDomains: "invalid_domain",
  startsAt: "invalid_window",
  endsAt: "invalid_window",
} as const;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const instantSchema = (field: string) =>
  z
    .string({ error: `${field} must be an ISO-8601 instant or null.` })
    .refine((v) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)), `${field} must be an ISO-8601 instant such as 2026-06-01T00:00:00Z.`)
    .transform((v) => new Date(v));

export const docsPolicyInputSchema = z
  .object({
    mode: z.enum(DOCS_MODES, { error: "mode must be PRIVATE, MEMBERS, EMAIL_ALLOWLIST or PUBLIC." }),
    allowedEmails: allowedEmailsSchema.default([]),
    allowedDomains: allowedDomainsSchema.default([]),
    confidential: z.boolean({ error: "confidential must be true or false." }).default(true),
    startsAt: instantSchema("startsAt").nullable().default(null),
    endsAt: instantSchema("endsAt").nullable().default(null),
  })
  .superRefine((policy, ctx) => {
    if (policy.startsAt && policy.endsAt && policy.endsAt.getTime() <= policy.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be later than startsAt.", params: { code: "invalid_window" } });
    }
    if (policy.mode === "EMAIL_ALLOWLIST" && policy.allowedEmails.length === 0 && policy.allowedDomains.length === 0) {
      ctx.addIssue({ code: "custom", path: ["allowedEmails"], message: "EMAIL_ALLOWLIST needs at least one address in allowedEmails or one domain in allowedDomains.", params: { code: "allowed_emails_required" } });
    }
  });

export type DocsPolicyInput = z.infer<typeof docsPolicyInputSchema>;

/** The response body of GET/PUT: lib/docs/policy.ts docsPolicyView builds it, typed by it. */
export const docsPolicyViewSchema = z.object({
  handle: z.string(),
  mode: z.enum(DOCS_MODES),
  allowedEmails: z.array(z.string()),
  allowedDomains: z.array(z.string()),
  confidential: z.boolean(),
  startsAt: z.iso.datetime().nullable(),
  endsAt: z.iso.datetime().nullable(),
  version: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: z.string().nullable(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type DocsPolicyView = z.infer<typeof docsPolicyViewSchema>;

export const docsMagicLinkRequestSchema = z.object({ email: z.string({ error: "email is required." }).max(320) });
export const docsMagicLinkVerifySchema = z.object({ token: z.string({ error: "token is required." }).max(200) });

export const docsMagicLinkSentSchema = z.object({ status: z.literal("sent") });
export const docsMagicLinkVerifiedSchema = z.object({ status: z.literal("verified"), email: z.string(), docsUrl: z.url() });
