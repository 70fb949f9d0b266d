import { config } from "../config";
import type { File as FileRow } from "../generated/prisma/client";
import type { FileView } from "../schemas/files";

export type { FileRow, FileView };

/** The shape of our file ids; anything else is "no such file" without a query. */
export const isFileId = (value: string) => /^fil_[A-Za-z0-9]{1,64}$/.test(value);

export function publicUrlFor(fileId: string): string {
  return `${config().appUrl}/v2/public/files/${fileId}`;
}

/** A file as the API shows it (SPEC section 3): the shape is fileViewSchema. */
export function toFileView(row: FileRow, handleSlug: string): FileView {
  return {
    id: row.id,
    handle: handleSlug,
    fileName: row.fileName,
    sizeBytes: Number(row.sizeBytes),
    contentType: row.contentType,
    accessMode: row.accessMode,
    allowedEmails: row.allowedEmails,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    status: row.status,
    publicUrl: publicUrlFor(row.id),
    docsPath: row.docsPath,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
