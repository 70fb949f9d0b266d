// The one seam between the app and where file bytes live (SPEC section 6).

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

export interface StorageDriver {
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
}
