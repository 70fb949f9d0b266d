// HTTP for the local driver's signed /storage/<token> URLs, written once for two hosts:
// our HTTP front (scripts/fast-routes.ts: node streams, no Next headers) and
// app/storage/[token]/route.ts, which only `next dev` routes to.
import type { FileHandle } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { config } from "../config";
import { attachmentDisposition } from "./content-disposition";
import { storage } from "./index";
import { objectPathOrNull, openObject, writeObject, type WriteOutcome } from "./local";
import { writePart, type PartWriteOutcome } from "./local-multipart";
import { verifyStorageToken, type StorageTokenPayload } from "./local-url";

/** What the handlers need from a request, whichever server received it. */
export interface StorageRequest {
  method: string;
  /** The /storage/<token> path segment, percent-decoded. */
  token: string;
  /** A header by lower-case name; undefined when absent. */
  header(name: string): string | undefined;
  body: Readable | null;
  /** Aborts when the client goes away before the answer is finished. */
  signal: AbortSignal;
}

export interface StorageAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable | FileRange | string | null;
}

/** Bytes start..end (inclusive) of an open object; whoever sends them closes the handle. */
export interface FileRange {
  handle: FileHandle;
  start: number;
  end: number;
}

const isFileRange = (body: StorageAnswer["body"]): body is FileRange => typeof body === "object" && body !== null && "handle" in body;

export interface ByteRange {
  start: number;
  /** Inclusive, like Content-Range. */
  end: number;
}

// 1 MiB reads: a 250 MB download takes 250 reads and event-loop turns instead of 3,800.
const READ_CHUNK_BYTES = 1024 * 1024;
// A download holds two reads (one being read, one being written to the socket). Past
// READ_BUDGET_BYTES of reads in flight, a new download reads in halves of that, down to
// 64 KiB: a lone download keeps its 1 MiB reads (its speed against nginx), 50 at once share
// a bounded amount of memory (issue 13: 50 at 1 MiB held ~150 MiB more than one).
const READ_BUDGET_BYTES = 8 * 1024 * 1024;
const MIN_READ_CHUNK_BYTES = 64 * 1024;
let downloadsInFlight = 0;

function readChunkBytes(): number {
  let chunk = READ_CHUNK_BYTES;
  while (chunk > MIN_READ_CHUNK_BYTES && chunk * (downloadsInFlight + 1) > READ_BUDGET_BYTES) chunk /= 2;
  return chunk;
}

const STORAGE_METHODS = "GET, HEAD, PUT";

/** An S3-like error answer: a code for the client, nothing about the server. */
export function storageError(status: number, code: string, headers: Record<string, string> = {}): StorageAnswer {
  return {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    body: JSON.stringify({ error: code }),
  };
}

/**
 * One `Range` header against an object of `size` bytes: the range to serve, "unsatisfiable"
 * (416), or null to answer 200 with the whole body: no header, a malformed one (what nginx
 * does), or several ranges (RFC 9110 §14.2 lets a server ignore Range; resumers ask for one,
 * and multipart/byteranges is not worth its code here).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const set = header === undefined ? null : /^bytes=(.*)$/i.exec(header.trim());
  if (!set) return null;
  const specs = set[1].split(",").map((spec) => spec.trim()).filter(Boolean);
  if (specs.length !== 1) return null;
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]);
  if (!spec || (spec[1] === "" && spec[2] === "")) return null;
  if (spec[1] === "") {
    const suffix = Number(spec[2]);
    return suffix === 0 || size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const last = spec[2] === "" ? Infinity : Number(spec[2]);
  if (last < start) return null; // invalid (RFC 9110 §14.1.1), not unsatisfiable
  if (start >= size) return "unsatisfiable";
  return { start, end: Math.min(last, size - 1) };
}

/** The app's origin when storage lives on another one (LOCAL_STORAGE_PUBLIC_URL): the only origin allowed cross-origin. */
function corsOrigin(): string | null {
  const { appUrl, LOCAL_STORAGE_PUBLIC_URL } = config();
  if (!LOCAL_STORAGE_PUBLIC_URL) return null;
  const app = new URL(appUrl).origin;
  return new URL(LOCAL_STORAGE_PUBLIC_URL).origin === app ? null : app;
}

