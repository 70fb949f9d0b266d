import { z } from "zod";
import { canonicalListSchema } from "./canonical-list";
import { canonicalizeEmail } from "../email/address";
import { allowedDomainsSchema } from "./domains";

// The files contract's request schemas: the API validates with them and the dashboard's
// forms reuse them, so both give the same messages. Field → error code: FILE_FIELD_CODES.
/** The default of the operator's MAX_FILE_BYTES (config.ts); the API checks the configured one. */
export const MAX_FILE_BYTES = 262_144_000; // 250 MiB
export const MAX_FILE_NAME_BYTES = 180;
export const MAX_ALLOWED_EMAILS = 200;
/** Emails and domains together (campaign delivery: docs/decisions.md). */
export const MAX_ALLOWLIST_ENTRIES = 200;
export const MAX_DOWNLOADS_LIMIT = 1_000_000;
export const ACCESS_MODES = ["PUBLIC", "EMAIL_ALLOWLIST"] as const;

export const FILE_FIELD_CODES = {
  fileName: "invalid_file_name",
  sizeBytes: "invalid_size_bytes",
  accessMode: "invalid_access_mode",
  allowedEmails: "invalid_email",
  expiresAt: "invalid_expires_at",
  contentType: "invalid_content_type",
  docsPath: "invalid_docs_path",
  allowedDomains: "invalid_domain",
  availableFrom: "invalid_available_from",
  maxDownloads: "invalid_max_downloads",
  notifyOnDownload: "invalid_request",
} as const;

// C0/C1 controls, plus bidi overrides/isolates that disguise extensions (evil\u202Etxt.exe).
const FORBIDDEN_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\]/;

export const fileNameSchema = z
  .string({ error: "fileName must be a string." })
  .refine((name) => name.trim().length > 0, "The file name is empty.")
  .refine((name) => new TextEncoder().encode(name).length <= MAX_FILE_NAME_BYTES, `The file name is longer than ${MAX_FILE_NAME_BYTES} bytes of UTF-8.`)
  .refine((name) => !FORBIDDEN_NAME_CHARS.test(name), "The file name contains a slash, a backslash or a control character.")
  .refine((name) => name !== "." && name !== "..", "The file name cannot be '.' or '..'.")
  .transform((name) => name.normalize("NFC"));

export const sizeLimitMessage = (maxBytes: number) =>
  `Files are limited to ${maxBytes >= 1024 ** 3 ? `${+(maxBytes / 1024 ** 3).toFixed(2)} GiB` : `${+(maxBytes / 1024 ** 2).toFixed(2)} MiB`} (${maxBytes} bytes).`;

/** sizeBytes up to a limit: the API's is the operator's MAX_FILE_BYTES (checked in parseCreateFile). */
export const sizeBytesSchemaFor = (maxBytes: number) =>
  z
    .number({ error: "sizeBytes must be a number of bytes." })
    .int("sizeBytes must be a whole number of bytes.")
    .min(1, "Files must have at least 1 byte.")
    .max(maxBytes, sizeLimitMessage(maxBytes));

export const sizeBytesSchema = sizeBytesSchemaFor(MAX_FILE_BYTES);

export const accessModeSchema = z.enum(ACCESS_MODES, { error: "accessMode must be PUBLIC or EMAIL_ALLOWLIST." });

export const allowedEmailsSchema = canonicalListSchema({
  field: "allowedEmails", what: "email addresses", max: MAX_ALLOWED_EMAILS,
  tooManyCode: "too_many_allowed_emails", tooManyNoun: "addresses",
  invalidCode: "invalid_email", invalidMessage: (raw) => `'${raw}' is not an email address.`,
  canonical: canonicalizeEmail,
});

export const futureInstantSchema = z
  .string({ error: "expiresAt must be an ISO-8601 instant." })
  .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), "expiresAt must be an ISO-8601 instant such as 2026-06-01T00:00:00Z.")
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() > Date.now(), "expiresAt must be in the future.");

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const isInstant = (v: unknown): v is string => typeof v === "string" && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/** An embargo: any instant (a past one simply means "available"); before expiresAt (checked across fields). */
export const availableFromSchema = z
  .string({ error: "availableFrom must be an ISO-8601 instant or null." })
  .refine(isInstant, "availableFrom must be an ISO-8601 instant such as 2026-06-01T09:00:00Z.")
  .transform((v) => new Date(v));

export const maxDownloadsSchema = z
  .number({ error: "maxDownloads must be a whole number from 1 to 1000000, or null for unlimited." })
  .int("maxDownloads must be a whole number from 1 to 1000000, or null for unlimited.")
  .min(1, "maxDownloads must be at least 1 (null: unlimited).")
  .max(MAX_DOWNLOADS_LIMIT, "maxDownloads is at most 1000000 (null: unlimited).");

const notifySchema = z.boolean({ error: "notifyOnDownload must be true or false." });

