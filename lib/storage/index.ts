// The app's one storage driver, chosen by STORAGE_DRIVER.
import { randomUUID } from "node:crypto";
import { config } from "../config";
import { createLocalDriver } from "./local";
import { createS3Driver } from "./s3";
import type { StorageDriver } from "./types";

export type { DownloadOptions, PartRef, SignedUpload, StorageDriver, StoredObject, StoredPart } from "./types";
export { InvalidPartsError, isInvalidPartsError } from "./types";

// On globalThis: Next bundles modules per route, a module-level variable would not be shared.
const globalForStorage = globalThis as unknown as { __gharartStorage?: StorageDriver };

export function storage(): StorageDriver {
  return (globalForStorage.__gharartStorage ??=
    config().STORAGE_DRIVER === "s3" ? createS3Driver() : createLocalDriver());
}

/** Tests reset the driver after changing the environment (with resetConfigForTests). */
export function resetStorageForTests(): void {
  globalForStorage.__gharartStorage = undefined;
}

/** Server-made key: the user's file name never reaches a storage path (U4). */
export function objectKeyFor(handleId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(handleId)) throw new Error("Invalid handle id for an object key.");
  return `files/${handleId}/${randomUUID()}`;
}

/**
 * The origin browsers fetch stored bytes from (LOCAL_STORAGE_PUBLIC_URL, S3_PUBLIC_ENDPOINT,
 * a virtual-host bucket…), read from a URL the driver signs, so it can never disagree.
 */
export async function downloadOrigin(): Promise<string> {
  const probe = await storage().presignDownload(objectKeyFor("origin_probe"), {
    fileName: "probe",
    contentType: "application/octet-stream",
    ttlSec: 60,
  });
  return new URL(probe).origin;
}
