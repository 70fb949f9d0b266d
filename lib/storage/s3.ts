// The `s3` driver: any S3-compatible endpoint. Server calls go to S3_ENDPOINT; URLs handed
// to browsers are signed for S3_PUBLIC_ENDPOINT (the host name is part of the signature).
import type { Part, S3Client } from "@aws-sdk/client-s3";
import { clock } from "../clock";
import { config } from "../config";
import { DependencyUnavailableError } from "../http/errors";
import { attachmentDisposition } from "./content-disposition";
import { InvalidPartsError, type StorageDriver, type StoredPart } from "./types";

/** Headers a browser sends with a presigned PUT (besides CORS-safelisted ones): CORS must allow them. */
export const BROWSER_UPLOAD_HEADERS = ["content-type", "if-none-match"] as const;

export type S3Sdk = typeof import("@aws-sdk/client-s3");

/**
 * The AWS SDK, loaded on the first S3 call: 10-20 MiB of RSS (measured idle) that a
 * server on the local driver never needs (bench/README.md, issue 13).
 */
export const loadS3Sdk = (): Promise<S3Sdk> => import("@aws-sdk/client-s3");

/** A client for S3_ENDPOINT (server calls) or S3_PUBLIC_ENDPOINT (URLs signed for browsers). */
export async function makeS3Client(endpoint: string | undefined): Promise<S3Client> {
  const c = config();
  const { S3Client } = await loadS3Sdk();
  return new S3Client({
    endpoint,
    region: c.S3_REGION,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    credentials:
      c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
        : undefined, // the SDK's default chain (env, instance role, …)
    // Since SDK 3.729 presigned PUTs otherwise carry checksum parameters that MinIO/R2 reject.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 3000 },
  });
}

/** S3's answers to a part list that does not match the stored parts (all 400). */
const INVALID_PART_CODES = new Set(["InvalidPart", "InvalidPartOrder", "EntityTooSmall"]);

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

const COPY_DEADLINE_MS = 120_000;

interface Loaded {
  s3: S3Sdk;
  getSignedUrl: typeof import("@aws-sdk/s3-request-presigner").getSignedUrl;
  /** For server calls (S3_ENDPOINT). */
  internal: S3Client;
  /** For URLs signed for browsers (S3_PUBLIC_ENDPOINT). */
  publicFacing: S3Client;
}

