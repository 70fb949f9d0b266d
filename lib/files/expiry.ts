import { clock } from "../clock";
import { ApiError } from "../http/errors";
import type { FileRow } from "./file-view";

export function isExpired(file: Pick<FileRow, "expiresAt">, now = clock.now()): boolean {
  return file.expiresAt !== null && file.expiresAt.getTime() <= now.getTime();
}

export function fileExpired(file: Pick<FileRow, "expiresAt" | "objectDeletedAt">): ApiError {
  const when = file.expiresAt!.toISOString();
  const detail = file.objectDeletedAt
    ? `This file expired on ${when} and its content has been removed; a re-upload is needed.`
    : `This file expired on ${when}.`;
  return new ApiError(410, "file_expired", detail);
}

export const fileNotFound = () => new ApiError(404, "file_not_found", "No such file.");
