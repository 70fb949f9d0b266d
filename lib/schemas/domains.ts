import { canonicalListSchema } from "./canonical-list";
import { emailDomain } from "../email/address";

// Domain allowlists, shared by the internal-docs policy and files (docs/internal-docs.md; docs/decisions.md, campaign delivery):
// one parser, one limit, one code (invalid_domain).
export const MAX_ALLOWED_DOMAINS = 50;

/** `acme.com` or `@acme.com` → `acme.com`; the same label rules as email domains. */
export function canonicalDomain(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const trimmed = raw.normalize("NFKC").trim().toLowerCase().replace(/^@/, "");
  if (!trimmed || trimmed.includes("@")) return null;
  return emailDomain(`x@${trimmed}`);
}

export const allowedDomainsSchema = canonicalListSchema({
  field: "allowedDomains", what: "domain names", max: MAX_ALLOWED_DOMAINS,
  tooManyCode: "invalid_domain", tooManyNoun: "domains",
  invalidCode: "invalid_domain", invalidMessage: (raw) => `'${raw}' is not a domain name such as partner.com (no wildcards).`,
  canonical: canonicalDomain,
});
