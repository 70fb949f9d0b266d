import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { validate } from "../http/body";
import { recordAudit, type AuditActor } from "../audit/audit";
import { allowlistFor, allowlistRequiredIssue, FILE_FIELD_CODES, updateFileSchema } from "../schemas/files";
import { fileExpired, isExpired } from "./expiry";
import { toFileView } from "./file-view";
import { findHandleFile } from "./query-files";
import { completeLandedUpload } from "./upload-completion";

/**
 * Changes name, mode, allowlist or expiry (the stored object is never touched: a new name
 * shows in the next download's Content-Disposition). Moving `expiresAt` into the future revives an
 * expired file while its object is still kept (grace window): same id, same link.
 */
export async function updateFile(handle: { id: string; slug: string }, fileId: string, body: Record<string, unknown>, actor: AuditActor) {
  const file = await findHandleFile(handle.id, fileId);
  const input = validate(updateFileSchema, body, FILE_FIELD_CODES);
  const mode = input.accessMode ?? file.accessMode;
  const emails = input.allowedEmails ?? file.allowedEmails;
  const missing = allowlistRequiredIssue({ allowedEmails: emails }, mode);
  if (missing) throw new ApiError(400, "allowed_emails_required", missing);
  if (isExpired(file)) {
    const revives = input.expiresAt === null || input.expiresAt instanceof Date;
    if (!revives || file.objectDeletedAt) throw fileExpired(file);
  }
  const allowedEmails = allowlistFor(mode, emails);
  const allowlistChanged = input.allowedEmails !== undefined || allowedEmails.length !== file.allowedEmails.length;
  const changes = {
    ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
    ...(input.accessMode !== undefined ? { accessMode: input.accessMode } : {}),
    ...(allowlistChanged ? { allowedEmails } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  };
  const prisma = await db();
  const updated = await prisma.file.update({ where: { id: file.id }, data: changes });
  await recordAudit({
    action: isExpired(file) ? "file.revived" : "file.updated",
    handleId: handle.id, fileId: file.id, actor,
    detail: {
      ...changes,
      ...(changes.expiresAt !== undefined ? { expiresAt: changes.expiresAt?.toISOString() ?? null, previousExpiresAt: file.expiresAt?.toISOString() ?? null } : {}),
    },
  });
  return toFileView(await completeLandedUpload(updated), handle.slug);
}
