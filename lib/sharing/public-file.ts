import { clock } from "../clock";
import { db } from "../db/client";
import { isFileId, type FileRow } from "../files/file-view";
import { completeLandedUpload } from "../files/upload-completion";
import { limitFacts } from "../files/download-limit";
import { decideFileAccess, type FileAccessAllowed, type FileAccessVerdict, type FileVisitor } from "./file-access";
import { fileAccessProblem } from "./file-access-problem";

/** A file row by its public id, or null (a malformed id is simply not found). */
export async function findFileByPublicId(fileId: string): Promise<FileRow | null> {
  if (!isFileId(fileId)) return null;
  return (await (await db()).file.findUnique({ where: { id: fileId } })) ?? null;
}

/** decideFileAccess with the facts it needs gathered first (the download limit's counts). */
export async function decideOnFile(file: FileRow | null, visitor: FileVisitor, now = clock.now()): Promise<FileAccessVerdict> {
  if (!file) return decideFileAccess(null, visitor, now);
  const { countedVisitors, counted } = await limitFacts(file, visitor.email);
  return decideFileAccess({ ...file, countedVisitors }, { ...visitor, counted }, now);
}

/**
 * decideFileAccess on the current row; when only an unfinished upload stands in the way,
 * storage is asked whether the bytes have arrived and the decision is taken again.
 */
export async function decideOnFreshFile(fileId: string, visitor: FileVisitor, now = clock.now()): Promise<{ file: FileRow | null; verdict: FileAccessVerdict }> {
  let file = await findFileByPublicId(fileId);
  let verdict = await decideOnFile(file, visitor, now);
  if (file && !verdict.allowed && verdict.refusal === "not_ready") {
    file = await completeLandedUpload(file);
    verdict = await decideOnFile(file, visitor, now);
  }
  return { file, verdict };
}

/** The file and the allowing verdict; the verdict's problem when it refuses. */
export function allowedOrThrow(fileId: string, file: FileRow | null, verdict: FileAccessVerdict): { file: FileRow; access: FileAccessAllowed } {
  if (!verdict.allowed) throw fileAccessProblem(verdict.refusal, fileId, file);
  return { file: file!, access: verdict };
}
