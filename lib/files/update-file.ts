import { clock } from "../clock";
import { db } from "../db/client";
import { validateInOrder } from "../http/body";
import { recordAudit, type AuditActor } from "../audit/audit";
import { allowlistFor, allowlistRequiredIssue, campaignIssues, FILE_FIELD_CODES, PATCH_RULE_ORDER, updateFileSchema } from "../schemas/files";
import { assertNoPublicMailDomain } from "./allowlist";
import { pastDownloadCount } from "./download-limit";
import { rekeyObject } from "./embargo-rekey";
import { fileExpired, isExpired } from "./expiry";
import { toFileView, type FileRow } from "./file-view";
import { findHandleFile } from "./query-files";
import { completeLandedUpload } from "./upload-completion";

const has = (body: Record<string, unknown>, field: string) => Object.prototype.hasOwnProperty.call(body, field);

/** The rules that span fields run on the values the file will have: the body's, else the stored ones. */
function crossFieldIssues(body: Record<string, unknown>, file: FileRow) {
  const effective = {
    accessMode: has(body, "accessMode") ? body.accessMode : file.accessMode,
    allowedEmails: has(body, "allowedEmails") ? body.allowedEmails : file.allowedEmails,
    allowedDomains: has(body, "allowedDomains") ? body.allowedDomains : file.allowedDomains,
    availableFrom: has(body, "availableFrom") ? body.availableFrom : file.availableFrom,
    expiresAt: has(body, "expiresAt") ? body.expiresAt : file.expiresAt,
  };
  const missing = allowlistRequiredIssue(effective, effective.accessMode);
  return [...(missing ? [{ code: "allowed_emails_required", message: missing }] : []), ...campaignIssues(effective)];
}

/** An embargo that starts now (none, or a past one, before): URLs minted so far must stop working. */
function startsEmbargo(file: FileRow, availableFrom: Date | null | undefined, now: Date): boolean {
  const wasOpen = file.availableFrom === null || file.availableFrom.getTime() <= now.getTime();
  return availableFrom instanceof Date && availableFrom.getTime() > now.getTime() && wasOpen;
}

/**
 * Changes name, mode, allowlist, expiry and the campaign fields (the stored object is never
 * rewritten: a new name shows in the next download's Content-Disposition). Moving `expiresAt`
 * into the future revives an expired file while its object is still kept (grace window).
 */
export async function updateFile(handle: { id: string; slug: string }, fileId: string, body: Record<string, unknown>, actor: AuditActor) {
  const file = await findHandleFile(handle.id, fileId);
  const input = validateInOrder(updateFileSchema, body, FILE_FIELD_CODES, PATCH_RULE_ORDER, crossFieldIssues(body, file));
  const mode = input.accessMode ?? file.accessMode;
  if (mode === "EMAIL_ALLOWLIST") assertNoPublicMailDomain(input.allowedDomains ?? file.allowedDomains);
  if (isExpired(file)) {
    const revives = input.expiresAt === null || input.expiresAt instanceof Date;
    if (!revives || file.objectDeletedAt) throw fileExpired(file);
  }
  const allowedEmails = allowlistFor(mode, input.allowedEmails ?? file.allowedEmails);
  const allowedDomains = allowlistFor(mode, input.allowedDomains ?? file.allowedDomains);
  const allowlistChanged = input.allowedEmails !== undefined || allowedEmails.length !== file.allowedEmails.length;
  const domainsChanged = input.allowedDomains !== undefined || allowedDomains.length !== file.allowedDomains.length;
  // A limit set where there was none counts the downloads so far (PUBLIC: redirects).
  const limitStarts = input.maxDownloads != null && file.maxDownloads === null;
  const now = clock.now();
  const changes = {
    ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
    ...(input.accessMode !== undefined ? { accessMode: input.accessMode } : {}),
    ...(allowlistChanged ? { allowedEmails } : {}),
    ...(domainsChanged ? { allowedDomains } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
    ...(input.availableFrom !== undefined ? { availableFrom: input.availableFrom } : {}),
    ...(input.maxDownloads !== undefined ? { maxDownloads: input.maxDownloads } : {}),
    ...(input.notifyOnDownload !== undefined ? { notifyOnDownload: input.notifyOnDownload } : {}),
  };
  const rekey = startsEmbargo(file, input.availableFrom, now) ? await rekeyObject(file) : null;
  const prisma = await db();
  const updated = await prisma.file.update({
    where: { id: file.id },
    data: {
      ...changes,
      ...(rekey ? { objectKey: rekey.newKey } : {}),
      ...(limitStarts ? { downloadCount: await pastDownloadCount(file.id) } : {}),
    },
  });
  await recordAudit({
    action: isExpired(file) ? "file.revived" : "file.updated",
    handleId: handle.id, fileId: file.id, actor,
    detail: {
      ...changes,
      ...(changes.expiresAt !== undefined ? { expiresAt: changes.expiresAt?.toISOString() ?? null, previousExpiresAt: file.expiresAt?.toISOString() ?? null } : {}),
      ...(changes.availableFrom !== undefined ? { availableFrom: changes.availableFrom?.toISOString() ?? null } : {}),
      ...(rekey ? { downloadUrlsRetired: true } : {}),
    },
  });
  await rekey?.retireOldKey();
  return toFileView(await completeLandedUpload(updated), handle.slug);
}
