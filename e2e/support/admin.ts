import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { baseUrl, dataDir } from "./env";

// Test fixtures go through the same admin commands as `npm run admin` (via the server,
// which owns the embedded database), so data is built by the app's own services.
export interface Target {
  url: string;
  dataDir: string;
}

export const defaultTarget: Target = { url: baseUrl, dataDir };

function adminSecret(target: Target): string {
  return JSON.parse(readFileSync(path.join(target.dataDir, "secrets.json"), "utf8")).ADMIN_SECRET;
}

export async function admin(command: string, args: Record<string, string> = {}, target: Target = defaultTarget): Promise<string> {
  const response = await fetch(`${target.url}/internal/admin`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-admin-secret": adminSecret(target) },
    body: JSON.stringify({ command, args }),
  });
  const payload = (await response.json()) as { value?: string; detail?: string };
  if (!response.ok) throw new Error(`admin ${command} failed: ${response.status} ${payload.detail}`);
  return payload.value!;
}

export const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

export interface Tenant {
  handle: string;
  ownerEmail: string;
  /** files.read + files.write */
  token: string;
  readToken: string;
  writeToken: string;
}

/** A fresh handle with an owner and three PATs (rw, read-only, write-only). */
export async function newTenant(label = "t", target: Target = defaultTarget): Promise<Tenant> {
  const handle = unique(label);
  const ownerEmail = `${handle}@owner.example.com`;
  await admin("create-handle", { handle, owner: ownerEmail }, target);
  const token = await admin("create-token", { handle, email: ownerEmail, scopes: "files.read,files.write" }, target);
  const readToken = await admin("create-token", { handle, email: ownerEmail, scopes: "files.read" }, target);
  const writeToken = await admin("create-token", { handle, email: ownerEmail, scopes: "files.write" }, target);
  return { handle, ownerEmail, token, readToken, writeToken };
}
