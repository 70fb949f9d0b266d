import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { flushAuditBatch } from "../audit/audit-batched";
import { fileExpired, fileNotFound, isExpired } from "./expiry";
import { completeLandedUpload, completeLandedUploads } from "./upload-completion";
import { isFileId, toFileView, type FileRow } from "./file-view";
import type { FileEventView } from "../schemas/files";

export const LIST_LIMIT = 500;

/** Newest first, at most 500; expired files never appear (status=expired lists recoverable ones apart). */
export async function listFiles(handle: { id: string; slug: string }, status: string | null) {
  const now = clock.now();
  const prisma = await db();
  const where =
    status === "expired"
      ? {
          handleId: handle.id,
          objectDeletedAt: null,
          expiresAt: { lte: now, gt: new Date(now.getTime() - config().EXPIRED_GRACE_HOURS * 3600_000) },
        }
      : { handleId: handle.id, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  const rows = await prisma.file.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LIMIT });
  return (await completeLandedUploads(rows)).map((row) => toFileView(row, handle.slug));
}

/** A file of this handle, or 404 (another handle's id is indistinguishable from none). */
export async function findHandleFile(handleId: string, fileId: string): Promise<FileRow> {
  if (!isFileId(fileId)) throw fileNotFound();
  const row = await (await db()).file.findFirst({ where: { id: fileId, handleId } });
  if (!row) throw fileNotFound();
  return row;
}

/** The owner's view of one file: 410 once expired (PATCH can still revive it). */
export async function getFile(handle: { id: string; slug: string }, fileId: string) {
  const file = await findHandleFile(handle.id, fileId);
  if (isExpired(file)) throw fileExpired(file);
  return toFileView(await completeLandedUpload(file), handle.slug);
}

export async function fileEvents(handleId: string, fileId: string): Promise<FileEventView[]> {
  await findHandleFile(handleId, fileId);
  await flushAuditBatch(); // download events are written behind (lib/audit/audit-batched.ts)
  const events = await (await db()).auditEvent.findMany({ where: { fileId, handleId }, orderBy: { createdAt: "desc" }, take: 500 });
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    createdAt: e.createdAt.toISOString(),
    actor: { kind: e.actorKind, email: e.actorEmail },
    requestId: e.requestId,
    detail: e.detail as FileEventView["detail"],
  }));
}
