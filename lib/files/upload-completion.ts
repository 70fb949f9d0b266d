import { clock } from "../clock";
import { db } from "../db/client";
import { storage } from "../storage";
import { recordAudit, systemActor } from "../audit/audit";
import type { FileRow } from "./file-view";

// The one place a file goes pending → ready. There is no "upload finished" call (the client
// PUTs straight to storage), so the upload counts as landed once its object exists with the
// declared size and type (a HEAD on S3, a stat locally). Whoever next looks at the pending
// row (the owner's list or GET, a PATCH, the share page, a download, the docs edge, the
// sweeper) completes it here; the write is idempotent (`updateMany where status = pending`)
// and only the request that flips it writes the `file.uploaded` audit row.

/** The row as it stands once a landed upload is completed (unchanged otherwise). */
export async function completeLandedUpload(file: FileRow): Promise<FileRow> {
  if (file.status === "ready" || file.objectDeletedAt) return file;
  const object = await storage().stat(file.objectKey);
  if (!object || object.size !== Number(file.sizeBytes) || object.contentType !== file.contentType) return file;
  const prisma = await db();
  const updated = await prisma.file.updateMany({ where: { id: file.id, status: "pending" }, data: { status: "ready" } });
  if (updated.count === 1) {
    await recordAudit({ action: "file.uploaded", handleId: file.handleId, fileId: file.id, actor: systemActor, detail: { sizeBytes: object.size } });
    return { ...file, status: "ready" };
  }
  // Someone else flipped it (ready), or the row is gone (deleted, swept): say what is so.
  return (await prisma.file.findUnique({ where: { id: file.id } })) ?? file;
}

/** Lists: only rows whose upload URL is still valid are checked; the sweeper settles the rest. */
export async function completeLandedUploads(rows: FileRow[]): Promise<FileRow[]> {
  const now = clock.now();
  const landing = (row: FileRow) => row.status === "pending" && row.uploadExpiresAt > now;
  if (!rows.some(landing)) return rows; // the steady state: no promise per row
  return Promise.all(rows.map((row) => (landing(row) ? completeLandedUpload(row) : row)));
}
