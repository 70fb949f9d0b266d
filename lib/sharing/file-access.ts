import { fileAllowsEmail } from "../files/allowlist";
import type { FileRow } from "../files/file-view";

// THE shared-file permission decision. Every "may this visitor have this file" answer
// (the public download, both magic-link steps, the share page) comes from
// decideFileAccess; callers only gather facts (the row, the visitor) and act on the
// verdict. Refusals become problems in one place: fileAccessProblem (file-access-problem.ts).

/** What the decision reads of a file row. `null`: no such row. */
export type FileAccessFacts = Pick<
  FileRow,
  "docsPath" | "expiresAt" | "status" | "accessMode" | "allowedEmails" | "allowedDomains" | "availableFrom" | "maxDownloads" | "downloadCount"
> & {
  /** Allowlisted files with maxDownloads: distinct visitor emails counted so far (lib/files/download-limit.ts). */
  countedVisitors?: number;
};

/** What the visitor is asking for; the steps differ only where noted in decideFileAccess. */
export type FileWant = "download" | "request_link" | "verify_link" | "share_page";

export interface FileVisitor {
  wants: FileWant;
  /**
   * The email the visitor stands for: the grant cookie's (download), the form's canonical
   * address (request_link; null when it is not one plain address), the consumed link's
   * (verify_link). null: none.
   */
  email: string | null;
  /** The email already counted against maxDownloads (a counted visitor may come back). */
  counted?: boolean;
}

/**
 * Why a visitor is refused. "file" refusals give every visitor the same answer (checked
 * first, so an outsider learns nothing about the allowlist); "visitor" refusals depend on
 * who asks. Add a rule by adding its refusal here, its check in decideFileAccess, its
 * problem in FILE_ACCESS_PROBLEMS and its row in file-access.test.ts.
 */
export const FILE_REFUSALS = {
  not_found: "file",
  expired: "file",
  not_yet_available: "file",
  not_ready: "file",
  download_limit_reached: "visitor",
  magic_link_required: "visitor",
  not_allowlist_mode: "visitor",
  email_required: "visitor",
  not_allowlisted: "visitor",
} as const satisfies Record<string, "file" | "visitor">;

export type FileRefusal = keyof typeof FILE_REFUSALS;

export type FileAccessVerdict =
  | { allowed: true; as: "public" | "visitor"; email: string | null; /** Until expiry; Infinity without one. */ secondsLeft: number }
  | { allowed: false; refusal: FileRefusal; about: "file" | "visitor" };

export type FileAccessAllowed = Extract<FileAccessVerdict, { allowed: true }>;

const refuse = (refusal: FileRefusal): FileAccessVerdict => ({ allowed: false, refusal, about: FILE_REFUSALS[refusal] });

/**
 * Whether the limit turns this visitor away: PUBLIC files count redirects; allowlisted files
 * count distinct emails, and one already counted may come back.
 */
function limitReached(file: FileAccessFacts, visitor: FileVisitor): boolean {
  if (file.maxDownloads === null) return false;
  if (file.accessMode === "PUBLIC") return file.downloadCount >= file.maxDownloads;
  // The share page does not know who is asking yet: it shows the email form.
  if (visitor.wants === "share_page") return false;
  return !visitor.counted && (file.countedVisitors ?? 0) >= file.maxDownloads;
}

/**
 * Order: existence → expiry (410) → embargo (403) → readiness →
 * download limit (410) → access mode (401/403) (docs/architecture.md, "Add an access rule").
 */
export function decideFileAccess(file: FileAccessFacts | null, visitor: FileVisitor, now: Date): FileAccessVerdict {
  // Internal docs are files too, but never shared through these paths (they live behind /_edge/docs).
  if (!file || file.docsPath !== null) return refuse("not_found");
  const secondsLeft = file.expiresAt ? Math.floor((file.expiresAt.getTime() - now.getTime()) / 1000) : Infinity;
  // 410 even after the object is gone, so an old link explains itself.
  if (file.expiresAt && file.expiresAt.getTime() <= now.getTime()) return refuse("expired");
  // Embargo: before availableFrom nothing is served or sent (links asked for early would outlive it).
  if (file.availableFrom && file.availableFrom.getTime() > now.getTime()) return refuse("not_yet_available");
  // A magic link may be asked for, and used, while the upload is still running.
  const needsBytes = visitor.wants === "download" || visitor.wants === "share_page";
  if (needsBytes && file.status !== "ready") return refuse("not_ready");
  // The limit's pre-check; the download itself claims its unit atomically (claimDownload).
  if (limitReached(file, visitor)) return refuse("download_limit_reached");
  if (file.accessMode === "PUBLIC") {
    // A link issued while the file was allowlisted proves nothing once it is public.
    if (visitor.wants === "request_link") return refuse("not_allowlist_mode");
    if (visitor.wants === "verify_link") return refuse("not_allowlisted");
  } else {
    // EMAIL_ALLOWLIST: the link or grant proves an email; the *current* list decides (revocation is immediate).
    if (!visitor.email) return refuse(visitor.wants === "request_link" ? "email_required" : "magic_link_required");
    // Exact address, or an address at exactly one of the listed domains (no subdomains).
    if (!fileAllowsEmail(file, visitor.email)) return refuse("not_allowlisted");
  }
  // A download URL lives at least a second and never past the file's expiry.
  if (visitor.wants === "download" && secondsLeft < 1) return refuse("expired");
  if (file.accessMode === "PUBLIC") return { allowed: true, as: "public", email: null, secondsLeft };
  return { allowed: true, as: "visitor", email: visitor.email, secondsLeft };
}
