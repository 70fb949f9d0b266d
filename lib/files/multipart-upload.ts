// Resumable uploads of large files (resumable uploads: docs/architecture.md, upload lifecycle): the part plan fixed at create, part
// URLs minted (again) while the file is pending, the stored parts listed for a resume, and
// the completion that turns the file ready once the assembled object has exactly sizeBytes.
import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { validate } from "../http/body";
import { ApiError } from "../http/errors";
import { isInvalidPartsError, storage } from "../storage";
import { recordAudit, type AuditActor } from "../audit/audit";
import { completeUploadSchema, MAX_PART_NUMBER, uploadPartsRequestSchema } from "../schemas/files";
import { fileExpired, isExpired } from "./expiry";
import { toFileView, type FileRow, type FileView } from "./file-view";
import { findHandleFile } from "./query-files";
import { completeLandedUpload } from "./upload-completion";

export const PART_URL_TTL_SECONDS = 15 * 60;
/** An unfinished multipart upload is kept this long after its last part URLs were minted. */
export const MULTIPART_IDLE_HOURS = 24;
const MiB = 1024 * 1024;

export interface PartPlan {
  partSize: number;
  partCount: number;
}

export const isMultipartSize = (sizeBytes: number) => sizeBytes > config().MULTIPART_THRESHOLD_BYTES;

/** The configured part size, grown (in whole MiB) when the file would need more than 10,000 parts. */
export function planParts(sizeBytes: number, preferredPartBytes = config().MULTIPART_PART_BYTES): PartPlan {
  const partSize = Math.max(preferredPartBytes, Math.ceil(sizeBytes / MAX_PART_NUMBER / MiB) * MiB);
  return { partSize, partCount: Math.ceil(sizeBytes / partSize) };
}

/** Every part is partSize bytes but the last, which holds the rest. */
export function partSizeOf(plan: PartPlan, sizeBytes: number, partNumber: number): number {
  return partNumber < plan.partCount ? plan.partSize : sizeBytes - plan.partSize * (plan.partCount - 1);
}

export const multipartExpiry = (now = clock.now()) => new Date(now.getTime() + MULTIPART_IDLE_HOURS * 3600_000);

interface PendingMultipart {
  file: FileRow;
  uploadId: string;
  plan: PartPlan;
}

/** The file, still pending and uploading in parts; otherwise the problem that says why not. */
async function pendingMultipart(handle: { id: string }, fileId: string): Promise<PendingMultipart> {
  const found = await findHandleFile(handle.id, fileId);
  if (isExpired(found)) throw fileExpired(found);
  if (!found.uploadId || !found.uploadPartBytes) throw new ApiError(409, "not_multipart", "This file uploads with one PUT to its uploadUrl, not in parts.");
  const file = await completeLandedUpload(found);
  if (file.status === "ready") throw new ApiError(409, "upload_complete", "The file is uploaded already.");
  const sizeBytes = Number(file.sizeBytes);
  return { file, uploadId: found.uploadId, plan: planParts(sizeBytes, found.uploadPartBytes) };
}

const uploadAborted = () =>
  new ApiError(409, "upload_aborted", "The storage no longer holds this upload's parts: delete the file and upload it again.");

/** Presigned PUT URLs for these parts (15 minutes); minting again is how a client resumes. */
export async function signUploadParts(handle: { id: string }, fileId: string, body: Record<string, unknown>, actor: AuditActor) {
  const { partNumbers } = validate(uploadPartsRequestSchema, body, { partNumbers: "invalid_part_numbers" });
  const { file, uploadId, plan } = await pendingMultipart(handle, fileId);
  const beyond = partNumbers.find((n) => n > plan.partCount);
  if (beyond !== undefined) throw new ApiError(400, "invalid_part_numbers", `This upload has ${plan.partCount} parts; there is no part ${beyond}.`);
  const unique = [...new Set(partNumbers)].sort((a, b) => a - b);
  const sizeBytes = Number(file.sizeBytes);
  const parts = await Promise.all(
    unique.map(async (partNumber) => {
      const signed = await storage().presignPart(file.objectKey, uploadId, partNumber, partSizeOf(plan, sizeBytes, partNumber), PART_URL_TTL_SECONDS);
      return { partNumber, url: signed.url, headers: signed.headers, expiresAt: signed.expiresAt.toISOString() };
    }),
  );
  // Activity keeps the upload from being swept as stale.
  const keepUntil = multipartExpiry();
  await (await db()).file.updateMany({ where: { id: file.id, status: "pending", uploadExpiresAt: { lt: keepUntil } }, data: { uploadExpiresAt: keepUntil } });
  await recordAudit({ action: "file.upload_parts_signed", handleId: file.handleId, fileId: file.id, actor, detail: { partNumbers: unique.length } });
  return { parts };
}

