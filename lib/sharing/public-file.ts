import { clock } from "../clock";
import { db } from "../db/client";
import { isFileId, type FileRow } from "../files/file-view";
import { ensureReady } from "../files/readiness";
import { decideFileAccess, type FileAccessAllowed, type FileAccessVerdict, type FileVisitor } from "./file-access";
import { fileAccessProblem } from "./file-access-problem";

/** A file row by its public id, or null (a malformed id is simply not found). */
export async function findFileByPublicId(fileId: string): Promise<FileRow | null> {
  if (!isFileId(fileId)) return null;
  return (await (await db()).file.findUnique({ where: { id: fileId } })) ?? null;
}

/**
 * decideFileAccess on the current row; when only an unfinished upload stands in the way,
 * storage is asked whether the bytes have arrived and the decision is taken again.
 */
export async function decideOnFreshFile(fileId: string, visitor: FileVisitor, now = clock.now()): Promise<{ file: FileRow | null; verdict: FileAccessVerdict }> {
  let file = await findFileByPublicId(fileId);
  let verdict = decideFileAccess(file, visitor, now);
  if (file && !verdict.allowed && verdict.refusal === "not_ready") {
    file = await ensureReady(file);
    verdict = decideFileAccess(file, visitor, now);
  }
  return { file, verdict };
}

/** The file and the allowing verdict; the verdict's problem when it refuses. */
export function allowedOrThrow(fileId: string, file: FileRow | null, verdict: FileAccessVerdict): { file: FileRow; access: FileAccessAllowed } {
  if (!verdict.allowed) throw fileAccessProblem(verdict.refusal, fileId, file);
  return { file: file!, access: verdict };
}
