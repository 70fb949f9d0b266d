// Sorting what someone pasted into the allowlist editor: "jane@partner.com" is one person,
// "partner.com" or "@partner.com" is everyone at that domain (campaign delivery: docs/decisions.md), anything else is
// reported back as not understood. Canonicalised exactly as the API does.
import { canonicalizeEmail } from "../email/address";
import { isPublicMailDomain } from "../docs/public-mail-domains";
import { canonicalDomain, splitAddresses } from "./form-checks";

export interface SortedEntries { emails: string[]; domains: string[]; invalid: string[] }

export function sortEntries(text: string, acceptDomains: boolean): SortedEntries {
  const emails = new Set<string>();
  const domains = new Set<string>();
  const invalid: string[] = [];
  for (const raw of splitAddresses(text)) {
    const looksLikeEmail = raw.indexOf("@") > 0;
    const email = looksLikeEmail ? canonicalizeEmail(raw) : null;
    const domain = !looksLikeEmail && acceptDomains ? canonicalDomain(raw) : null;
    if (email) emails.add(email);
    else if (domain) domains.add(domain);
    else invalid.push(raw);
  }
  return { emails: [...emails], domains: [...domains], invalid };
}

/** Domains anyone can get an address at: the API refuses them (422 policy_too_permissive). */
export function publicMailDomains(domains: string[]): string[] {
  return domains.filter(isPublicMailDomain);
}
