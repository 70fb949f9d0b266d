// Multipart uploads for the local driver (resumable uploads: docs/architecture.md, upload lifecycle), the same contract as S3's:
// parts live under DATA_DIR/objects/.multipart/<uploadId>/, each written through a temp
// file and renamed in (a re-sent part replaces the old one whole); complete assembles them
// into a temp file, fsyncs it and links it in as writeObject does, so a crash at any
// instant leaves either no object or the whole one.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { addAbortSignal, type Readable } from "node:stream";
import {
  assertPresignArgs, BodySizeError, copyExactly, errnoOf, makeDirectoryDurable, metaPathOf, objectPath,
  objectsRoot, statFile, syncDirectory, tmpDir, unavailable, writeSyncedFile,
} from "./local";
import { nowUnixSeconds, storageUrlFor } from "./local-url";
import { InvalidPartsError, isInvalidPartsError, type MultipartStorage, type PartRef, type StoredPart } from "./types";

const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;
const PART_FILE = /^\d{5}$/;
/** S3's rules, kept here too so both drivers refuse the same part lists. */
export const MAX_PARTS = 10_000;
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const COPY_CHUNK_BYTES = 4 * 1024 * 1024;

interface UploadRecord {
  key: string;
  contentType: string;
}

const multipartRoot = () => path.join(objectsRoot(), ".multipart");

function uploadDir(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) throw new Error("Invalid upload id.");
  return path.join(multipartRoot(), uploadId);
}

const partFileName = (partNumber: number) => String(partNumber).padStart(5, "0");

function assertPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PARTS) throw new Error("Invalid part number.");
}

/** Identifies one written part: a re-sent part is a new inode (renamed in), so a new tag. */
function etagOf(st: { ino: bigint; size: bigint; mtimeNs: bigint }): string {
  return `"${st.ino.toString(16)}-${st.size.toString(16)}-${st.mtimeNs.toString(16)}"`;
}

/** The upload's record when it exists and belongs to this key; null otherwise. */
async function readUpload(key: string, uploadId: string): Promise<UploadRecord | null> {
  if (!UPLOAD_ID.test(uploadId)) return null;
  try {
    const record = JSON.parse(await fs.readFile(path.join(uploadDir(uploadId), "upload.json"), "utf8")) as UploadRecord;
    return record.key === key ? record : null;
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw unavailable(err);
  }
}

export type PartWriteOutcome =
  | { outcome: "stored"; etag: string }
  | { outcome: "no_upload" | "too_large" | "too_short" | "aborted" };

/** Streams exactly `size` bytes into part `partNumber` of an upload, durably (fsynced, renamed in, directory synced). */
export async function writePart(
  key: string, uploadId: string, partNumber: number, size: number, body: Readable, signal: AbortSignal,
): Promise<PartWriteOutcome> {
  objectPath(key);
  assertPartNumber(partNumber);
  if (!(await readUpload(key, uploadId))) return { outcome: "no_upload" };
  const dir = uploadDir(uploadId);
  const tmp = path.join(tmpDir(), randomUUID());
  try {
    await makeDirectoryDurable(tmpDir());
    await writeSyncedFile(tmp, (handle) => copyExactly(addAbortSignal(signal, body), handle, size));
    const etag = etagOf(await fs.stat(tmp, { bigint: true }));
    await fs.rename(tmp, path.join(dir, partFileName(partNumber)));
    await syncDirectory(dir);
    return { outcome: "stored", etag };
  } catch (err) {
    if (err instanceof BodySizeError) return { outcome: err.status === 413 ? "too_large" : "too_short" };
    if (errnoOf(err) === "ENOENT") return { outcome: "no_upload" }; // aborted (or completed) meanwhile
    if (signal.aborted || errnoOf(err) === "ERR_STREAM_PREMATURE_CLOSE" || errnoOf(err) === "ECONNRESET") return { outcome: "aborted" };
    throw err;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
  }
}

async function listStoredParts(dir: string): Promise<StoredPart[]> {
  const parts: StoredPart[] = [];
  for (const name of await fs.readdir(dir)) {
    if (!PART_FILE.test(name)) continue;
    const st = await fs.stat(path.join(dir, name), { bigint: true }).catch(() => null);
    if (st) parts.push({ partNumber: Number(name), size: Number(st.size), etag: etagOf(st) });
  }
  return parts.sort((a, b) => a.partNumber - b.partNumber);
}

