import { config } from "../config";
import { edgeDocsUrl } from "../docs/docs-path";
import type { File as FileRow } from "../generated/prisma/client";
import type { FileView } from "../schemas/files";

export type { FileRow, FileView };

/** The shape of our file ids; anything else is "no such file" without a query. */
export const isFileId = (value: string) => /^fil_[A-Za-z0-9]{1,64}$/.test(value);

export function publicUrlFor(fileId: string): string {
  return `${config().appUrl}/v2/public/files/${fileId}`;
}

/** Where an internal doc is read: its edge URL (it is never served by the public URL). */
export function docsUrlFor(handleSlug: string, docsPath: string): string {
  return `${config().appUrl}${edgeDocsUrl(handleSlug, docsPath)}`;
}

/** A file as the API shows it (the shape is fileViewSchema). Internal docs: publicUrl null, docsUrl set. */
export function toFileView(row: FileRow, handleSlug: string): FileView {
  return {
    id: row.id,
    handle: handleSlug,
    fileName: row.fileName,
    sizeBytes: Number(row.sizeBytes),
    contentType: row.contentType,
    accessMode: row.accessMode,
    allowedEmails: row.allowedEmails,
    allowedDomains: row.allowedDomains,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    availableFrom: row.availableFrom?.toISOString() ?? null,
    maxDownloads: row.maxDownloads,
    notifyOnDownload: row.notifyOnDownload,
    status: row.status,
    publicUrl: row.docsPath ? null : publicUrlFor(row.id),
    docsPath: row.docsPath,
    docsUrl: row.docsPath ? docsUrlFor(handleSlug, row.docsPath) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
