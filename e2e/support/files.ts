import assert from "node:assert/strict";
import { baseUrl, dataDir } from "./env";
import { call, fetchApi } from "./http";
import { mailboxDir, mailTo } from "./mailbox";
import type { Tenant } from "./admin";
import type { OutboxMessage } from "../../lib/email/outbox-transport";

export interface CreatedFile {
  file: { id: string; status: string; publicUrl: string; fileName: string; docsUrl: string | null };
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  /** An internal doc has none (null): it is read at docsUrl. */
  publicUrl: string;
  docsUrl: string | null;
}

export async function createFile(tenant: Tenant, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<CreatedFile> {
  const res = await call(`/v2/handles/${tenant.handle}/files`, { method: "POST", token: tenant.token, body, headers });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

export async function upload(created: CreatedFile, bytes: Buffer): Promise<number> {
  const res = await fetch(created.uploadUrl, { method: "PUT", headers: created.uploadHeaders, body: bytes });
  await res.arrayBuffer();
  return res.status;
}

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
