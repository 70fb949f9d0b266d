import { db } from "../db/client";
import { storage } from "../storage";
import { recordAudit, systemActor } from "../audit/audit";
import type { FileRow } from "./file-view";

/**
 * A file turns `ready` once its object exists with the declared size and type (a HEAD on
 * S3, a stat locally). Checked lazily wherever a pending file is looked at.
 */
export async function ensureReady(file: FileRow): Promise<FileRow> {
  if (file.status === "ready" || file.objectDeletedAt) return file;
  const object = await storage().stat(file.objectKey);
  if (!object || object.size !== Number(file.sizeBytes) || object.contentType !== file.contentType) return file;
  const prisma = await db();
  const updated = await prisma.file.updateMany({ where: { id: file.id, status: "pending" }, data: { status: "ready" } });
  if (updated.count === 1) {
    await recordAudit({ action: "file.uploaded", handleId: file.handleId, fileId: file.id, actor: systemActor, detail: { sizeBytes: object.size } });
  }
  return { ...file, status: "ready" };
}
