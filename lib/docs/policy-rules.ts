import { ApiError } from "../http/errors";
import type { DocsMode } from "../schemas/docs-policy";
import { isPublicMailDomain } from "./public-mail-domains";

// What a valid policy may still not be (422), and what it may be but should be told
// about (warnings, shown by the API and the dashboard's policy editor).
export interface PolicyFacts {
  mode: DocsMode;
  allowedEmails: string[];
  allowedDomains: string[];
  confidential: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface PolicyWarning {
  code: string;
  message: string;
}

export const LONG_WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 422 policy_too_permissive: confidential docs can never be public, in any spelling. */
export function assertNotTooPermissive(policy: PolicyFacts): void {
  if (!policy.confidential) return;
  if (policy.mode === "PUBLIC") {
    throw new ApiError(422, "policy_too_permissive", "Confidential docs cannot be PUBLIC. Set confidential to false first, or choose EMAIL_ALLOWLIST.");
  }
  const open = policy.allowedDomains.find(isPublicMailDomain);
  if (open) {
    throw new ApiError(
      422,
      "policy_too_permissive",
      `'${open}' is a public mail provider: anyone can get an address there. Confidential docs cannot allowlist it; list individual addresses instead.`,
      {},
      { domain: open },
    );
  }
}

export function policyWarnings(policy: PolicyFacts, now: Date): PolicyWarning[] {
  const warnings: PolicyWarning[] = [];
  const allowlist = policy.mode === "EMAIL_ALLOWLIST";
  const outsiders = allowlist || policy.mode === "PUBLIC";
  if (allowlist && policy.confidential && policy.allowedDomains.length > 0) {
    warnings.push({
      code: "broad_domain_allowlist",
      message: `Everyone with an address at ${policy.allowedDomains.join(", ")} can read these confidential docs.`,
    });
  }
  const openDomains = policy.allowedDomains.filter(isPublicMailDomain);
  if (allowlist && openDomains.length > 0) {
    warnings.push({
      code: "public_mail_domain",
      message: `${openDomains.join(", ")} ${openDomains.length > 1 ? "are public mail providers" : "is a public mail provider"}: anyone can create an address there, so these docs are effectively public.`,
    });
  }
  if (policy.mode === "PUBLIC" && !policy.endsAt) {
    warnings.push({ code: "public_without_end_date", message: "These docs are public with no end date; set endsAt to close access automatically." });
  }
  if (outsiders && policy.endsAt) {
    const from = Math.max(policy.startsAt?.getTime() ?? now.getTime(), now.getTime());
    if (policy.endsAt.getTime() - from > LONG_WINDOW_DAYS * DAY_MS) {
      warnings.push({ code: "long_window", message: `Visitors keep access for more than ${LONG_WINDOW_DAYS} days.` });
    }
    if (policy.endsAt.getTime() <= now.getTime()) {
      warnings.push({ code: "window_ended", message: "endsAt is in the past: visitors are locked out; only members can read." });
    }
  }
  if (!allowlist && (policy.allowedEmails.length > 0 || policy.allowedDomains.length > 0)) {
    warnings.push({ code: "allowlist_inactive", message: `The allowlist is kept but not used while mode is ${policy.mode}.` });
  }
  return warnings;
}
