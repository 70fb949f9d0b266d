// Client-side checks that reuse the API's own zod schemas (lib/schemas/files.ts), so the
// dashboard shows exactly the messages the API would answer with, before any request.
import type { z } from "zod";
import { canonicalizeEmail } from "../email/address";
import {
  MAX_ALLOWED_EMAILS, allowedEmailsSchema, allowlistRequiredIssue, docsPathSchema, fileNameSchema, futureInstantSchema,
  MAX_FILE_BYTES, sizeBytesSchemaFor,
} from "../schemas/files";

export { MAX_ALLOWED_EMAILS };

function firstMessage(result: z.ZodSafeParseResult<unknown>): string | null {
  return result.success ? null : (result.error.issues[0]?.message ?? "Invalid value.");
}

/** The first problem with a picked file (name rule first, as the API orders them), or null. */
export function fileProblem(file: { name: string; size: number }, maxFileBytes = MAX_FILE_BYTES): string | null {
  return firstMessage(fileNameSchema.safeParse(file.name)) ?? firstMessage(sizeBytesSchemaFor(maxFileBytes).safeParse(file.size));
}

export function allowlistProblem(emails: string[]): string | null {
  return firstMessage(allowedEmailsSchema.safeParse(emails));
}

export function expiryProblem(iso: string): string | null {
  return firstMessage(futureInstantSchema.safeParse(iso));
}

/**
 * Splits pasted text into candidate addresses: commas, semicolons, new lines or spaces
 * separate them, and from a mail client's "Jane Doe <jane@brand.com>" only the part in
 * angle brackets is kept (the chip then shows exactly what will be allowed).
 */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .flatMap((part) => {
      const bracketed = part.match(/<([^<>]*)>/);
      return bracketed ? [bracketed[1]] : part.split(/\s+/);
    })
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Canonical, de-duplicated valid addresses and the raw strings that are not addresses. */
export function parseAddresses(text: string): { valid: string[]; invalid: string[] } {
  const valid = new Set<string>();
  const invalid: string[] = [];
  for (const raw of splitAddresses(text)) {
    const email = canonicalizeEmail(raw);
    if (email) valid.add(email);
    else invalid.push(raw);
  }
  return { valid: [...valid], invalid };
}

/** "gmail.com" or "@gmail.com" → "gmail.com"; null when not a domain. */
export function canonicalDomain(raw: string): string | null {
  const email = canonicalizeEmail(`x@${raw.replace(/^@/, "")}`);
  return email ? email.slice(2) : null;
}

export function docsPathProblem(path: string): string | null {
  return firstMessage(docsPathSchema.safeParse(path));
}

/** The API's own "allowlist required" message for an EMAIL_ALLOWLIST file with no address. */
export function allowlistRequiredProblem(mode: string, emails: string[]): string | null {
  return allowlistRequiredIssue({ allowedEmails: emails }, mode);
}
