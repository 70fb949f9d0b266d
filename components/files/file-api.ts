import { api, handlePath } from "@/lib/ui/api";
import type { AccessMode, AuditEventItem, FileItem } from "@/lib/ui/api-types";
import type { FileStats, HandleStats } from "@/lib/ui/delivery-types";

export interface FilePatch {
  accessMode?: AccessMode;
  allowedEmails?: string[];
  expiresAt?: string | null;
  allowedDomains?: string[];
  availableFrom?: string | null;
  maxDownloads?: number | null;
  notifyOnDownload?: boolean;
}

export function patchFile(handle: string, file: FileItem, patch: FilePatch, action: string): Promise<FileItem> {
  return api<FileItem>(handlePath(handle, "files", file.id), { method: "PATCH", body: patch, action });
}

export function deleteFile(handle: string, file: FileItem): Promise<void> {
  return api<void>(handlePath(handle, "files", file.id), { method: "DELETE", action: `Deleting ${file.fileName}` });
}

export function fileEvents(handle: string, file: FileItem, signal?: AbortSignal): Promise<{ events: AuditEventItem[] }> {
  return api(handlePath(handle, "files", file.id, "events"), { signal, action: `Loading activity for ${file.fileName}` });
}

export function fileStats(handle: string, file: FileItem, signal?: AbortSignal): Promise<FileStats> {
  return api(handlePath(handle, "files", file.id, "stats"), { signal, action: `Loading delivery for ${file.fileName}` });
}

export function handleStats(handle: string, signal?: AbortSignal): Promise<HandleStats> {
  return api(handlePath(handle, "stats"), { signal, action: "Loading downloads" });
}

/** Emails an invitation (the share page link) to `emails`, or to everyone allowlisted when omitted. */
export function sendInvitations(handle: string, file: FileItem, emails: string[] | undefined, action: string): Promise<{ sent: number }> {
  return api(handlePath(handle, "files", file.id, "invitations"), { method: "POST", body: emails ? { emails } : {}, action });
}
