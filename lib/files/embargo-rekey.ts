import { afterCommit } from "../db/client";
import { objectKeyFor, storage } from "../storage";
import type { FileRow } from "./file-view";

// Download URLs are signed for an object key and cannot be revoked one by one (S3 presigned
// URLs least of all). When a PATCH starts an embargo, the object is copied to a fresh key,
// the row moved to it, and the old key deleted once that row is committed: every URL minted
// before the embargo dies at once, on both drivers, before the PATCH is answered.

const RETRY_DELAYS_MS = [1_000, 5_000, 30_000];

export interface Rekey {
  newKey: string;
  /** Call after the row names newKey: deletes the old key once that write is committed. */
  retireOldKey(): Promise<void>;
}

/** Copies a stored object to a new key; null when no download URL can exist yet. */
export async function rekeyObject(file: Pick<FileRow, "handleId" | "objectKey" | "status" | "objectDeletedAt">): Promise<Rekey | null> {
  if (file.status !== "ready" || file.objectDeletedAt) return null; // no download URL was ever minted
  const newKey = objectKeyFor(file.handleId);
  if (!(await storage().copy(file.objectKey, newKey))) return null;
  const oldKey = file.objectKey;
  return { newKey, retireOldKey: () => afterCommit(() => deleteWithRetries(oldKey)) };
}

/** Storage down right now: retried in the background (old URLs expire within 5 minutes anyway). */
async function deleteWithRetries(key: string, attempt = 0): Promise<void> {
  try {
    await storage().delete(key);
  } catch (error) {
    if (attempt >= RETRY_DELAYS_MS.length) throw error;
    setTimeout(() => void deleteWithRetries(key, attempt + 1).catch((e) => console.error("embargo: retiring the old object failed", (e as Error).message)), RETRY_DELAYS_MS[attempt]).unref();
  }
}