export function createS3Driver({ timeoutMs = 5000 }: { timeoutMs?: number } = {}): StorageDriver {
  const c = config();
  const bucket = c.S3_BUCKET!;
  // Made on the first call, with the SDK; a failed load is not kept (the next call tries again).
  let loaded: Promise<Loaded> | undefined;
  const sdk = (): Promise<Loaded> =>
    (loaded ??= (async () => {
      const [s3, { getSignedUrl }, internal, publicFacing] = await Promise.all([
        loadS3Sdk(),
        import("@aws-sdk/s3-request-presigner"),
        makeS3Client(c.S3_ENDPOINT),
        makeS3Client(c.S3_PUBLIC_ENDPOINT ?? c.S3_ENDPOINT),
      ]);
      return { s3, getSignedUrl, internal, publicFacing };
    })().catch((error) => {
      loaded = undefined;
      throw error;
    }));

  /**
   * Runs one S3 call with a deadline for its response headers (a body may stream longer);
   * the deadline starts once the SDK is loaded. Every failure becomes storage_unavailable,
   * except a 404 when the caller says what it means.
   */
  async function call<T>(run: (abortSignal: AbortSignal, sdk: Loaded) => Promise<T>, onNotFound?: () => T, deadlineMs = timeoutMs): Promise<T> {
    const loadedSdk = await sdk().catch(() => {
      throw new DependencyUnavailableError("storage_unavailable", "Object storage request failed (sdk).");
    });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), deadlineMs);
    try {
      return await run(controller.signal, loadedSdk);
    } catch (err) {
      if (onNotFound && isNotFound(err)) return onNotFound();
      const name = (err as Error | null)?.name ?? "error";
      throw new DependencyUnavailableError("storage_unavailable", `Object storage request failed (${name}).`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    name: "s3",

    async presignUpload(key, size, contentType, ttlSec) {
      const { s3, getSignedUrl, publicFacing } = await sdk();
      // Signing Content-Length/Content-Type makes S3 refuse any other body size or type
      // (U2, U3); a signed If-None-Match: * makes a second PUT fail with 412 (U5).
      const command = new s3.PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: size,
        IfNoneMatch: "*",
      });
      const signingDate = clock.now();
      const url = await getSignedUrl(publicFacing, command, {
        expiresIn: ttlSec,
        signingDate,
        signableHeaders: new Set(["content-length", ...BROWSER_UPLOAD_HEADERS]),
      });
      return {
        url,
        method: "PUT",
        headers: { "Content-Type": contentType, "If-None-Match": "*" },
        expiresAt: new Date(signingDate.getTime() + ttlSec * 1000),
      };
    },

    async presignDownload(key, { fileName, contentType, ttlSec }) {
      const { s3, getSignedUrl, publicFacing } = await sdk();
      // response-* overrides are covered by the signature, so they cannot be tampered with (D2).
      const command = new s3.GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(fileName),
        ResponseContentType: contentType,
      });
      return getSignedUrl(publicFacing, command, { expiresIn: ttlSec, signingDate: clock.now() });
    },

    stat: (key) =>
      call(
        async (abortSignal, { s3, internal }) => {
          const head = await internal.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
          return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? "application/octet-stream" };
        },
        () => null,
      ),

    read: (key) =>
      call(
        async (abortSignal, { s3, internal }) => {
          const res = await internal.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
          if (!res.Body) return null;
          return {
            body: res.Body.transformToWebStream() as ReadableStream<Uint8Array>,
            size: res.ContentLength ?? 0,
            contentType: res.ContentType ?? "application/octet-stream",
          };
        },
        () => null,
      ),

    copy: (fromKey, toKey) =>
      call(
        async (abortSignal, { s3, internal }) => {
          // Keys are server-made ([A-Za-z0-9/_-]): no encoding surprises in CopySource.
          await internal.send(new s3.CopyObjectCommand({ Bucket: bucket, Key: toKey, CopySource: `${bucket}/${fromKey}` }), { abortSignal });
          return true;
        },
        () => false,
        // CopyObject answers when the copy is done: up to 250 MiB inside the storage.
        Math.max(timeoutMs, COPY_DEADLINE_MS),
      ),

    delete: (key) =>
      call(
        async (abortSignal, { s3, internal }) => {
          await internal.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal });
        },
        () => undefined,
      ),

    // ---- Multipart uploads (resumable uploads: docs/architecture.md, upload lifecycle) ----

    createMultipart: (key, contentType) =>
      call(async (abortSignal, { s3, internal }) => {
        const res = await internal.send(
          new s3.CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
          { abortSignal },
        );
        if (!res.UploadId) throw new Error("CreateMultipartUpload answered no UploadId.");
        return res.UploadId;
      }),

    async presignPart(key, uploadId, partNumber, size, ttlSec) {
      const { s3, getSignedUrl, publicFacing } = await sdk();
      // Content-Length signed: every part is exactly its share of sizeBytes, so a complete
      // upload of all parts cannot have any other size.
      const command = new s3.UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: size });
      const signingDate = clock.now();
      const url = await getSignedUrl(publicFacing, command, {
        expiresIn: ttlSec,
        signingDate,
        signableHeaders: new Set(["content-length"]),
      });
      return { url, method: "PUT", headers: {}, expiresAt: new Date(signingDate.getTime() + ttlSec * 1000) };
    },

    listParts: (key, uploadId) =>
      call(
        async (abortSignal, { s3, internal }) => {
          const parts: StoredPart[] = [];
          let marker: string | undefined;
          for (;;) {
            const page = await internal.send(
              new s3.ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker, MaxParts: 1000 }),
              { abortSignal },
            );
            for (const part of page.Parts ?? []) parts.push(storedPartOf(part));
            if (!page.IsTruncated || !page.NextPartNumberMarker) break;
            marker = page.NextPartNumberMarker;
          }
          return parts.sort((a, b) => a.partNumber - b.partNumber);
        },
        () => null,
      ),

    async completeMultipart(key, uploadId, parts) {
      try {
        const { s3, internal } = await sdk();
        await internal.send(
          new s3.CompleteMultipartUploadCommand({
            Bucket: bucket, Key: key, UploadId: uploadId,
            MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
          // Assembling a large object takes the server a while: more than one call's deadline.
          { abortSignal: AbortSignal.timeout(Math.max(timeoutMs, 120_000)) },
        );
        return "completed";
      } catch (err) {
        const name = (err as Error | null)?.name ?? "";
        if (INVALID_PART_CODES.has(name)) throw new InvalidPartsError(`The storage refused the part list (${name}).`);
        if (name === "NoSuchUpload" || isNotFound(err)) return "no_upload";
        throw new DependencyUnavailableError("storage_unavailable", `Object storage request failed (${name || "error"}).`);
      }
    },

    abortMultipart: (key, uploadId) =>
      call(
        async (abortSignal, { s3, internal }) => {
          await internal.send(new s3.AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), { abortSignal });
        },
        () => undefined,
      ),

    checkHealth: () =>
      call(async (abortSignal, { s3, internal }) => {
        await internal.send(new s3.HeadBucketCommand({ Bucket: bucket }), { abortSignal });
      }),

    // A cut-off single PUT leaves nothing behind in S3.
    removeStaleUploadLeftovers: async () => 0,
  };
}

function storedPartOf(part: Part): StoredPart {
  return { partNumber: part.PartNumber ?? 0, size: part.Size ?? 0, etag: part.ETag ?? "" };
}
