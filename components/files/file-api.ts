import { api, handlePath } from "@/lib/ui/api";
import type { AccessMode, AuditEventItem, FileItem } from "@/lib/ui/api-types";

export interface FilePatch {
  accessMode?: AccessMode;
  allowedEmails?: string[];
  expiresAt?: string | null;
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
