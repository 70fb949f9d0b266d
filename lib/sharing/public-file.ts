import { db } from "../db/client";
import { fileExpired, fileNotFound, isExpired } from "../files/expiry";
import { isFileId, type FileRow } from "../files/file-view";

/** A shareable file by id: never an internal doc (those live behind /_edge/docs). */
export async function findShareableFile(fileId: string): Promise<FileRow> {
  if (!isFileId(fileId)) throw fileNotFound();
  const file = await (await db()).file.findUnique({ where: { id: fileId } });
  if (!file || file.docsPath !== null) throw fileNotFound();
  return file;
}

/** Same, and still inside its expiry (410 otherwise, even after the object is gone). */
export async function findLiveShareableFile(fileId: string): Promise<FileRow> {
  const file = await findShareableFile(fileId);
  if (isExpired(file)) throw fileExpired(file);
  return file;
}