function corsHeaders(requestOrigin: string | undefined): Record<string, string> {
  const allowed = corsOrigin();
  if (allowed === null || requestOrigin !== allowed) return {};
  return {
    "Access-Control-Allow-Origin": allowed,
    "Access-Control-Expose-Headers": "ETag, Content-Length, Content-Range, Accept-Ranges",
    Vary: "Origin",
  };
}

function answerPreflight(cors: Record<string, string>): StorageAnswer {
  // The dashboard's XHR PUT to the storage origin is the one cross-origin caller.
  if (!cors["Access-Control-Allow-Origin"]) return storageError(403, "CORSForbidden");
  const preflight = {
    "Access-Control-Allow-Methods": STORAGE_METHODS,
    "Access-Control-Allow-Headers": "content-type, if-none-match, range",
    "Access-Control-Max-Age": "600",
  };
  return { status: 204, headers: { ...cors, ...preflight }, body: null };
}

const PUT_ANSWERS: Record<WriteOutcome, () => StorageAnswer> = {
  stored: () => ({ status: 200, headers: {}, body: null }),
  exists: () => storageError(412, "PreconditionFailed"),
  too_large: () => storageError(413, "EntityTooLarge"),
  too_short: () => storageError(400, "IncompleteBody"),
  aborted: () => storageError(400, "RequestAborted"),
};

/** One PUT of exactly the signed size and type; never replaces an existing object (412). */
export async function answerPut(req: StorageRequest, payload: StorageTokenPayload): Promise<StorageAnswer> {
  const file = objectPathOrNull(payload.k);
  if (!file || payload.s === undefined || payload.ct === undefined) return storageError(403, "AccessDenied");

  const declared = req.header("content-length");
  if (declared === undefined || !/^\d+$/.test(declared)) return storageError(411, "MissingContentLength");
  if (Number(declared) > payload.s) return storageError(413, "EntityTooLarge");
  if (Number(declared) < payload.s) return storageError(400, "IncompleteBody");
  if (req.header("content-type") !== payload.ct) return storageError(403, "ContentTypeMismatch");
  if (!req.body) return storageError(400, "IncompleteBody");

  try {
    return PUT_ANSWERS[await writeObject(file, { contentType: payload.ct, size: payload.s }, req.body, req.signal)]();
  } catch (err) {
    console.error("[storage] local PUT failed", (err as NodeJS.ErrnoException).code ?? err);
    return storageError(503, "ServiceUnavailable");
  }
}

const PART_ANSWERS: Record<Exclude<PartWriteOutcome["outcome"], "stored">, () => StorageAnswer> = {
  no_upload: () => storageError(404, "NoSuchUpload"),
  too_large: () => storageError(413, "EntityTooLarge"),
  too_short: () => storageError(400, "IncompleteBody"),
  aborted: () => storageError(400, "RequestAborted"),
};

/** One part of a multipart upload, exactly the signed size; answers its ETag as S3 does. */
export async function answerPartPut(req: StorageRequest, payload: StorageTokenPayload): Promise<StorageAnswer> {
  if (!objectPathOrNull(payload.k) || payload.s === undefined || payload.u === undefined || payload.p === undefined) {
    return storageError(403, "AccessDenied");
  }
  const declared = req.header("content-length");
  if (declared === undefined || !/^\d+$/.test(declared)) return storageError(411, "MissingContentLength");
  if (Number(declared) > payload.s) return storageError(413, "EntityTooLarge");
  if (Number(declared) < payload.s) return storageError(400, "IncompleteBody");
  if (!req.body) return storageError(400, "IncompleteBody");
  try {
    const written = await writePart(payload.k, payload.u, payload.p, payload.s, req.body, req.signal);
    if (written.outcome === "stored") return { status: 200, headers: { ETag: written.etag }, body: null };
    return PART_ANSWERS[written.outcome]();
  } catch (err) {
    console.error("[storage] local part PUT failed", (err as NodeJS.ErrnoException).code ?? err);
    return storageError(503, "ServiceUnavailable");
  }
}

