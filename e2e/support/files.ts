import assert from "node:assert/strict";
import { baseUrl, dataDir } from "./env";
import { call, fetchApi } from "./http";
import { mailboxDir, mailTo } from "./mailbox";
import type { Tenant } from "./admin";
import type { OutboxMessage } from "../../lib/email/outbox-transport";

export interface CreatedFile {
  file: { id: string; status: string; publicUrl: string; fileName: string; docsUrl: string | null; handle: string };
  /** Single PUT (up to MULTIPART_THRESHOLD_BYTES); absent for a multipart upload. */
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  /** Above the threshold (resumable uploads: docs/architecture.md, upload lifecycle). */
  upload?: { method: "multipart"; uploadId: string; partSize: number; partCount: number };
  /** An internal doc has none (null): it is read at docsUrl. */
  publicUrl: string;
  docsUrl: string | null;
}

export async function createFile(tenant: Tenant, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<CreatedFile> {
  const res = await call(`/v2/handles/${tenant.handle}/files`, { method: "POST", token: tenant.token, body, headers });
  assert.equal(res.status, 201, res.text);
  tokensByHandle.set(tenant.handle, tenant.token);
  return res.json;
}

/** Uploads the bytes as the create answer says: one PUT, or every part then complete (200 = done). */
export async function upload(created: CreatedFile, bytes: Buffer, options: { token?: string; baseUrl?: string } = {}): Promise<number> {
  if (created.upload?.method === "multipart") return uploadInParts(created, bytes, options);
  const res = await fetch(created.uploadUrl, { method: "PUT", headers: created.uploadHeaders, body: bytes });
  await res.arrayBuffer();
  return res.status;
}

/** The part PUTs, 4 in flight, then complete: the first status that is not 200, or 200. */
export async function uploadInParts(created: CreatedFile, bytes: Buffer, options: { token?: string; baseUrl?: string } = {}): Promise<number> {
  const { partSize, partCount } = created.upload!;
  const filePath = `${options.baseUrl ?? baseUrl}/v2/handles/${created.file.handle}/files/${created.file.id}`;
  const token = options.token ?? tokenFor(created.file.handle);
  const signed = await call(`${filePath}/upload-parts`, {
    method: "POST", token, body: { partNumbers: Array.from({ length: partCount }, (_, i) => i + 1) },
  });
  if (signed.status !== 200) return signed.status;
  const etags: string[] = [];
  const queue = [...(signed.json.parts as { partNumber: number; url: string; headers: Record<string, string> }[])];
  let failed = 200;
  const worker = async () => {
    for (let part = queue.shift(); part && failed === 200; part = queue.shift()) {
      const body = bytes.subarray((part.partNumber - 1) * partSize, part.partNumber * partSize);
      const res = await fetch(part.url, { method: "PUT", headers: part.headers, body });
      await res.arrayBuffer();
      if (res.status !== 200) failed = res.status;
      etags[part.partNumber - 1] = res.headers.get("etag") ?? "";
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (failed !== 200) return failed;
  const done = await call(`${filePath}/complete`, { method: "POST", token, body: { parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) } });
  return done.status;
}

// The token createFile() used for each handle, so upload() can complete a multipart upload.
const tokensByHandle = new Map<string, string>();
const tokenFor = (handle: string) => {
  const token = tokensByHandle.get(handle);
  if (!token) throw new Error(`no token known for handle ${handle}: pass options.token`);
  return token;
};

/** Creates and uploads a ready file; returns its id, bytes and public URL. */
export async function readyFile(tenant: Tenant, body: Record<string, unknown> = {}, bytes = Buffer.from(`bytes ${Math.random()}`)) {
  const created = await createFile(tenant, { fileName: "brief.txt", accessMode: "PUBLIC", ...body, sizeBytes: bytes.length });
  assert.equal(await upload(created, bytes), 200);
  return { id: created.file.id, bytes, publicUrl: created.publicUrl, created };
}

/** Follows the public URL's 302 and returns the downloaded bytes and headers. */
export async function download(publicUrl: string, headers: Record<string, string> = {}) {
  const redirect = await fetchApi(publicUrl, { redirect: "manual", headers });
  assert.equal(redirect.status, 302, await redirect.text());
  const location = redirect.headers.get("location")!;
  const response = await fetch(location);
  return { redirect, location, response, bytes: Buffer.from(await response.arrayBuffer()) };
}

export type OutboxMail = OutboxMessage;

/** The newest message to `to` in the test mailbox (outbox or fake Resend). */
export async function latestMailTo(to: string, timeoutMs = 5000, appDataDir = dataDir): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [newest] = mailTo(to, appDataDir);
    if (newest) return newest;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${mailboxDir(appDataDir)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function linkIn(mail: OutboxMail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${pathPrefix}[^\\s]*`));
  assert.ok(match, `no ${pathPrefix} link in: ${mail.text}`);
  return match[0];
}

export const sameOrigin = { origin: baseUrl, "sec-fetch-site": "same-origin" };
