import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { ApiError } from "../http/errors";
import { consumeRateLimit, rateLimitError, refundRateLimit, type RateLimitPolicy } from "../http/rate-limit";
import { newId } from "../ids";
import { objectKeyFor, storage } from "../storage";
import { recordAudit, type AuditActor } from "../audit/audit";
import { allowlistFor, allowlistRequiredIssue, campaignIssues, createFileSchema, type CreatedFileView, CREATE_RULE_ORDER, FILE_FIELD_CODES, sizeLimitMessage } from "../schemas/files";
import { validateInOrder } from "../http/body";
import { assertNoPublicMailDomain } from "./allowlist";
import { contentTypeFor } from "./content-type";
import { toFileView } from "./file-view";
import { isMultipartSize, multipartExpiry, planParts } from "./multipart-upload";

export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

export function dailyWritePolicy(): RateLimitPolicy {
  return { name: "daily-file-creations", limit: config().DAILY_WRITE_LIMIT, windowSec: 24 * 60 * 60 };
}

export function parseCreateFile(body: Record<string, unknown>) {
  const required = allowlistRequiredIssue(body);
  const maxBytes = config().MAX_FILE_BYTES;
  const tooLarge = typeof body.sizeBytes === "number" && body.sizeBytes > maxBytes;
  const extra = [
    ...(required ? [{ code: "allowed_emails_required", message: required }] : []),
    ...(tooLarge ? [{ code: "invalid_size_bytes", message: sizeLimitMessage(maxBytes) }] : []),
    ...campaignIssues(body),
  ];
  const input = validateInOrder(createFileSchema, body, FILE_FIELD_CODES, CREATE_RULE_ORDER, extra);
  if (input.accessMode === "EMAIL_ALLOWLIST") assertNoPublicMailDomain(input.allowedDomains ?? []);
  return input;
}

/**
 * Creates the file record and a presigned upload URL (or, above MULTIPART_THRESHOLD_BYTES,
 * a multipart upload). The object key is ours, never the
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
  let multipartStarted: { objectKey: string; uploadId: string } | null = null;
  try {
    const id = newId("fil");
    const objectKey = objectKeyFor(handle.id);
    const contentType = contentTypeFor(input.fileName, input.contentType);
    // Above the threshold the bytes go in parts (resumable uploads: docs/architecture.md, upload lifecycle); below, one presigned PUT.
    const plan = isMultipartSize(input.sizeBytes) ? planParts(input.sizeBytes) : null;
    const upload = plan ? null : await storage().presignUpload(objectKey, input.sizeBytes, contentType, UPLOAD_URL_TTL_SECONDS);
    const uploadId = plan ? await storage().createMultipart(objectKey, contentType) : null;
    multipartStarted = uploadId ? { objectKey, uploadId } : null;
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
        uploadExpiresAt: upload?.expiresAt ?? multipartExpiry(),
        uploadId,
        uploadPartBytes: plan?.partSize ?? null,
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
        ...(plan ? { partCount: plan.partCount } : {}),
      },
    });
    const file = toFileView(row, handle.slug);
    if (!upload) {
      return {
        file,
        upload: { method: "multipart" as const, uploadId: uploadId!, partSize: plan!.partSize, partCount: plan!.partCount },
        publicUrl: file.publicUrl,
        docsUrl: file.docsUrl,
      };
    }
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
    if (multipartStarted) await storage().abortMultipart(multipartStarted.objectKey, multipartStarted.uploadId).catch(() => undefined);
    if ((error as { code?: string }).code === "P2002") throw new ApiError(409, "docs_path_taken", "A doc already lives at that docsPath.");
    throw error;
  }
}
