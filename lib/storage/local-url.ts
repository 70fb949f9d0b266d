// Signed URLs for the local driver: the app itself plays "S3", so upload and download
// links carry an HMAC over method, key, exact size, content type, file name and expiry.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { clock } from "../clock";
import { config } from "../config";

const payloadSchema = z.object({
  m: z.enum(["PUT", "GET"]),
  k: z.string().min(1),
  s: z.number().int().positive().optional(),
  ct: z.string().optional(),
  fn: z.string().optional(),
  /** A multipart part (resumable uploads: docs/architecture.md, upload lifecycle): the upload id and the part number. */
  u: z.string().optional(),
  p: z.number().int().positive().optional(),
  exp: z.number().int(),
});

export type StorageTokenPayload = z.infer<typeof payloadSchema>;
export type StorageMethod = StorageTokenPayload["m"];

// A key derived for this one purpose, so a storage token can never pass as any other MAC.
function signingKey(): Buffer {
  return createHmac("sha256", config().authSecret).update("gharart-storage-url-v1").digest();
}

function sign(encodedPayload: string): string {
  return createHmac("sha256", signingKey()).update(encodedPayload).digest("base64url");
}

export function storageUrlFor(payload: StorageTokenPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  // A separate origin (another host name for this same app) keeps served bytes away from
  // the app's cookies (docs/security.md D4); by default the app's own origin.
  const origin = (config().LOCAL_STORAGE_PUBLIC_URL ?? config().appUrl).replace(/\/+$/, "");
  return `${origin}/storage/${encoded}.${sign(encoded)}`;
}

export function nowUnixSeconds(): number {
  return Math.floor(clock.now().getTime() / 1000);
}

/** The payload of a genuine, unexpired token for this method; null for anything else. */
export function verifyStorageToken(token: string, method: StorageMethod): StorageTokenPayload | null {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [encoded, signature] = parts;
  // Compare the canonical encodings: base64url decoding is lenient about trailing bits.
  const expected = Buffer.from(sign(encoded));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return null;
  const payload = parsed.data;
  if (payload.m !== method || payload.exp <= nowUnixSeconds()) return null;
  return payload;
}
