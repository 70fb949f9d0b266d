// The `local` driver: objects on disk under DATA_DIR/objects, reached through signed
// /storage/<token> URLs that the app itself serves (./local-http.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { addAbortSignal, Readable } from "node:stream";
import { config } from "../config";
import { DependencyUnavailableError } from "../http/errors";
import { localMultipart } from "./local-multipart";
import { nowUnixSeconds, storageUrlFor } from "./local-url";
import type { StorageDriver, StoredObject } from "./types";

const KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export function objectsRoot(): string {
  return path.join(config().dataDir, "objects");
}

/** Absolute path of an object, or null for any key that is not a plain server-made key. */
export function objectPathOrNull(key: string): string | null {
  if (!KEY_PATTERN.test(key) || key.includes("..")) return null;
  const root = objectsRoot();
  const full = path.resolve(root, key);
  return full.startsWith(root + path.sep) ? full : null;
}

export function objectPath(key: string): string {
  const full = objectPathOrNull(key);
  if (!full) throw new Error("Invalid storage object key.");
  return full;
}

export const metaPathOf = (file: string) => `${file}.meta.json`;
export const tmpDir = () => path.join(objectsRoot(), ".tmp");

export const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

export function unavailable(err: unknown): DependencyUnavailableError {
  // The errno code only: paths and messages stay in the server log, not in API answers.
  return new DependencyUnavailableError("storage_unavailable", `Local storage failed (${errnoOf(err) ?? "error"}).`);
}

export function assertPresignArgs(ttlSec: number, contentType: string): void {
  if (!Number.isInteger(ttlSec) || ttlSec < 1) throw new Error("ttlSec must be a positive integer.");
  // It becomes a response/request header value: no CR, LF or other control characters.
  if (!/^[\x20-\x7e]+$/.test(contentType)) throw new Error("Invalid content type.");
}

async function readMeta(file: string): Promise<StoredObject> {
  return JSON.parse(await fs.readFile(metaPathOf(file), "utf8")) as StoredObject;
}

// Invariant: an object's data file never exists without its sidecar (written before the
// data is linked in, removed after the data is unlinked).
export async function statFile(file: string): Promise<StoredObject | null> {
  try {
    const st = await fs.stat(file);
    const meta = await readMeta(file);
    return { size: st.size, contentType: meta.contentType };
  } catch (err) {
    if (errnoOf(err) === "ENOENT") return null;
    throw unavailable(err);
  }
}

export function createLocalDriver(): StorageDriver {
  return {
    name: "local",

    async presignUpload(key, size, contentType, ttlSec) {
      objectPath(key);
      assertPresignArgs(ttlSec, contentType);
      if (!Number.isSafeInteger(size) || size < 1) throw new Error("size must be a positive integer.");
      const exp = nowUnixSeconds() + ttlSec;
      return {
        url: storageUrlFor({ m: "PUT", k: key, s: size, ct: contentType, exp }),
        method: "PUT",
        headers: { "Content-Type": contentType },
        expiresAt: new Date(exp * 1000),
      };
    },

    async presignDownload(key, { fileName, contentType, ttlSec }) {
      objectPath(key);
      assertPresignArgs(ttlSec, contentType);
      return storageUrlFor({ m: "GET", k: key, ct: contentType, fn: fileName, exp: nowUnixSeconds() + ttlSec });
    },

    async stat(key) {
      return statFile(objectPath(key));
    },

    async read(key) {
      const file = objectPath(key);
      try {
        const meta = await readMeta(file);
        const handle = await fs.open(file, "r");
        const { size } = await handle.stat();
        return { body: webStreamOf(handle), size, contentType: meta.contentType };
      } catch (err) {
        if (errnoOf(err) === "ENOENT") return null;
        throw unavailable(err);
      }
    },

    async copy(fromKey, toKey) {
      const from = objectPath(fromKey);
      const to = objectPath(toKey);
      try {
        await makeDirectoryDurable(path.dirname(to));
        // A hard link: objects are never rewritten once stored, so sharing the inode is safe.
        await fs.copyFile(metaPathOf(from), metaPathOf(to), fs.constants.COPYFILE_EXCL);
        await fs.link(from, to);
        await syncDirectory(path.dirname(to));
        return true;
      } catch (err) {
        if (errnoOf(err) === "ENOENT") {
          await fs.rm(metaPathOf(to), { force: true }).catch(() => {});
          return false;
        }
        throw unavailable(err);
      }
    },

    async delete(key) {
      const file = objectPath(key);
      try {
        await fs.rm(file, { force: true });
        await fs.rm(metaPathOf(file), { force: true });
      } catch (err) {
        throw unavailable(err);
      }
    },

    ...localMultipart,

    async checkHealth() {
      try {
        await fs.mkdir(tmpDir(), { recursive: true });
        await fs.access(tmpDir(), fs.constants.W_OK);
      } catch (err) {
        throw unavailable(err);
      }
    },

    removeStaleUploadLeftovers: removeStaleTempFiles,
  };
}

function webStreamOf(handle: fs.FileHandle): ReadableStream<Uint8Array> {
  // autoClose: the descriptor is closed when the stream ends or the reader cancels.
  return Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
}