const contentTypeSchema = z
  .string()
  .max(127)
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, "contentType must be a media type such as application/pdf.")
  .transform((v) => v.toLowerCase());

export const docsPathSchema = z
  .string()
  .max(300)
  .refine(
    (p) => /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(p) && !p.split("/").some((s) => s === "." || s === ".."),
    "docsPath must be a relative path like 'brand/guidelines.md' (letters, digits, '.', '_', '-'; no '..').",
  );

/** The documented order of the create rules: the first failing one is reported. */
export const CREATE_RULE_ORDER = [
  "invalid_file_name", "invalid_size_bytes", "invalid_access_mode", "allowed_emails_required",
  "too_many_allowed_emails", "invalid_email", "invalid_domain", "invalid_expires_at", "invalid_available_from",
  "invalid_max_downloads", "invalid_content_type", "invalid_docs_path",
];

/** The PATCH rules in the same order (create's rules minus the ones PATCH cannot break). */
export const PATCH_RULE_ORDER = CREATE_RULE_ORDER.filter((code) => !["invalid_size_bytes", "invalid_content_type", "invalid_docs_path"].includes(code));

/** PUBLIC files carry no allowlist: switching to PUBLIC clears it, so a later switch back starts from an empty list. */
export const allowlistFor = (mode: (typeof ACCESS_MODES)[number], emails: string[] | undefined): string[] =>
  mode === "PUBLIC" ? [] : (emails ?? []);

/** Cross-field rule, checked on the raw body so it ranks by CREATE_RULE_ORDER, not zod's order. */
export function allowlistRequiredIssue(body: Record<string, unknown>, mode = body.accessMode): string | null {
  const filled = (list: unknown) => Array.isArray(list) && list.length > 0;
  return mode === "EMAIL_ALLOWLIST" && !filled(body.allowedEmails) && !filled(body.allowedDomains)
    ? "EMAIL_ALLOWLIST files need at least one address in allowedEmails or one domain in allowedDomains."
    : null;
}

/** The cross-field rules of section 12, on the effective (raw) values: entries in all, embargo before expiry. */
export function campaignIssues(values: { allowedEmails?: unknown; allowedDomains?: unknown; availableFrom?: unknown; expiresAt?: unknown }) {
  const issues: { code: string; message: string }[] = [];
  const size = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  const entries = size(values.allowedEmails) + size(values.allowedDomains);
  if (entries > MAX_ALLOWLIST_ENTRIES) {
    issues.push({ code: "too_many_allowed_emails", message: `At most ${MAX_ALLOWLIST_ENTRIES} addresses and domains in all (got ${entries}).` });
  }
  const instant = (v: unknown) => (v instanceof Date ? v.getTime() : isInstant(v) ? Date.parse(v) : null);
  const from = instant(values.availableFrom);
  const until = instant(values.expiresAt);
  if (from !== null && until !== null && from >= until) {
    issues.push({ code: "invalid_available_from", message: "availableFrom must be before expiresAt." });
  }
  return issues;
}

export const createFileSchema = z
  .object({
    fileName: fileNameSchema,
    // The configured MAX_FILE_BYTES is checked beside the schema (it is not known here).
    sizeBytes: sizeBytesSchemaFor(Number.MAX_SAFE_INTEGER).describe("Bytes, from 1 to the server's MAX_FILE_BYTES (default 262144000)."),
    accessMode: accessModeSchema,
    contentType: contentTypeSchema.optional(),
    allowedEmails: allowedEmailsSchema.optional(),
    expiresAt: futureInstantSchema.nullable().optional(), // null (or absent): never expires
    docsPath: docsPathSchema.optional(),
    allowedDomains: allowedDomainsSchema.optional(),
    availableFrom: availableFromSchema.nullable().optional(), // null (or absent): no embargo
    maxDownloads: maxDownloadsSchema.nullable().optional(), // null (or absent): unlimited
    notifyOnDownload: notifySchema.optional(),
  });

export type CreateFileInput = z.infer<typeof createFileSchema>;

export const updateFileSchema = z
  .object({
    fileName: fileNameSchema.optional(), // renames the record and the download; the object is untouched
    accessMode: accessModeSchema.optional(),
    allowedEmails: allowedEmailsSchema.optional(),
    expiresAt: futureInstantSchema.nullable().optional(),
    allowedDomains: allowedDomainsSchema.optional(),
    availableFrom: availableFromSchema.nullable().optional(),
    maxDownloads: maxDownloadsSchema.nullable().optional(),
    notifyOnDownload: notifySchema.optional(),
  });

export type UpdateFileInput = z.infer<typeof updateFileSchema>;

export const magicLinkRequestSchema = z.object({ email: z.string().max(320) });
export const magicLinkVerifySchema = z.object({ token: z.string().max(200) });

/** `GET …/files?status=expired`: the only filter; anything else is refused (400 invalid_status). */
export const listFilesQuerySchema = z.object({
  status: z.enum(["expired"], { error: "status must be 'expired' (or absent, for the live files)." }).optional(),
});