/** Checks the list the way S3 does: ascending, each part stored with that ETag, all but the last ≥ 5 MiB. */
function checkPartList(parts: PartRef[], stored: Map<number, StoredPart>): void {
  if (parts.length === 0) throw new InvalidPartsError("The part list is empty.");
  parts.forEach((ref, i) => {
    if (i > 0 && ref.partNumber <= parts[i - 1].partNumber) throw new InvalidPartsError("Parts must be listed in ascending order, each once.");
    const part = stored.get(ref.partNumber);
    if (!part) throw new InvalidPartsError(`Part ${ref.partNumber} was not uploaded.`);
    if (part.etag !== ref.etag) throw new InvalidPartsError(`Part ${ref.partNumber} has another ETag than ${ref.etag}.`);
    if (i < parts.length - 1 && part.size < MIN_PART_BYTES) throw new InvalidPartsError(`Part ${ref.partNumber} is smaller than 5 MiB and not the last.`);
  });
}

/** Appends one part to `out`, refusing it when it changed since the list was checked. */
async function appendPart(out: fs.FileHandle, file: string, etag: string, buffer: Buffer): Promise<void> {
  const part = await fs.open(file, "r");
  try {
    if (etagOf(await part.stat({ bigint: true })) !== etag) throw new InvalidPartsError("A part was replaced while the upload was being completed.");
    for (;;) {
      const { bytesRead } = await part.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      await out.write(buffer, 0, bytesRead);
    }
  } finally {
    await part.close();
  }
}

export const localMultipart: MultipartStorage = {
  async createMultipart(key, contentType) {
    objectPath(key);
    assertPresignArgs(1, contentType);
    const uploadId = randomBytes(18).toString("base64url");
    const dir = uploadDir(uploadId);
    try {
      await makeDirectoryDurable(dir);
      await writeSyncedFile(path.join(dir, "upload.json"), (handle) => handle.writeFile(JSON.stringify({ key, contentType } satisfies UploadRecord)));
      await syncDirectory(dir);
    } catch (err) {
      throw unavailable(err);
    }
    return uploadId;
  },

  async presignPart(key, uploadId, partNumber, size, ttlSec) {
    objectPath(key);
    uploadDir(uploadId);
    assertPartNumber(partNumber);
    assertPresignArgs(ttlSec, "application/octet-stream");
    if (!Number.isSafeInteger(size) || size < 1) throw new Error("size must be a positive integer.");
    const exp = nowUnixSeconds() + ttlSec;
    return {
      url: storageUrlFor({ m: "PUT", k: key, u: uploadId, p: partNumber, s: size, exp }),
      method: "PUT",
      headers: {},
      expiresAt: new Date(exp * 1000),
    };
  },

  async listParts(key, uploadId) {
    if (!(await readUpload(key, uploadId))) return null;
    try {
      return await listStoredParts(uploadDir(uploadId));
    } catch (err) {
      if (errnoOf(err) === "ENOENT") return null;
      throw unavailable(err);
    }
  },

  async completeMultipart(key, uploadId, parts) {
    const file = objectPath(key);
    const record = await readUpload(key, uploadId);
    if (!record) return "no_upload";
    const dir = uploadDir(uploadId);
    const tmp = path.join(tmpDir(), randomUUID());
    const metaTmp = `${tmp}.meta`;
    try {
      checkPartList(parts, new Map((await listStoredParts(dir)).map((p) => [p.partNumber, p])));
      // Completed before, and the crash came before the parts were removed.
      if (await statFile(file)) {
        await fs.rm(dir, { recursive: true, force: true });
        return "completed";
      }
      await makeDirectoryDurable(tmpDir());
      const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
      let size = 0;
      await writeSyncedFile(tmp, async (out) => {
        for (const ref of parts) await appendPart(out, path.join(dir, partFileName(ref.partNumber)), ref.etag, buffer);
        size = (await out.stat()).size;
      });
      // From here on as in writeObject: sidecar, then the data linked in (never replacing), then one directory sync.
      await makeDirectoryDurable(path.dirname(file));
      await writeSyncedFile(metaTmp, (handle) => handle.writeFile(JSON.stringify({ size, contentType: record.contentType })));
      await fs.rename(metaTmp, metaPathOf(file));
      await fs.link(tmp, file).catch((err) => {
        if (errnoOf(err) !== "EEXIST") throw err; // a concurrent complete linked the same parts first
      });
      await syncDirectory(path.dirname(file));
      await fs.rm(dir, { recursive: true, force: true });
      return "completed";
    } catch (err) {
      if (isInvalidPartsError(err)) throw err;
      if (errnoOf(err) === "ENOENT") throw new InvalidPartsError("A listed part is no longer stored.");
      throw unavailable(err);
    } finally {
      await fs.rm(tmp, { force: true }).catch(() => {});
      await fs.rm(metaTmp, { force: true }).catch(() => {});
    }
  },

  async abortMultipart(key, uploadId) {
    if (!(await readUpload(key, uploadId))) return;
    try {
      await fs.rm(uploadDir(uploadId), { recursive: true, force: true });
    } catch (err) {
      throw unavailable(err);
    }
  },
};
