// Client-side checks for the campaign fields (SPEC §12), worded like the API's answers,
// so the dashboard refuses before any request what the API would refuse.
export const MAX_DOWNLOADS = 1_000_000;

/** "" (unlimited) or a whole number 1–1,000,000; else the API's message. */
export function maxDownloadsProblem(text: string): string | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DOWNLOADS) return "maxDownloads must be a whole number from 1 to 1000000, or empty for unlimited.";
  return null;
}

export const parseMaxDownloads = (text: string): number | null => (text.trim() === "" ? null : Number(text));

/** The embargo must lift before the file expires (invalid_available_from). */
export function availableFromProblem(availableFrom: string | null, expiresAt: string | null): string | null {
  if (!availableFrom) return null;
  const from = Date.parse(availableFrom);
  if (Number.isNaN(from)) return "availableFrom must be an ISO-8601 instant such as 2026-06-01T09:00:00Z.";
  if (expiresAt && from >= Date.parse(expiresAt)) return "The go-live time must be before the expiry.";
  return null;
}
