import { db } from "../db/client";
import { isExpired } from "../files/expiry";
import { isFileId } from "../files/file-view";
import { ensureReady } from "../files/readiness";

export interface ShareSummary {
  state: "missing" | "expired" | "pending" | "public" | "allowlist";
  fileName?: string;
  handle?: string;
  sizeBytes?: number;
  expiresAt?: string | null;
}

/** What a visitor's page at /share/{fileId} should show. Reveals nothing of internal docs. */
export async function getShareSummary(fileId: string): Promise<ShareSummary> {
  if (!isFileId(fileId)) return { state: "missing" };
  const row = await (await db()).file.findUnique({ where: { id: fileId }, include: { handle: { select: { slug: true } } } });
  if (!row || row.docsPath !== null) return { state: "missing" };
  const base = { fileName: row.fileName, handle: row.handle.slug, sizeBytes: Number(row.sizeBytes), expiresAt: row.expiresAt?.toISOString() ?? null };
  if (isExpired(row)) return { state: "expired", ...base };
  const file = await ensureReady(row);
  if (file.status !== "ready") return { state: "pending", ...base };
  return { state: file.accessMode === "PUBLIC" ? "public" : "allowlist", ...base };
}
