// Formatters shared by the dashboard and visitor pages. Pure: `now` is passed in so a
// component can tick or a test can pin it.

const UNITS = ["B", "KB", "MB", "GB"] as const;

/** 1536 → "1.5 KB" (binary multiples, the way file managers count). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

const DIVISIONS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60], ["minute", 60], ["hour", 24], ["day", 30], ["month", 12], ["year", Number.POSITIVE_INFINITY],
];

/** "in 3 days", "2 hours ago", "now". */
export function formatRelative(iso: string | Date, now: Date = new Date()): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  let delta = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(delta) < 45) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of DIVISIONS) {
    if (Math.abs(delta) < size) return format.format(Math.round(delta), unit);
    delta /= size;
  }
  return format.format(Math.round(delta), "year");
}

/** "12 Mar 2026, 14:05" in the viewer's time zone. */
export function formatAbsolute(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatDate(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(date);
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const EXPIRING_SOON_DAYS = 7;

export type ExpiryState = "none" | "ok" | "soon" | "expired";

/** The dashboard flags files that expire within 7 days. */
export function expiryState(expiresAt: string | null, now: Date = new Date()): ExpiryState {
  if (!expiresAt) return "none";
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left <= EXPIRING_SOON_DAYS * DAY_MS ? "soon" : "ok";
}

/** The new expiry when extending by `days`: from the current expiry, or from now when it has passed. */
export function extendedExpiry(expiresAt: string | null, days: number, now: Date = new Date()): string {
  const base = expiresAt && new Date(expiresAt).getTime() > now.getTime() ? new Date(expiresAt) : now;
  return new Date(base.getTime() + days * DAY_MS).toISOString();
}

/** `<input type="datetime-local">` value ↔ ISO instant, in the viewer's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
