import { clock } from "../clock";
import { config } from "../config";
import { ApiError } from "../http/errors";
import { rateLimitError } from "../http/rate-limit";
import { consumeDownloadUnit, recordDownloadAudit } from "./download-writes";
import { servedContentType } from "../files/content-type";
import { fileExpired } from "../files/expiry";
import { ensureReady } from "../files/readiness";
import { storage } from "../storage";
import { readGrant } from "./grants";
import { findLiveShareableFile } from "./public-file";

const MAX_DOWNLOAD_URL_SECONDS = 5 * 60;

export type DownloadDecision = { kind: "redirect"; url: string } | { kind: "needs_magic_link" };

/**
 * The public download decision, made fresh on every request: existence, expiry,
 * readiness, then the access mode (and for allowlists the visitor's grant against the
 * file's *current* list). Only then is a short-lived download URL minted.
 */
export async function resolveDownload(fileId: string, headers: Headers, clientIp: string, requestId: string): Promise<DownloadDecision> {
  const limit = await consumeDownloadUnit({ name: "downloads", limit: config().DOWNLOAD_RATE_LIMIT_PER_MINUTE, windowSec: 60 }, `${clientIp}:${fileId}`);
  if (!limit.allowed) throw rateLimitError(limit);
  let file = await findLiveShareableFile(fileId);
  file = await ensureReady(file);
  if (file.status !== "ready") {
    throw new ApiError(409, "upload_incomplete", "This file has not finished uploading yet.");
  }
  let visitorEmail: string | null = null;
  if (file.accessMode === "EMAIL_ALLOWLIST") {
    const grant = readGrant(headers, "file", file.id);
    if (!grant) return { kind: "needs_magic_link" };
    if (!file.allowedEmails.includes(grant.email)) {
      throw new ApiError(403, "email_not_allowlisted", "Your email address is no longer on this file's allowlist.");
    }
    visitorEmail = grant.email;
  }
  const secondsLeft = file.expiresAt ? Math.floor((file.expiresAt.getTime() - clock.now().getTime()) / 1000) : Infinity;
  if (secondsLeft < 1) throw fileExpired(file);
  const url = await storage().presignDownload(file.objectKey, {
    fileName: file.fileName,
    contentType: servedContentType(file.contentType),
    ttlSec: Math.min(MAX_DOWNLOAD_URL_SECONDS, secondsLeft),
  });
  recordDownloadAudit({
    action: "file.downloaded", handleId: file.handleId, fileId: file.id,
    actor: { kind: visitorEmail ? "visitor" : "anonymous", email: visitorEmail, requestId },
    detail: { clientIp },
  });
  return { kind: "redirect", url };
}
