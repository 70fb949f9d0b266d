import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Download } from "@playwright/test";

export const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Incompressible test content of a given size, with its digest. */
export function randomFile(name: string, size: number, mimeType = "application/octet-stream") {
  const buffer = randomBytes(size);
  return { name, mimeType, buffer, digest: sha256(buffer) };
}

export async function downloadDigest(download: Download): Promise<string> {
  const file = await download.path();
  return sha256(await readFile(file!));
}
