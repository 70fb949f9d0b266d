import { config } from "../config";
import { recordAuditBatched } from "../audit/audit-batched";
import { rateLimitError } from "../http/rate-limit";
import { consumeRateLimitBatched } from "../http/rate-limit-batched";
import { servedContentType } from "../files/content-type";
import { claimDownload } from "../files/download-limit";
import { storage } from "../storage";
import { fileAccessProblem } from "./file-access-problem";
import { notifyCreatorInBackground } from "./download-notification";
import { readGrant } from "./grants";
import { allowedOrThrow, decideOnFreshFile } from "./public-file";

const MAX_DOWNLOAD_URL_SECONDS = 5 * 60;

/**
 * The public download, decided fresh on every request by decideFileAccess (the visitor's
 * grant against the file's *current* list); only then is a short-lived URL minted.
 * Refusals are thrown as problems (401 magic_link_required included).
 */
export async function resolveDownload(fileId: string, headers: Headers, clientIp: string, requestId: string): Promise<string> {
  const limit = await consumeRateLimitBatched({ name: "downloads", limit: config().DOWNLOAD_RATE_LIMIT_PER_MINUTE, windowSec: 60 }, `${clientIp}:${fileId}`);
  if (!limit.allowed) throw rateLimitError(limit);
  const grantEmail = readGrant(headers, "file", fileId)?.email ?? null;
  const decided = await decideOnFreshFile(fileId, { wants: "download", email: grantEmail });
  const { file, access } = allowedOrThrow(fileId, decided.file, decided.verdict);
  // The limit's unit is taken atomically here; the pre-check above may have raced.
  const claim = await claimDownload(file, access.email);
  if (!claim.allowed) throw fileAccessProblem("download_limit_reached", fileId, file);
  const url = await storage().presignDownload(file.objectKey, {
    fileName: file.fileName,
    contentType: servedContentType(file.contentType),
    ttlSec: Math.min(MAX_DOWNLOAD_URL_SECONDS, access.secondsLeft),
  });
  recordAuditBatched({
    action: "file.downloaded", handleId: file.handleId, fileId: file.id,
    actor: { kind: access.email ? "visitor" : "anonymous", email: access.email, requestId },
    detail: { clientIp },
  });
  if (file.notifyOnDownload) notifyCreatorInBackground(file, access.email, claim.firstVisit);
  return url;
}
