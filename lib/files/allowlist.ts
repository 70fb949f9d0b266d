import { emailAllowed } from "../docs/access";
import { isPublicMailDomain } from "../docs/public-mail-domains";
import { ApiError } from "../http/errors";
import type { FileRow } from "./file-view";

/** 422 policy_too_permissive: a public mail provider's domain would let anyone in. */
export function assertNoPublicMailDomain(domains: string[]): void {
  const open = domains.find(isPublicMailDomain);
  if (open) {
    throw new ApiError(
      422,
      "policy_too_permissive",
      `'${open}' is a public mail provider: anyone can get an address there. List individual addresses instead.`,
      {},
      { domain: open },
    );
  }
}

/** Exact address, or an address at exactly one of the file's domains (never a subdomain). */
export function fileAllowsEmail(file: Pick<FileRow, "allowedEmails" | "allowedDomains">, email: string): boolean {
  return emailAllowed({ allowedEmails: file.allowedEmails, allowedDomains: file.allowedDomains }, email);
}
