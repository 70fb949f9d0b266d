// Pure helpers for the Delivery panel and the charts: recipient status, chart summaries,
// the embargo's "Goes live in 3 days" hint. `now` is passed in so tests can pin it.
import type { DayCount, Recipient } from "./delivery-types";
import { formatRelative } from "./format";

export type RecipientStatus = "downloaded" | "verified" | "link_requested" | "invited" | "not_invited";

/** The furthest step a recipient reached: downloaded > verified > link requested > invited. */
export function recipientStatus(r: Recipient): RecipientStatus {
  if (r.downloads > 0 || r.firstDownloadedAt) return "downloaded";
  if (r.verifiedAt) return "verified";
  if (r.linkRequestedAt) return "link_requested";
  if (r.invitedAt) return "invited";
  return "not_invited";
}

export const STATUS_LABEL: Record<RecipientStatus, string> = {
  downloaded: "Downloaded",
  verified: "Verified, not downloaded",
  link_requested: "Link requested",
  invited: "Invited",
  not_invited: "Not invited yet",
};

/** The instant that goes with a status ("Downloaded 2 hours ago"). */
export function statusTime(r: Recipient): string | null {
  switch (recipientStatus(r)) {
    case "downloaded": return r.lastDownloadedAt ?? r.firstDownloadedAt;
    case "verified": return r.verifiedAt;
    case "link_requested": return r.linkRequestedAt;
    case "invited": return r.invitedAt;
    default: return null;
  }
}

/** "2026-11-28" (UTC day) → "28 Nov". */
export function shortDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/** One sentence that says what the chart shows, for everyone (and screen readers first). */
export function summarizeDays(byDay: DayCount[]): string {
  const total = byDay.reduce((sum, d) => sum + d.downloads, 0);
  if (total === 0) return `No downloads in the last ${byDay.length} days.`;
  const peak = byDay.reduce((best, d) => (d.downloads > best.downloads ? d : best), byDay[0]);
  const active = byDay.filter((d) => d.downloads > 0).length;
  return `${total} ${total === 1 ? "download" : "downloads"} in the last ${byDay.length} days, on ${active} ${active === 1 ? "day" : "days"}; busiest day ${shortDay(peak.day)} with ${peak.downloads}.`;
}

/** "Goes live in 3 days" before the embargo lifts, "Live since 2 hours ago" after, null when none. */
export function goLiveHint(availableFrom: string | null | undefined, now: Date = new Date()): string | null {
  if (!availableFrom) return null;
  const at = new Date(availableFrom);
  if (Number.isNaN(at.getTime())) return null;
  return at.getTime() > now.getTime() ? `Goes live ${formatRelative(at, now)}` : `Live since ${formatRelative(at, now)}`;
}

/** Emails the "Send invitations" button reaches: everyone on the list not invited yet. */
export function uninvited(recipients: Recipient[]): string[] {
  return recipients.filter((r) => !r.invitedAt).map((r) => r.email);
}
