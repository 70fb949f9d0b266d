import { rootDb } from "../db/client";
import { objectKeyFor, storage } from "../storage";
import type { FileRow } from "./file-view";

// Download URLs are signed for an object key and cannot be revoked one by one (S3 presigned
// URLs least of all). When a PATCH starts an embargo, the object is copied to a fresh key
// and the old key deleted once the new one is committed: every URL minted before dies at once.

const RETRY_DELAYS_MS = [200, 1_000, 5_000, 30_000, 65_000];

/** Copies a stored object to a new key and schedules the old key's removal; null if nothing was ever served. */
export async function retireMintedUrls(file: Pick<FileRow, "handleId" | "objectKey" | "status" | "objectDeletedAt">): Promise<string | null> {
  if (file.status !== "ready" || file.objectDeletedAt) return null; // no download URL was ever minted
  const newKey = objectKeyFor(file.handleId);
  if (!(await storage().copy(file.objectKey, newKey))) return null;
  deleteWhenUnreferenced(file.objectKey);
  return newKey;
}

/**
 * Deletes the old key once no row names it: the PATCH may still be inside its transaction
 * (idempotency), and a rolled-back PATCH must keep its object. Waits past the 60 s
 * transaction timeout before giving up; a crash meanwhile leaves an orphan, never a loss.
 */
function deleteWhenUnreferenced(oldKey: string, attempt = 0): void {
  const timer = setTimeout(async () => {
    try {
      const still = await (await rootDb()).file.findFirst({ where: { objectKey: oldKey }, select: { id: true } });
      if (!still) return void (await storage().delete(oldKey));
      if (attempt + 1 < RETRY_DELAYS_MS.length) deleteWhenUnreferenced(oldKey, attempt + 1);
    } catch (error) {
      console.error("embargo: removing the retired object failed", (error as Error).message);
      if (attempt + 1 < RETRY_DELAYS_MS.length) deleteWhenUnreferenced(oldKey, attempt + 1);
    }
  }, RETRY_DELAYS_MS[attempt]);
  timer.unref();
}
