import { z } from "zod";
import { allowedEmailsSchema } from "./files";

// Campaign delivery (campaign delivery: docs/decisions.md): invitations and the stats read from the audit trail.
const instant = z.iso.datetime();
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const STATS_DAYS = 30;

/** One UTC day; the series always has STATS_DAYS of them, oldest first, ending today. */
export const downloadsByDaySchema = z.array(z.object({ day, downloads: z.number().int().min(0) }));

export const recipientSchema = z.object({
  email: z.string(),
  invitedAt: instant.nullable(),
  linkRequestedAt: instant.nullable(),
  verifiedAt: instant.nullable(),
  firstDownloadedAt: instant.nullable(),
  lastDownloadedAt: instant.nullable(),
  downloads: z.number().int().min(0),
});
export type RecipientView = z.infer<typeof recipientSchema>;

export const fileStatsSchema = z.object({
  downloads: z.number().int().min(0),
  /** Distinct verified visitor emails (PUBLIC downloads are anonymous: 0). */
  uniqueVisitors: z.number().int().min(0),
  lastDownloadedAt: instant.nullable(),
  byDay: downloadsByDaySchema,
  /** Every allowlisted address plus every domain-matched visitor seen; empty for PUBLIC files. */
  recipients: z.array(recipientSchema),
});
export type FileStatsView = z.infer<typeof fileStatsSchema>;

export const handleStatsSchema = z.object({
  downloads: z.number().int().min(0),
  byDay: downloadsByDaySchema,
  /** At most 10, by downloads in the last 30 days, most first. */
  topFiles: z.array(z.object({ fileId: z.string(), fileName: z.string(), downloads: z.number().int().min(0) })),
});
export type HandleStatsView = z.infer<typeof handleStatsSchema>;

/** Absent `emails`: every allowlisted address. Listed ones must be on the allowlist (exact or by domain). */
export const invitationRequestSchema = z.object({ emails: allowedEmailsSchema.optional() });
export const invitationsSentSchema = z.object({ sent: z.number().int().min(0) });