/** GET/HEAD of an object as a download that the browser can neither render nor sniff; one byte range at most. */
export async function answerGet(req: StorageRequest, payload: StorageTokenPayload): Promise<StorageAnswer> {
  const file = objectPathOrNull(payload.k);
  if (!file) return storageError(403, "AccessDenied");
  let object;
  try {
    object = await openObject(file);
  } catch (err) {
    console.error("[storage] local GET failed", (err as NodeJS.ErrnoException).code ?? err);
    return storageError(503, "ServiceUnavailable");
  }
  if (!object) return storageError(404, "NoSuchKey");
  const { handle, size, etag } = object;

  // If-Range: resume only the bytes of the object the client has a part of. Any other
  // validator, weak tags and dates included (we send no Last-Modified), means "send it all".
  const ifRange = req.header("if-range");
  const range = ifRange === undefined || ifRange === etag ? parseRange(req.header("range"), size) : null;
  if (range === "unsatisfiable") {
    await handle.close();
    return storageError(416, "InvalidRange", { "Content-Range": `bytes */${size}`, "Accept-Ranges": "bytes", ETag: etag });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const headers: Record<string, string> = {
    "Content-Type": payload.ct || "application/octet-stream",
    "Content-Length": String(end - start + 1),
    "Content-Disposition": attachmentDisposition(payload.fn ?? "download"),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
    "Accept-Ranges": "bytes",
    ETag: etag,
  };
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;
  // HEAD answers exactly what GET would, ranges included (like nginx), without the body.
  if (req.method === "HEAD" || size === 0) {
    await handle.close();
    return { status, headers, body: null };
  }
  return { status, headers, body: { handle, start, end } };
}

/** Every /storage/<token> request: OPTIONS, PUT, GET and HEAD, with CORS for the app's origin. */
export async function answerStorageRequest(req: StorageRequest): Promise<StorageAnswer> {
  // With the s3 driver no URL of this kind is ever minted.
  if (storage().name !== "local") return storageError(404, "NotFound");
  const cors = corsHeaders(req.header("origin"));
  if (req.method === "OPTIONS") return answerPreflight(cors);

  let answer: StorageAnswer;
  if (req.method === "PUT") {
    const payload = verifyStorageToken(req.token, "PUT");
    answer = !payload ? storageError(403, "AccessDenied") : payload.u !== undefined ? await answerPartPut(req, payload) : await answerPut(req, payload);
  } else if (req.method === "GET" || req.method === "HEAD") {
    const payload = verifyStorageToken(req.token, "GET");
    answer = payload ? await answerGet(req, payload) : storageError(403, "AccessDenied");
  } else {
    answer = storageError(405, "MethodNotAllowed", { Allow: `${STORAGE_METHODS}, OPTIONS` });
  }
  Object.assign(answer.headers, cors);
  return answer;
}

/** The token of a /storage/<token> URL; null for any other path. */
export function storageTokenOf(url: string): string | null {
  const match = /^\/storage\/([^?]*)/.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return "";
  }
}

