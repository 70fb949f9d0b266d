// The one seam between the app and where file bytes live (docs/architecture.md, "Storage").

export interface SignedUpload {
  url: string;
  method: "PUT";
  /** Headers the client must send verbatim; they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface StoredObject {
  size: number;
  contentType: string;
}

export interface DownloadOptions {
  fileName: string;
  contentType: string;
  /** Already clamped by the caller to min(max TTL, file life left). */
  ttlSec: number;
}

export interface StorageDriver extends MultipartStorage {
  readonly name: "local" | "s3";
  presignUpload(key: string, size: number, contentType: string, ttlSec: number): Promise<SignedUpload>;
  /** An absolute URL that serves the bytes as an attachment. */
  presignDownload(key: string, opts: DownloadOptions): Promise<string>;
  /** null = no object under this key. */
  stat(key: string): Promise<StoredObject | null>;
  /** Server-side streaming (internal docs); null = no object. */
  read(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number; contentType: string } | null>;
  /**
   * Server-side copy to a new key (the old one stays until deleted): how an embargo retires
   * download URLs signed for the old key. false = no object under `fromKey`.
   */
  copy(fromKey: string, toKey: string): Promise<boolean>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  /** Throws DependencyUnavailableError("storage_unavailable") when storage is unreachable. */
  checkHealth(): Promise<void>;
  /** Leftovers of uploads cut off by a crash, untouched for `olderThanMs`, removed; how many. */
  removeStaleUploadLeftovers(olderThanMs: number): Promise<number>;
}

// ---- Multipart uploads (resumable uploads: docs/architecture.md, upload lifecycle): one group, so other seams merge around it. ----

/** A part the storage holds for an unfinished multipart upload. */
export interface StoredPart {
  partNumber: number;
  size: number;
  /** Opaque; the client sends it back on complete. Quoted, as S3 answers it. */
  etag: string;
}

export interface PartRef {
  partNumber: number;
  etag: string;
}

/** A part list that does not name the stored parts (wrong ETag, missing or too small part): 400 invalid_parts. */
export class InvalidPartsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidPartsError";
  }
}

/** By name, not instanceof: Next may bundle this module twice (routes and the HTTP front's copy). */
export const isInvalidPartsError = (error: unknown): error is InvalidPartsError => (error as Error | null)?.name === "InvalidPartsError";

export interface MultipartStorage {
  /** Starts an upload whose object will have this content type; answers its upload id. */
  createMultipart(key: string, contentType: string): Promise<string>;
  /** A URL that accepts one PUT of exactly `size` bytes as part `partNumber` (1-based). */
  presignPart(key: string, uploadId: string, partNumber: number, size: number, ttlSec: number): Promise<SignedUpload>;
  /** The parts stored so far, by part number; null when there is no such upload (completed or aborted). */
  listParts(key: string, uploadId: string): Promise<StoredPart[] | null>;
  /**
   * Assembles the parts, in this order, into the object under `key`, durably. Throws
   * InvalidPartsError when a part is missing or its ETag differs; answers "no_upload" when the
   * upload is gone (completed before, or aborted).
   */
  completeMultipart(key: string, uploadId: string, parts: PartRef[]): Promise<"completed" | "no_upload">;
  /** Drops the upload and its parts. Idempotent: an unknown or finished upload succeeds. */
  abortMultipart(key: string, uploadId: string): Promise<void>;
}
