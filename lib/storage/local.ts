// The `local` driver: objects on disk under DATA_DIR/objects, reached through signed
// /storage/<token> URLs served by the app (app/storage/[token]/route.ts).
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { config } from "../config";
import { DependencyUnavailableError } from "../http/errors";
import { attachmentDisposition } from "./content-disposition";
import { nowUnixSeconds, storageUrlFor, type StorageTokenPayload } from "./local-url";
import type { StorageDriver, StoredObject } from "./types";

const KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

function objectsRoot(): string {
  return path.join(config().dataDir, "objects");
}

/** Absolute path of an object, or null for any key that is not a plain server-made key. */
function objectPathOrNull(key: string): string | null {
  if (!KEY_PATTERN.test(key) || key.includes("..")) return null;
  const root = objectsRoot();
  const full = path.resolve(root, key);
  return full.startsWith(root + path.sep) ? full : null;
}

function objectPath(key: string): string {
  const full = objectPathOrNull(key);
  if (!full) throw new Error("Invalid storage object key.");
  return full;
}

const metaPathOf = (file: string) => `${file}.meta.json`;
const tmpDir = () => path.join(objectsRoot(), ".tmp");

const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException | null)?.code;

function unavailable(err: unknown): DependencyUnavailableError {
  // The errno code only: paths and messages stay in the server log, not in API answers.
  return new DependencyUnavailableError("storage_unavailable", `Local storage failed (${errnoOf(err) ?? "error"}).`);
}

function assertPresignArgs(ttlSec: number, contentType: string): void {
  if (!Number.isInteger(ttlSec) || ttlSec < 1) throw new Error("ttlSec must be a positive integer.");
  // It becomes a response/request header value: no CR, LF or other control characters.
  if (!/^[\x20-\x7e]+$/.test(contentType)) throw new Error("Invalid content type.");
}

async function readMeta(file: string): Promise<StoredObject> {
  return JSON.parse(await fs.readFile(metaPathOf(file), "utf8")) as StoredObject;
}

// Invariant: an object's data file never exists without its sidecar (written before the
// data is linked in, removed after the data is unlinked).
async function statFile(file: string): Promise<StoredObject | null> {
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

    async delete(key) {
      const file = objectPath(key);
      try {
        await fs.rm(file, { force: true });
        await fs.rm(metaPathOf(file), { force: true });
      } catch (err) {
        throw unavailable(err);
      }
    },

    async checkHealth() {
      try {
        await fs.mkdir(tmpDir(), { recursive: true });
        await fs.access(tmpDir(), fs.constants.W_OK);
      } catch (err) {
        throw unavailable(err);
      }
    },
  };
}

function webStreamOf(handle: fs.FileHandle): ReadableStream<Uint8Array> {
  // autoClose: the descriptor is closed when the stream ends or the reader cancels.
  return Readable.toWeb(handle.createReadStream()) as unknown as ReadableStream<Uint8Array>;
}

/** An S3-like error answer: a code for the client, nothing about the server. */
export function storageError(status: number, code: string): Response {
  return Response.json({ error: code }, { status, headers: { "Cache-Control": "no-store" } });
}

class BodySizeError extends Error {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? "EntityTooLarge" : "IncompleteBody");
  }
}

/** Passes bytes through and fails as soon as the count can no longer be exactly `size`. */
function exactLength(size: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) done(new BodySizeError(413));
      else done(null, chunk);
    },
    flush(done) {
      done(seen < size ? new BodySizeError(400) : null);
    },
  });
}

/** One PUT of exactly the signed size and type; never replaces an existing object (412). */
export async function handleLocalPut(req: Request, payload: StorageTokenPayload): Promise<Response> {
  const file = objectPathOrNull(payload.k);
  if (!file || payload.s === undefined || payload.ct === undefined) return storageError(403, "AccessDenied");

  const declared = req.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared)) return storageError(411, "MissingContentLength");
  if (Number(declared) > payload.s) return storageError(413, "EntityTooLarge");
  if (Number(declared) < payload.s) return storageError(400, "IncompleteBody");
  if (req.headers.get("content-type") !== payload.ct) return storageError(403, "ContentTypeMismatch");
  if (!req.body) return storageError(400, "IncompleteBody");

  const tmp = path.join(tmpDir(), randomUUID());
  try {
    if (await statFile(file)) return storageError(412, "PreconditionFailed");
    await fs.mkdir(tmpDir(), { recursive: true });
    // The count is checked again while streaming: the header is only the client's word.
    await pipeline(
      Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>),
      exactLength(payload.s),
      createWriteStream(tmp, { flags: "wx" }),
      { signal: req.signal },
    );
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Sidecar first (atomic rename), then link: link() fails if the object exists, so a
    // racing second PUT can only rewrite the sidecar with the same signed size and type.
    const metaTmp = `${tmp}.meta`;
    await fs.writeFile(metaTmp, JSON.stringify({ contentType: payload.ct, size: payload.s } satisfies StoredObject));
    await fs.rename(metaTmp, metaPathOf(file));
    await fs.link(tmp, file);
    return new Response(null, { status: 200 });
  } catch (err) {
    if (err instanceof BodySizeError) return storageError(err.status, err.message);
    if (errnoOf(err) === "EEXIST") return storageError(412, "PreconditionFailed");
    if (req.signal.aborted || errnoOf(err) === "ERR_STREAM_PREMATURE_CLOSE" || errnoOf(err) === "ECONNRESET") {
      return storageError(400, "RequestAborted");
    }
    console.error("[storage] local PUT failed", errnoOf(err) ?? err);
    return storageError(503, "ServiceUnavailable");
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
    await fs.rm(`${tmp}.meta`, { force: true }).catch(() => {});
  }
}

/** GET/HEAD of an object as a download that the browser can neither render nor sniff. */
export async function handleLocalGet(
  _req: Request,
  payload: StorageTokenPayload,
  { headOnly }: { headOnly: boolean },
): Promise<Response> {
  const file = objectPathOrNull(payload.k);
  if (!file) return storageError(403, "AccessDenied");

  let handle: fs.FileHandle | undefined;
  let size: number;
  try {
    handle = await fs.open(file, "r");
    ({ size } = await handle.stat());
  } catch (err) {
    await handle?.close();
    if (errnoOf(err) === "ENOENT") return storageError(404, "NoSuchKey");
    console.error("[storage] local GET failed", errnoOf(err) ?? err);
    return storageError(503, "ServiceUnavailable");
  }
  const headers = {
    "Content-Type": payload.ct || "application/octet-stream",
    "Content-Length": String(size),
    "Content-Disposition": attachmentDisposition(payload.fn ?? "download"),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
  };
  if (headOnly) {
    await handle.close();
    return new Response(null, { status: 200, headers });
  }
  return new Response(webStreamOf(handle), { status: 200, headers });
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
