import { clock } from "../clock";
import { config } from "../config";
import { db } from "../db/client";
import { storage } from "../storage";
import { recordAudit, systemActor } from "../audit/audit";
import { completeLandedUpload } from "./upload-completion";

// Expired files keep their row (a tombstone: links go on answering 410) but lose their
// object once the grace window passes. Uploads never finished are removed entirely.
const PENDING_SLACK_MS = 5 * 60 * 1000;
const BATCH = 200;

export interface FileSweepOptions {
  /** Override EXPIRED_GRACE_HOURS for this run (e.g. `npm run sweep -- --grace-hours 0`). */
  graceHours?: number;
}

export async function sweepFiles(options: FileSweepOptions) {
  const prisma = await db();
  const now = clock.now();
  const graceHours = options.graceHours ?? config().EXPIRED_GRACE_HOURS;
  const expiredBefore = new Date(now.getTime() - graceHours * 3600_000);
  let expiredObjectsDeleted = 0;
  let stalePendingDeleted = 0;

  const expired = await prisma.file.findMany({
    where: { objectDeletedAt: null, expiresAt: { lte: expiredBefore } },
    take: BATCH,
  });
  for (const file of expired) {
    // Mark first: a concurrent revive (PATCH expiresAt) then wins and keeps its bytes.
    const marked = await prisma.file.updateMany({
      where: { id: file.id, objectDeletedAt: null, expiresAt: { lte: expiredBefore } },
      data: { objectDeletedAt: now },
    });
    if (marked.count === 1) {
      await storage().delete(file.objectKey);
      expiredObjectsDeleted++;
      await recordAudit({ action: "file.object_removed", handleId: file.handleId, fileId: file.id, actor: systemActor, detail: { graceHours } });
    }
  }

  const staleBefore = new Date(now.getTime() - PENDING_SLACK_MS);
  const stale = await prisma.file.findMany({
    where: { status: "pending", uploadExpiresAt: { lte: staleBefore } },
    take: BATCH,
  });
  for (const file of stale) {
    // Uploaded but never looked at since: it is ready, not stale.
    if ((await completeLandedUpload(file)).status === "ready") continue;
    // The row goes first, and only while its lease is still past: a multipart complete
    // renews the lease before it assembles, so one of the two wins and nothing is lost.
    const removed = await prisma.file.deleteMany({ where: { id: file.id, status: "pending", uploadExpiresAt: { lte: staleBefore } } });
    if (removed.count === 0) continue;
    stalePendingDeleted++;
    // A multipart upload's parts are dropped too (AbortMultipartUpload).
    if (file.uploadId) await storage().abortMultipart(file.objectKey, file.uploadId);
    await storage().delete(file.objectKey);
  }
  // A crashed upload can leave bytes behind (a local temp file): gone after a day untouched.
  const staleTempFilesDeleted = await storage().removeStaleUploadLeftovers(24 * 3600_000);
  return { expiredObjectsDeleted, stalePendingDeleted, staleTempFilesDeleted };
}