export class BodySizeError extends Error {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? "EntityTooLarge" : "IncompleteBody");
  }
}

// Socket reads arrive in 16-64 KiB chunks: they are gathered into 1 MiB writes (one
// thread-pool round trip instead of 16-64), and the next batch is read while the previous
// one is written. At most two batches are held: the socket is still read no faster than
// the disk takes the bytes.
const WRITE_BATCH_BYTES = 1024 * 1024;

/** Writes all of `buffers` at the file's current position (a short writev is continued). */
async function writeAll(handle: fs.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest);
    while (rest.length > 0 && bytesWritten >= rest[0].length) {
      bytesWritten -= rest[0].length;
      rest = rest.slice(1);
    }
    if (bytesWritten > 0) rest = [rest[0].subarray(bytesWritten), ...rest.slice(1)];
  }
}

/** Writes the body to `handle`, failing as soon as the count can no longer be exactly `size`. */
export async function copyExactly(body: Readable, handle: fs.FileHandle, size: number): Promise<void> {
  let seen = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let failure: unknown = null;
  const write = async (buffers: Buffer[]) => {
    await writing;
    if (failure) throw failure;
    writing = writeAll(handle, buffers).catch((error) => (failure = error));
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > size) throw new BodySizeError(413);
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= WRITE_BATCH_BYTES) {
        await write(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length > 0) await write(batch);
  } finally {
    await writing; // never rejects: a failed write is kept in `failure`
  }
  if (failure) throw failure;
  if (seen < size) throw new BodySizeError(400);
}

/** fsync of a directory: makes the names created, renamed or linked in it survive a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p whose new directories survive a crash: each one's parent is synced. */
export async function makeDirectoryDurable(dir: string): Promise<void> {
  const firstCreated = await fs.mkdir(dir, { recursive: true });
  if (!firstCreated) return;
  for (let created = dir; ; created = path.dirname(created)) {
    await syncDirectory(path.dirname(created));
    if (created === firstCreated) break;
  }
}

/** Creates `file` (never replacing one), fills it and fsyncs it before closing. */
export async function writeSyncedFile(file: string, fill: (handle: fs.FileHandle) => Promise<unknown>): Promise<void> {
  const handle = await fs.open(file, "wx");
  try {
    await fill(handle);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type WriteOutcome = "stored" | "exists" | "too_large" | "too_short" | "aborted";

/**
 * Streams exactly `object.size` bytes into a new object, durably: when this answers
 * "stored", data, sidecar and both names are on disk (fsynced) and survive a crash.
 * Never replaces an existing object. Unexpected failures throw.
 */
export async function writeObject(file: string, object: StoredObject, body: Readable, signal: AbortSignal): Promise<WriteOutcome> {
  const tmp = path.join(tmpDir(), randomUUID());
  const metaTmp = `${tmp}.meta`;
  try {
    if (await statFile(file)) return "exists";
    await makeDirectoryDurable(tmpDir());
    // The count is checked again while streaming: the Content-Length header is only the client's word.
    await writeSyncedFile(tmp, (handle) => copyExactly(addAbortSignal(signal, body), handle, object.size));
    await makeDirectoryDurable(path.dirname(file));
    // Sidecar first (atomic rename), then link: link() fails if the object exists, so a
    // racing second PUT can only rewrite the sidecar with the same signed size and type.
    await writeSyncedFile(metaTmp, (handle) => handle.writeFile(JSON.stringify(object)));
    await fs.rename(metaTmp, metaPathOf(file));
    await fs.link(tmp, file);
    // The sidecar and the data are named in the same directory: one sync covers both.
    await syncDirectory(path.dirname(file));
    return "stored";
  } catch (err) {
    if (err instanceof BodySizeError) return err.status === 413 ? "too_large" : "too_short";
    if (errnoOf(err) === "EEXIST") return "exists";
    if (signal.aborted || errnoOf(err) === "ERR_STREAM_PREMATURE_CLOSE" || errnoOf(err) === "ECONNRESET") return "aborted";
    throw err;
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
    await fs.rm(metaTmp, { force: true }).catch(() => {});
  }
}

export interface OpenedObject {
  handle: fs.FileHandle;
  size: number;
  /** Strong: an object is never rewritten once linked, so size + mtime identify its bytes. */
  etag: string;
}

/** An open object for reading; null when there is none. The caller closes the handle. */
export async function openObject(file: string): Promise<OpenedObject | null> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, "r");
    const st = await handle.stat({ bigint: true });
    return { handle, size: Number(st.size), etag: `"${st.size.toString(16)}-${st.mtimeNs.toString(16)}"` };
  } catch (err) {
    await handle?.close();
    if (errnoOf(err) === "ENOENT") return null;
    throw err;
  }
}

/**
 * Temp files of uploads cut off by a crash (no process left to delete them). Only files
 * older than any upload could still be running are removed.
 */
export async function removeStaleTempFiles(olderThanMs: number): Promise<number> {
  let removed = 0;
  const entries = await fs.readdir(tmpDir()).catch(() => [] as string[]);
  for (const name of entries) {
    const file = path.join(tmpDir(), name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > olderThanMs) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
