import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { consumeRateLimit, rateLimitError, refundRateLimit, type RateLimitPolicy } from "../http/rate-limit";
import { newId } from "../ids";
import { objectKeyFor, storage } from "../storage";
import { recordAudit, type AuditActor } from "../audit/audit";
import { allowlistFor, allowlistRequiredIssue, campaignIssues, createFileSchema, type CreatedFileView, CREATE_RULE_ORDER, FILE_FIELD_CODES } from "../schemas/files";
import { validateInOrder } from "../http/body";
import { assertNoPublicMailDomain } from "./allowlist";
import { contentTypeFor } from "./content-type";
import { toFileView } from "./file-view";

export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

export function dailyWritePolicy(): RateLimitPolicy {
  return { name: "daily-file-creations", limit: config().DAILY_WRITE_LIMIT, windowSec: 24 * 60 * 60 };
}

export function parseCreateFile(body: Record<string, unknown>) {
  const required = allowlistRequiredIssue(body);
  const extra = [...(required ? [{ code: "allowed_emails_required", message: required }] : []), ...campaignIssues(body)];
  const input = validateInOrder(createFileSchema, body, FILE_FIELD_CODES, CREATE_RULE_ORDER, extra);
  if (input.accessMode === "EMAIL_ALLOWLIST") assertNoPublicMailDomain(input.allowedDomains ?? []);
  return input;
}

/**
 * Creates the file record and a presigned upload URL. The object key is ours, never the
 * file name. Only an executed create counts against the handle's daily limit.
 */
export async function createFile(handle: { id: string; slug: string }, body: Record<string, unknown>, actor: AuditActor): Promise<CreatedFileView> {
  const input = parseCreateFile(body);
  const prisma = await db();
  if (input.docsPath) {
    const taken = await prisma.file.findFirst({ where: { handleId: handle.id, docsPath: input.docsPath }, select: { id: true } });
    if (taken) throw new ApiError(409, "docs_path_taken", `A doc already lives at '${input.docsPath}'. Delete it first.`);
  }
  const daily = await consumeRateLimit(dailyWritePolicy(), handle.id);
  if (!daily.allowed) {
    throw rateLimitError(daily, "daily_write_limit_exceeded", `This handle reached its limit of ${daily.policy.limit} new files a day.`);
  }
  try {
    const id = newId("fil");
    const objectKey = objectKeyFor(handle.id);
    const contentType = contentTypeFor(input.fileName, input.contentType);
    const upload = await storage().presignUpload(objectKey, input.sizeBytes, contentType, UPLOAD_URL_TTL_SECONDS);
    const row = await prisma.file.create({
      data: {
        id,
        handleId: handle.id,
        fileName: input.fileName,
        sizeBytes: BigInt(input.sizeBytes),
        contentType,
        accessMode: input.accessMode,
        allowedEmails: allowlistFor(input.accessMode, input.allowedEmails),
        expiresAt: input.expiresAt ?? null,
        allowedDomains: allowlistFor(input.accessMode, input.allowedDomains),
        availableFrom: input.availableFrom ?? null,
        maxDownloads: input.maxDownloads ?? null,
        notifyOnDownload: input.notifyOnDownload ?? false,
        objectKey,
        docsPath: input.docsPath ?? null,
        uploadExpiresAt: upload.expiresAt,
        createdById: actor.userId ?? null,
        createdAt: clock.now(),
      },
    });
    await recordAudit({
      action: "file.created", handleId: handle.id, fileId: id, actor,
      detail: {
        fileName: row.fileName, sizeBytes: input.sizeBytes, accessMode: row.accessMode, docsPath: row.docsPath,
        ...(row.allowedDomains.length > 0 ? { allowedDomains: row.allowedDomains } : {}),
        ...(row.availableFrom ? { availableFrom: row.availableFrom.toISOString() } : {}),
        ...(row.maxDownloads !== null ? { maxDownloads: row.maxDownloads } : {}),
        ...(row.notifyOnDownload ? { notifyOnDownload: true } : {}),
      },
    });
    const file = toFileView(row, handle.slug);
    return {
      file,
      uploadUrl: upload.url,
      uploadMethod: "PUT" as const,
      uploadHeaders: upload.headers,
      uploadExpiresAt: upload.expiresAt.toISOString(),
      publicUrl: file.publicUrl,
      docsUrl: file.docsUrl,
    };
  } catch (error) {
    await refundRateLimit(dailyWritePolicy(), handle.id).catch(() => undefined);
    if ((error as { code?: string }).code === "P2002") throw new ApiError(409, "docs_path_taken", "A doc already lives at that docsPath.");
    throw error;
  }
}
