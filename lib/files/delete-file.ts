import { db } from "../db/client";
import { storage } from "../storage";
import { recordAudit, type AuditActor } from "../audit/audit";
import { findHandleFile } from "./query-files";

/** Removes the stored object, then the row. Storage down → 503 and nothing is removed. */
export async function deleteFile(handle: { id: string }, fileId: string, actor: AuditActor): Promise<void> {
  const file = await findHandleFile(handle.id, fileId);
  // An unfinished multipart upload's parts go too (a finished one answers "no such upload").
  if (file.uploadId && file.status === "pending") await storage().abortMultipart(file.objectKey, file.uploadId);
  if (!file.objectDeletedAt) await storage().delete(file.objectKey);
  await (await db()).file.deleteMany({ where: { id: file.id, handleId: handle.id } });
  await recordAudit({ action: "file.deleted", handleId: handle.id, fileId: file.id, actor, detail: { fileName: file.fileName } });
}
