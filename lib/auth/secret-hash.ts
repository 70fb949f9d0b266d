import { createHash, timingSafeEqual } from "node:crypto";

/** SHA-256 hex of a high-entropy secret (PATs, magic tokens): fixed length by construction. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of two digests; a wrong-length input is simply unequal. */
export function digestsEqual(a: string, b: string): boolean {
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}
