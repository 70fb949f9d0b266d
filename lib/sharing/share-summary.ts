import { db } from "../db/client";
import type { FileRefusal } from "./file-access";
import { decideOnFreshFile } from "./public-file";

export interface ShareSummary {
  state: "missing" | "expired" | "pending" | "public" | "allowlist" | "scheduled" | "limit_reached";
  fileName?: string;
  handle?: string;
  sizeBytes?: number;
  expiresAt?: string | null;
  /** The embargo's end, while the file is "scheduled". */
  availableFrom?: string | null;
}

// The page's state for each refusal an anonymous visitor can meet; the page itself offers
// the magic link, so "magic_link_required" shows the allowlist form.
const PAGE_STATE: Partial<Record<FileRefusal, ShareSummary["state"]>> = {
  not_found: "missing",
  expired: "expired",
  not_ready: "pending",
  not_yet_available: "scheduled",
  download_limit_reached: "limit_reached",
  magic_link_required: "allowlist",
};

/** What a visitor's page at /share/{fileId} should show. Reveals nothing of internal docs. */
export async function getShareSummary(fileId: string): Promise<ShareSummary> {
  const { file, verdict } = await decideOnFreshFile(fileId, { wants: "share_page", email: null });
  const state = verdict.allowed ? "public" : PAGE_STATE[verdict.refusal] ?? "missing";
  if (!file || state === "missing") return { state: "missing" };
  const handle = await (await db()).handle.findUnique({ where: { id: file.handleId }, select: { slug: true } });
  return { state, fileName: file.fileName, handle: handle?.slug, sizeBytes: Number(file.sizeBytes), expiresAt: file.expiresAt?.toISOString() ?? null, availableFrom: file.availableFrom?.toISOString() ?? null };
}
