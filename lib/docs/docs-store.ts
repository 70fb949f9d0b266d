import { clock } from "../clock";
import { db } from "../db/client";
import { isExpired } from "../files/expiry";
import type { FileRow } from "../files/file-view";
import { completeLandedUploads } from "../files/upload-completion";
import { ApiError } from "../http/errors";

// Finding a handle's internal docs (files with a docsPath). Every query is scoped by
// handleId AND docsPath, so one handle's URL can never reach another handle's rows.
const MAX_NAV_DOCS = 500;

export const docNotFound = () => new ApiError(404, "doc_not_found", "No such doc in this handle.");

/** The docs anyone allowed in may read: uploaded, not expired, bytes still stored. */
export async function listServableDocs(handleId: string): Promise<FileRow[]> {
  const now = clock.now();
  const rows = await (await db()).file.findMany({
    where: { handleId, docsPath: { not: null }, objectDeletedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
    take: MAX_NAV_DOCS,
  });
  const seen = new Set<string>();
  const servable: FileRow[] = [];
  // A re-uploaded path can have several rows: the newest ready one wins.
  for (const row of await completeLandedUploads(rows)) {
    if (row.status !== "ready" || seen.has(row.docsPath!)) continue;
    seen.add(row.docsPath!);
    servable.push(row);
  }
  return servable.sort((a, b) => a.docsPath!.localeCompare(b.docsPath!));
}

/**
 * The row to serve for `docsPath`: the newest ready, unexpired one. Otherwise the reason
 * why not: 409 upload_incomplete (still uploading), 410 file_expired, or 404.
 */
export async function findServableDoc(handleId: string, docsPath: string): Promise<FileRow> {
  const rows = await completeLandedUploads(
    await (await db()).file.findMany({ where: { handleId, docsPath }, orderBy: { createdAt: "desc" }, take: 20 }),
  );
  const live = rows.filter((row) => !isExpired(row) && !row.objectDeletedAt);
  const ready = live.find((row) => row.status === "ready");
  if (ready) return ready;
  if (live.some((row) => row.uploadExpiresAt > clock.now())) {
    throw new ApiError(409, "upload_incomplete", "This doc has not finished uploading yet.");
  }
  const expired = rows.find((row) => isExpired(row));
  if (expired) throw new ApiError(410, "file_expired", `This doc expired on ${expired.expiresAt!.toISOString()}.`);
  throw docNotFound();
}
