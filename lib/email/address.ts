// One plain email address, canonicalized. The string returned here is the string we both
// compare against allowlists AND hand to the mail provider (docs/security.md M6 / T24), so every
// parsing trick (quoted local parts, address lists, comments, full-width @, CRLF) must
// either be rejected or collapse to exactly one ordinary address.

const MAX_INPUT = 1024; // cheap guard before normalizing attacker-sized strings
const MAX_ADDRESS = 254; // RFC 5321 path limit minus the angle brackets
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

// Dot-atom of RFC 5322 atext, minus `!` and `%` (legacy bang/percent source routing).
// Quotes, backslash, whitespace, `,;:()<>[]@` can never appear.
const LOCAL_RE = /^[a-z0-9#$&'*+/=?^_`{|}~-]+(?:\.[a-z0-9#$&'*+/=?^_`{|}~-]+)*$/;
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD_RE = /^[a-z]{2,63}$/;

/**
 * Returns the canonical form (NFKC, trimmed, lower-case) of exactly one plain
 * `local@domain` address, or null. NFKC runs first so look-alikes such as the
 * full-width `＠` (U+FF20) become the ASCII character we then validate.
 */
export function canonicalizeEmail(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_INPUT) return null;
  const email = input.normalize("NFKC").trim().toLowerCase();

  // Anything non-ASCII left after NFKC (IDN, homoglyphs) is refused: strict and simple.
  // This also rejects every control character, CR/LF and non-ASCII whitespace.
  if (!/^[\x21-\x7e]+$/.test(email)) return null;
  if (email.length > MAX_ADDRESS) return null;

  const at = email.indexOf("@");
  if (at < 0 || email.indexOf("@", at + 1) >= 0) return null; // exactly one `@`
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (!local || local.length > MAX_LOCAL || !LOCAL_RE.test(local)) return null;
  if (!domain || domain.length > MAX_DOMAIN) return null;

  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL_RE.test(label))) return null;
  if (!TLD_RE.test(labels[labels.length - 1])) return null;
  return email;
}

/** True when `value` is already exactly the canonical form of one address. */
export function isCanonicalEmail(value: unknown): value is string {
  return typeof value === "string" && canonicalizeEmail(value) === value;
}

/** The domain part of a valid address (canonicalized), or null. */
export function emailDomain(email: unknown): string | null {
  const canonical = canonicalizeEmail(email);
  return canonical === null ? null : canonical.slice(canonical.indexOf("@") + 1);
}
