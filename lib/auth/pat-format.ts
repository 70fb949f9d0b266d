import { crc32 } from "node:zlib";
import { randomBase62 } from "../ids";

// ghf_ + 36 random base62 (≈214 bits) + 6 base62 chars of CRC32(body): a typo or a
// truncated paste is refused before any database lookup, and leaks are greppable.
export const PAT_PREFIX = "ghf_";
const BODY_LENGTH = 36;
const CHECKSUM_LENGTH = 6;
export const PAT_PATTERN = /^ghf_[0-9A-Za-z]{36}[0-9A-Za-z]{6}$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function checksum(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generatePat(): string {
  const body = randomBase62(BODY_LENGTH);
  return `${PAT_PREFIX}${body}${checksum(body)}`;
}

/** Format and checksum only; says nothing about whether the token exists. */
export function isWellFormedPat(token: string): boolean {
  if (token.length > 255 || !PAT_PATTERN.test(token)) return false;
  const body = token.slice(PAT_PREFIX.length, PAT_PREFIX.length + BODY_LENGTH);
  return token.slice(-CHECKSUM_LENGTH) === checksum(body);
}
