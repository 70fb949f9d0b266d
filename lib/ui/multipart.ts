// The browser's multipart upload (resumable uploads: docs/architecture.md, upload lifecycle): ask which parts the server already has,
// send the missing ones 4 at a time through presigned part URLs, retry a dropped part with
// backoff (a fresh URL each time), then complete. Resuming after a reload is the same call.
import { ApiProblem, api, handlePath } from "./api";
import type { FileItem } from "./api-types";
import { UploadFailed } from "./upload";

export interface MultipartTarget {
  handle: string;
  fileId: string;
  partSize: number;
  partCount: number;
}

interface SignedPart { partNumber: number; url: string; headers: Record<string, string>; expiresAt: string }
interface StoredPart { partNumber: number; size: number; etag: string }

const IN_FLIGHT = 4;
/** URLs minted per request, ahead of need (each mint is one audited write). */
const MINT_BATCH = 16;
/** Backoff 1 s, 2 s, 4 s … capped at 15 s: about 3 minutes of retries before giving up. */
const MAX_ATTEMPTS = 16;
const backoffMs = (attempt: number) => Math.min(15_000, 1000 * 2 ** attempt);

/** A failure worth another try: the network, a throttle, the server or storage briefly down, an expired URL. */
function isTransient(error: unknown): boolean {
  if (error instanceof UploadFailed) return !error.aborted && (error.status === 0 || error.status === 403 || error.status >= 500);
  if (error instanceof ApiProblem) return error.status === 0 || error.status === 429 || error.status >= 500;
  return false;
}

/** Waits, but wakes up early when the browser says it is back online; rejects on abort. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      signal.removeEventListener("abort", aborted);
      resolve();
    };
    const aborted = () => {
      done();
      reject(new UploadFailed(0, null, "Upload canceled.", true));
    };
    const timer = setTimeout(done, ms);
    window.addEventListener("online", done);
    signal.addEventListener("abort", aborted);
  });
}

/** One part PUT with progress; resolves the part's ETag (the storage's CORS must expose it). */
function putPart(part: SignedPart, body: Blob, signal: AbortSignal, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new UploadFailed(0, null, "Upload canceled.", true));
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener("abort", abort);
    const finish = () => signal.removeEventListener("abort", abort);
    xhr.open("PUT", part.url);
    for (const [name, value] of Object.entries(part.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      finish();
      if (xhr.status < 200 || xhr.status >= 300) return reject(new UploadFailed(xhr.status, null, `The storage refused part ${part.partNumber} (${xhr.status}).`));
      const etag = xhr.getResponseHeader("ETag");
      if (!etag) return reject(new UploadFailed(xhr.status, null, "The storage did not show the part's ETag (its CORS rule must expose ETag)."));
      resolve(etag);
    };
    xhr.onerror = () => {
      finish();
      reject(new UploadFailed(0, null, "The connection dropped during the upload."));
    };
    xhr.onabort = () => {
      finish();
      reject(new UploadFailed(0, null, "Upload canceled.", true));
    };
    xhr.send(body);
  });
}

/**
 * Uploads whatever parts of `file` the server does not hold yet, then completes. `onProgress`
 * counts stored parts plus the bytes of parts in flight. Abort cancels everything in flight.
 */
export function uploadMultipart(target: MultipartTarget, file: Blob, onProgress: (loaded: number, total: number) => void): { done: Promise<FileItem>; abort(): void } {
  const controller = new AbortController();
  const signal = controller.signal;
  const filePath = handlePath(target.handle, "files", target.fileId);
  const action = "Uploading in parts";
  const partBytes = (n: number) => file.slice((n - 1) * target.partSize, Math.min(file.size, n * target.partSize));

  /** Runs `attempt` until it succeeds, retrying transient failures with backoff. */
  async function withRetries<T>(attempt: (tryNumber: number) => Promise<T>): Promise<T> {
    for (let tryNumber = 0; ; tryNumber++) {
      try {
        return await attempt(tryNumber);
      } catch (error) {
        if (signal.aborted) throw new UploadFailed(0, null, "Upload canceled.", true);
        if (!isTransient(error) || tryNumber + 1 >= MAX_ATTEMPTS) throw error;
        await pause(backoffMs(tryNumber), signal);
      }
    }
  }

  const run = async (): Promise<FileItem> => {
    const stored = await withRetries(() => api<{ parts: StoredPart[] }>(`${filePath}/upload-parts`, { action, signal }));
    const etags = new Map<number, string>();
    for (const part of stored.parts) {
      if (part.size === partBytes(part.partNumber).size) etags.set(part.partNumber, part.etag);
    }
    const missing = Array.from({ length: target.partCount }, (_, i) => i + 1).filter((n) => !etags.has(n));
    const inFlight = new Map<number, number>();
    let storedBytes = [...etags.keys()].reduce((sum, n) => sum + partBytes(n).size, 0);
    const report = () => onProgress(storedBytes + [...inFlight.values()].reduce((a, b) => a + b, 0), file.size);
    report();

    // URLs live 15 minutes: minted a batch ahead, again when close to expiry or after a failure.
    const urls = new Map<number, SignedPart>();
    const fresh = (n: number) => {
      const url = urls.get(n);
      return url && Date.parse(url.expiresAt) - Date.now() > 60_000 ? url : null;
    };
    async function urlFor(n: number, retry: boolean): Promise<SignedPart> {
      if (retry) urls.delete(n);
      const known = fresh(n);
      if (known) return known;
      const ahead = missing.filter((m) => m > n && !etags.has(m) && !fresh(m)).slice(0, MINT_BATCH - 1);
      const minted = await api<{ parts: SignedPart[] }>(`${filePath}/upload-parts`, { method: "POST", action, signal, body: { partNumbers: [n, ...ahead] } });
      for (const part of minted.parts) urls.set(part.partNumber, part);
      return urls.get(n)!;
    }

    const queue = [...missing];
    const worker = async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const partNumber = n;
        const etag = await withRetries(async (tryNumber) => {
          const part = await urlFor(partNumber, tryNumber > 0);
          try {
            return await putPart(part, partBytes(partNumber), signal, (loaded) => {
              inFlight.set(partNumber, loaded);
              report();
            });
          } finally {
            inFlight.delete(partNumber);
          }
        });
        etags.set(partNumber, etag);
        storedBytes += partBytes(partNumber).size;
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, Math.max(1, missing.length)) }, worker));

    const parts = [...etags.entries()].sort(([a], [b]) => a - b).map(([partNumber, etag]) => ({ partNumber, etag }));
    return withRetries(() => api<FileItem>(`${filePath}/complete`, { method: "POST", action, signal, body: { parts } }));
  };

  const done = run().catch((error: unknown) => {
    const canceled = signal.aborted;
    controller.abort(); // stop the other workers' parts too
    throw canceled && !(error instanceof UploadFailed) ? new UploadFailed(0, null, "Upload canceled.", true) : error;
  });
  return { done, abort: () => controller.abort() };
}