// ---- Responses. One definition of each shape: the handlers' view builders are typed by
// them (z.infer), /v2/openapi.json is generated from them, the dashboard infers its types.
const instant = z.iso.datetime();

export const FILE_STATUSES = ["pending", "ready"] as const;

export const fileViewSchema = z.object({
  id: z.string(),
  handle: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().min(1),
  contentType: z.string(),
  accessMode: z.enum(ACCESS_MODES),
  allowedEmails: z.array(z.string()),
  /** Any address at exactly one of these domains passes the allowlist too. */
  allowedDomains: z.array(z.string()),
  expiresAt: instant.nullable(),
  /** Embargo: before it the public URL and magic links answer 403 file_not_yet_available. */
  availableFrom: instant.nullable(),
  /** Null: unlimited. Counts download redirects (PUBLIC) or distinct visitor emails (allowlist). */
  maxDownloads: z.number().int().min(1).nullable(),
  notifyOnDownload: z.boolean(),
  status: z.enum(FILE_STATUSES),
  /** Null for internal docs: they are read at docsUrl, never through the public URL. */
  publicUrl: z.url().nullable(),
  docsPath: z.string().nullable(),
  docsUrl: z.url().nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type FileView = z.infer<typeof fileViewSchema>;

export const fileListSchema = z.object({ files: z.array(fileViewSchema) });

/** Files up to MULTIPART_THRESHOLD_BYTES: one PUT of exactly sizeBytes to uploadUrl (docs/architecture.md, upload lifecycle). */
export const createdSinglePutSchema = z.object({
  file: fileViewSchema,
  uploadUrl: z.url(),
  uploadMethod: z.literal("PUT"),
  uploadHeaders: z.record(z.string(), z.string()),
  uploadExpiresAt: instant,
  publicUrl: z.url().nullable(),
  docsUrl: z.url().nullable(),
});

export const multipartUploadSchema = z.object({
  method: z.literal("multipart"),
  uploadId: z.string(),
  /** Every part has this size but the last, which holds the rest. */
  partSize: z.number().int().min(1),
  partCount: z.number().int().min(1),
});

/** Files above MULTIPART_THRESHOLD_BYTES: parts through …/upload-parts, then …/complete (resumable uploads: docs/architecture.md, upload lifecycle). */
export const createdMultipartSchema = z.object({
  file: fileViewSchema,
  upload: multipartUploadSchema,
  publicUrl: z.url().nullable(),
  docsUrl: z.url().nullable(),
});

export const createdFileSchema = z.union([createdSinglePutSchema, createdMultipartSchema]);
export type CreatedFileView = z.infer<typeof createdFileSchema>;
export type CreatedSinglePutView = z.infer<typeof createdSinglePutSchema>;
export type CreatedMultipartView = z.infer<typeof createdMultipartSchema>;

// ---- Multipart uploads (resumable uploads: docs/architecture.md, upload lifecycle) ----
export const MAX_PART_NUMBER = 10_000;
/** Part URLs minted per request: a 5 GiB file in 8 MiB parts needs 640. */
export const MAX_PART_URLS_PER_REQUEST = 1000;

const partNumberSchema = z.number().int().min(1).max(MAX_PART_NUMBER);

export const uploadPartsRequestSchema = z.object({
  partNumbers: z
    .array(partNumberSchema, { error: `partNumbers must be an array of part numbers (1–${MAX_PART_NUMBER}).` })
    .min(1, "partNumbers is empty.")
    .max(MAX_PART_URLS_PER_REQUEST, `At most ${MAX_PART_URLS_PER_REQUEST} part URLs per request.`),
});

export const signedPartSchema = z.object({
  partNumber: z.number().int(),
  url: z.url(),
  /** Headers to send verbatim with the PUT (may be none). */
  headers: z.record(z.string(), z.string()),
  expiresAt: instant,
});
export const signedPartListSchema = z.object({ parts: z.array(signedPartSchema) });

export const storedPartSchema = z.object({ partNumber: z.number().int(), size: z.number().int(), etag: z.string() });
export const storedPartListSchema = z.object({ parts: z.array(storedPartSchema) });

export const completeUploadSchema = z.object({
  parts: z
    .array(z.object({ partNumber: partNumberSchema, etag: z.string().min(1).max(200) }), { error: "parts must be an array of { partNumber, etag }." })
    .min(1, "parts is empty.")
    .max(MAX_PART_NUMBER),
});

export const fileEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  createdAt: instant,
  actor: z.object({ kind: z.string(), email: z.string().nullable() }),
  requestId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type FileEventView = z.infer<typeof fileEventSchema>;

export const fileEventListSchema = z.object({ events: z.array(fileEventSchema) });

export const fileMagicLinkSentSchema = z.object({ status: z.literal("sent"), expiresInSeconds: z.number().int() });
export const fileMagicLinkVerifiedSchema = z.object({ status: z.literal("verified"), email: z.string(), downloadUrl: z.url() });