/** Serves /storage/<token> on our HTTP front: bytes piped from disk to the socket. */
export async function serveLocalStorage(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const answer = await answerStorageRequest({
    method: req.method ?? "GET",
    token,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: req.method === "PUT" ? req : null,
    signal: controller.signal,
  });
  if (typeof answer.body === "string") answer.headers["Content-Length"] = String(Buffer.byteLength(answer.body));
  else if (answer.body === null && answer.status !== 204) answer.headers["Content-Length"] ??= "0"; // not chunked
  res.writeHead(answer.status, answer.headers);
  if (isFileRange(answer.body)) {
    sendFileRange(answer.body, res).catch((err) => {
      res.destroy(); // the Content-Length promised more: the client must see a cut, not an end
      const code = (err as NodeJS.ErrnoException).code ?? "";
      if (!CLIENT_WENT_AWAY.has(code)) {
        console.error(`[${req.headers["x-request-id"] ?? "-"}] [storage] download failed`, code ?? err);
      }
    });
    return;
  }
  if (!(answer.body instanceof Readable)) {
    res.end(answer.body ?? undefined);
    return;
  }
  // pipeline: reads wait for the socket to drain, and a client that goes away closes the file.
  pipeline(answer.body, res, (err) => {
    if (err && (err as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE") {
      console.error(`[${req.headers["x-request-id"] ?? "-"}] [storage] download stream failed`, (err as NodeJS.ErrnoException).code ?? err);
    }
  });
}

/** How a download ends when the client leaves early: normal, not worth a log line. */
const CLIENT_WENT_AWAY = new Set(["ERR_STREAM_PREMATURE_CLOSE", "ERR_STREAM_DESTROYED", "ECONNRESET", "EPIPE"]);

/** `data` handed to the socket (the kernel has it: its buffer may be reused); rejects if the client left. */
function writeChunk(res: ServerResponse, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(Object.assign(new Error("client went away"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    res.once("close", onClose);
    res.write(data, (err) => {
      res.off("close", onClose);
      if (err) reject(err);
      else resolve();
    });
  });
}

/**
 * Sends a file range from two buffers reused for the whole download: the next read fills one
 * while the other is written. A read stream allocates a new buffer per read instead, and 1 GiB
 * of downloads then made V8 run ~16 full collections of the server's heap (1.5 s of CPU per
 * GiB in a profile, issue 13).
 */
async function sendFileRange({ handle, start, end }: FileRange, res: ServerResponse): Promise<void> {
  const chunk = readChunkBytes();
  downloadsInFlight++;
  try {
    const buffers = [Buffer.allocUnsafeSlow(chunk), Buffer.allocUnsafeSlow(chunk)];
    let writing: Promise<void> = Promise.resolve();
    for (let position = start, turn = 0; position <= end; turn ^= 1) {
      const buffer = buffers[turn];
      const { bytesRead } = await handle.read(buffer, 0, Math.min(chunk, end + 1 - position), position);
      if (bytesRead === 0) throw new Error("the object is shorter than its Content-Length");
      await writing; // the other buffer is free again once the socket has it
      writing = writeChunk(res, buffer.subarray(0, bytesRead));
      writing.catch(() => undefined); // seen by the next await; never an unhandled rejection meanwhile
      position += bytesRead;
    }
    await writing;
    res.end();
  } finally {
    downloadsInFlight--;
    await handle.close();
  }
}

function fromWebRequest(req: Request, token: string): StorageRequest {
  return {
    method: req.method,
    token,
    header: (name) => req.headers.get(name) ?? undefined,
    body: req.body ? Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>) : null,
    signal: req.signal,
  };
}

function toWebResponse(answer: StorageAnswer): Response {
  const source = isFileRange(answer.body)
    ? answer.body.handle.createReadStream({ start: answer.body.start, end: answer.body.end, highWaterMark: READ_CHUNK_BYTES }) // autoClose
    : answer.body;
  const body = source instanceof Readable ? (Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>) : source;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

/** The same answers as a web Response, for app/storage/[token]/route.ts under `next dev`. */
export async function localStorageResponse(req: Request, token: string): Promise<Response> {
  return toWebResponse(await answerStorageRequest(fromWebRequest(req, token)));
}

/** A PUT already verified, from a web Request (tests that place objects directly). */
export async function handleLocalPut(req: Request, payload: StorageTokenPayload): Promise<Response> {
  return toWebResponse(await answerPut(fromWebRequest(req, ""), payload));
}