/** The parts the storage holds so far, so a client sends only the missing ones. */
export async function listUploadedParts(handle: { id: string }, fileId: string) {
  const { file, uploadId } = await pendingMultipart(handle, fileId);
  const parts = await storage().listParts(file.objectKey, uploadId);
  if (!parts) throw uploadAborted();
  return { parts };
}

/** Checks the list names each part 1..partCount exactly once; answers it in part order. */
function wholePartList(parts: { partNumber: number; etag: string }[], plan: PartPlan) {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  sorted.forEach((part, i) => {
    if (part.partNumber !== i + 1) {
      const problem = part.partNumber === i ? `part ${part.partNumber} is listed twice` : `part ${i + 1} is missing`;
      throw new ApiError(400, "invalid_parts", `The list must name parts 1 to ${plan.partCount} once each: ${problem}.`);
    }
  });
  if (sorted.length !== plan.partCount) {
    throw new ApiError(400, "invalid_parts", `The list must name parts 1 to ${plan.partCount} once each: part ${sorted.length + 1} is missing.`);
  }
  return sorted;
}

/**
 * Assembles the parts into the file's object and turns the file ready. A file already
 * ready answers as it is (a client whose first answer was lost may ask again).
 */
export async function completeUpload(handle: { id: string; slug: string }, fileId: string, body: Record<string, unknown>, actor: AuditActor): Promise<FileView> {
  const input = validate(completeUploadSchema, body, { parts: "invalid_parts" });
  let pending: PendingMultipart;
  try {
    pending = await pendingMultipart(handle, fileId);
  } catch (error) {
    if (error instanceof ApiError && error.code === "upload_complete") return toFileView(await findHandleFile(handle.id, fileId), handle.slug);
    throw error;
  }
  const { file, uploadId, plan } = pending;
  const parts = wholePartList(input.parts, plan);
  // Renew the lease first: the sweeper removes a stale pending row only while its lease is
  // still past (sweep-files.ts), so it can never delete the object this complete assembles.
  const renewed = await (await db()).file.updateMany({ where: { id: file.id, status: "pending" }, data: { uploadExpiresAt: multipartExpiry() } });
  if (renewed.count === 0) {
    const current = await findHandleFile(handle.id, fileId); // 404 once swept or deleted
    if (current.status === "ready") return toFileView(current, handle.slug);
  }
  let result: "completed" | "no_upload";
  try {
    result = await storage().completeMultipart(file.objectKey, uploadId, parts);
  } catch (error) {
    if (isInvalidPartsError(error)) throw new ApiError(400, "invalid_parts", error.message);
    throw error;
  }
  const ready = await completeLandedUpload(file);
  if (ready.status !== "ready") {
    if (result === "no_upload" && !(await storage().stat(file.objectKey))) throw uploadAborted();
    // Unreachable where part sizes are signed; never leave wrong bytes under a pending file.
    await storage().delete(file.objectKey);
    throw new ApiError(400, "invalid_parts", "The assembled object does not have the declared size and type.");
  }
  await recordAudit({ action: "file.upload_completed", handleId: file.handleId, fileId: file.id, actor, detail: { partCount: plan.partCount } });
  return toFileView(ready, handle.slug);
}
