import { z } from "zod";
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

export const allowedDomainsSchema = z
  .array(z.unknown(), { error: "allowedDomains must be an array of domain names." })
  .transform((list, ctx) => {
    if (list.length > MAX_ALLOWED_DOMAINS) {
      ctx.addIssue({ code: "custom", message: `At most ${MAX_ALLOWED_DOMAINS} domains (got ${list.length}).`, params: { code: "invalid_domain" } });
      return z.NEVER;
    }
    const out = new Set<string>();
    for (const raw of list) {
      const domain = canonicalDomain(raw);
      if (!domain) {
        ctx.addIssue({ code: "custom", message: `'${String(raw).slice(0, 80)}' is not a domain name such as partner.com (no wildcards).`, params: { code: "invalid_domain" } });
        return z.NEVER;
      }
      out.add(domain);
    }
    return [...out];
  });
