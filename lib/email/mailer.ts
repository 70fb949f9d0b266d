// The one mailer of the app. Callers canonicalize the recipient first (it is what they
// checked against an allowlist); we re-check here so a non-canonical or multi-recipient
// `to` can never reach a transport (docs/security.md M6: checked address == delivered address).
import { newId } from "../ids";
import { isCanonicalEmail } from "./address";
import { outboxEnabled, writeToOutbox } from "./outbox-transport";
import { sendWithResend } from "./resend-transport";

export { listOutbox, outboxEnabled, type OutboxMessage } from "./outbox-transport";

export interface MailTag {
  /** Resend allows ASCII letters, digits, `_` and `-` only, up to 256 characters. */
  name: string;
  value: string;
}

export interface OutgoingMail {
  /** Exactly one address, already in the form returned by `canonicalizeEmail`. */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** e.g. `magic-link/{tokenId}`: a retried send with the same key is delivered once. */
  idempotencyKey?: string;
  tags?: MailTag[];
}

const TAG_RE = /^[A-Za-z0-9_-]{1,256}$/;
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,256}$/; // an HTTP header value: printable ASCII

// Programming errors (the caller skipped validation), not user input errors: fail loudly.
function assertValid(mail: OutgoingMail): void {
  if (!isCanonicalEmail(mail.to)) throw new TypeError("sendMail: `to` must be exactly one canonical address");
  // A subject is a header line: no CR/LF or other control characters.
  if (!mail.subject || /[\p{Cc}]/u.test(mail.subject)) throw new TypeError("sendMail: invalid subject");
  if (!mail.text || !mail.html) throw new TypeError("sendMail: text and html bodies are required");
  if (mail.idempotencyKey !== undefined && !IDEMPOTENCY_KEY_RE.test(mail.idempotencyKey)) {
    throw new TypeError("sendMail: idempotencyKey must be 1-256 printable ASCII characters");
  }
  for (const tag of mail.tags ?? []) {
    if (!TAG_RE.test(tag.name) || !TAG_RE.test(tag.value)) throw new TypeError("sendMail: invalid tag");
  }
}

/**
 * Sends one message: through Resend when RESEND_API_KEY is set, otherwise into the outbox.
 * Throws `DependencyUnavailableError("email_unavailable")` when Resend keeps failing.
 */
export async function sendMail(mail: OutgoingMail): Promise<{ id: string }> {
  assertValid(mail);
  const { to, subject, text, html } = mail;
  if (outboxEnabled()) return writeToOutbox({ to, subject, text, html, idempotencyKey: mail.idempotencyKey });
  // Without a caller key we still make our own retries idempotent.
  const idempotencyKey = mail.idempotencyKey ?? `mail/${newId("msg")}`;
  return sendWithResend({ to, subject, text, html, idempotencyKey, tags: mail.tags });
}
