import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { flushDownloadWrites } from "../sharing/download-writes";
import { fileNotFound } from "./expiry";
import { ensureReady } from "./readiness";
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
  const fresh = await Promise.all(rows.map((row) => (row.status === "pending" && row.uploadExpiresAt > now ? ensureReady(row) : row)));
  return fresh.map((row) => toFileView(row, handle.slug));
}

/** A file of this handle, or 404 (another handle's id is indistinguishable from none). */
export async function findHandleFile(handleId: string, fileId: string): Promise<FileRow> {
  if (!isFileId(fileId)) throw fileNotFound();
  const row = await (await db()).file.findFirst({ where: { id: fileId, handleId } });
  if (!row) throw fileNotFound();
  return row;
}

export async function fileEvents(handleId: string, fileId: string): Promise<FileEventView[]> {
  await findHandleFile(handleId, fileId);
  await flushDownloadWrites(); // download events are written behind (lib/sharing/download-writes.ts)
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
