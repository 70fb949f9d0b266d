// Client-side checks for the campaign fields (campaign delivery: docs/decisions.md), with the API's own schemas and
// messages, so the dashboard refuses before any request what the API would refuse.
import { availableFromSchema, campaignIssues, maxDownloadsSchema } from "../schemas/files";

/** "" (unlimited) or a whole number 1–1,000,000; else the API's message. */
export function maxDownloadsProblem(text: string): string | null {
  if (text.trim() === "") return null;
  const result = maxDownloadsSchema.safeParse(Number(text));
  return result.success ? null : (result.error.issues[0]?.message ?? "Invalid download limit.");
}

export const parseMaxDownloads = (text: string): number | null => (text.trim() === "" ? null : Number(text));

/** The embargo must be an instant and lift before the file expires (invalid_available_from). */
export function availableFromProblem(availableFrom: string | null, expiresAt: string | null): string | null {
  if (!availableFrom) return null;
  const parsed = availableFromSchema.safeParse(availableFrom);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "Invalid go-live time.";
  const issue = campaignIssues({ availableFrom, expiresAt }).find((i) => i.code === "invalid_available_from");
  return issue ? "The go-live time must be before the expiry." : null;
}
