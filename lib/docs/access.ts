import { roleAtLeast, type Role } from "../auth/roles";
import { canonicalizeEmail } from "../email/address";
import type { DocsMode } from "../schemas/docs-policy";

// THE docs permission decision. Every "may this caller read this handle's docs" answer
// (edge pages, the index, the magic-link request) comes from decideDocsAccess; callers
// only gather facts (DocsViewer) and render the outcome.

export interface DocsAccessPolicy {
  mode: DocsMode;
  allowedEmails: string[];
  allowedDomains: string[];
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface DocsViewer {
  /** Role in this handle, when the caller is a member whose credentials may read docs. */
  memberRole: Role | null;
  /** A member whose credentials cannot read (e.g. a PAT without files.read): why. */
  memberDenied: { code: string; detail: string } | null;
  /** Email proven by a valid docs grant cookie for this handle (or the address asking for a link). */
  visitorEmail: string | null;
  /** Any credential at all (session, PAT, grant): decides 401 versus 403. */
  hasCredentials: boolean;
}

export type DocsDecision =
  | { allowed: true; as: "member" | "visitor" | "public"; email: string | null }
  | { allowed: false; status: 401 | 403; code: string; detail: string; offerMagicLink: boolean };

const deny = (status: 401 | 403, code: string, detail: string, offerMagicLink = false): DocsDecision => ({
  allowed: false, status, code, detail, offerMagicLink,
});

export function windowOpen(policy: Pick<DocsAccessPolicy, "startsAt" | "endsAt">, now: Date): boolean {
  const t = now.getTime();
  if (policy.startsAt && t < policy.startsAt.getTime()) return false;
  if (policy.endsAt && t >= policy.endsAt.getTime()) return false;
  return true;
}

/** Exact address, or exact domain (`eu.acme.com` does not match `acme.com`). */
export function emailAllowed(policy: Pick<DocsAccessPolicy, "allowedEmails" | "allowedDomains">, email: string): boolean {
  const canonical = canonicalizeEmail(email);
  if (!canonical) return false;
  if (policy.allowedEmails.includes(canonical)) return true;
  return policy.allowedDomains.includes(canonical.slice(canonical.indexOf("@") + 1));
}

export function decideDocsAccess(policy: DocsAccessPolicy, viewer: DocsViewer, now: Date): DocsDecision {
  // Members: the window and allowlists are for outsiders; PRIVATE narrows to admins.
  if (viewer.memberRole) {
    if (policy.mode === "PRIVATE" && !roleAtLeast(viewer.memberRole, "ADMIN")) {
      return deny(403, "forbidden", "These docs are private to the handle's admins.");
    }
    return { allowed: true, as: "member", email: null };
  }
  const memberOnly = policy.mode === "PRIVATE" || policy.mode === "MEMBERS";
  if (memberOnly) {
    if (viewer.memberDenied) return deny(403, viewer.memberDenied.code, viewer.memberDenied.detail);
    if (!viewer.hasCredentials) return deny(401, "unauthenticated", "Sign in as a member of this handle to read its docs.");
    // One answer for PRIVATE, MEMBERS and unknown handles: an outsider learns nothing more.
    return deny(403, "forbidden", "These docs are for members of the handle only.");
  }
  if (!windowOpen(policy, now)) {
    return deny(403, "docs_access_window_closed", "These docs are not open to visitors at this time.");
  }
  if (policy.mode === "PUBLIC") return { allowed: true, as: "public", email: null };
  // EMAIL_ALLOWLIST: a grant proves an email; the *current* lists decide (revocation is immediate).
  if (viewer.visitorEmail) {
    if (emailAllowed(policy, viewer.visitorEmail)) return { allowed: true, as: "visitor", email: viewer.visitorEmail };
    return deny(403, "email_not_allowlisted", "This email address is not (or no longer) allowed to read these docs.", true);
  }
  if (viewer.memberDenied) return deny(403, viewer.memberDenied.code, viewer.memberDenied.detail);
  return deny(401, "magic_link_required", "Request a magic link for an allowlisted email address to read these docs.", true);
}
