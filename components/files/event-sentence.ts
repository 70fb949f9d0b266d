import type { AuditEventItem } from "@/lib/ui/api-types";
import { formatAbsolute, formatBytes } from "@/lib/ui/format";

export type EventTone = "download" | "access" | "change" | "neutral" | "danger";

function who(event: AuditEventItem, fallback: string): string {
  return event.actor.email ?? (typeof event.detail?.email === "string" ? event.detail.email : null) ?? fallback;
}

/** The audit trail in plain words: "Downloaded by ana@partner.com". */
export function describeEvent(event: AuditEventItem): { text: string; tone: EventTone } {
  const d = event.detail ?? {};
  switch (event.action) {
    case "file.created": return { text: `Created by ${who(event, "an API client")}`, tone: "neutral" };
    case "file.uploaded": return { text: `Upload finished${typeof d.sizeBytes === "number" ? ` (${formatBytes(d.sizeBytes)})` : ""}`, tone: "neutral" };
    case "file.upload_parts_signed": return { text: `Upload links for ${typeof d.partNumbers === "number" ? `${d.partNumbers} part${d.partNumbers === 1 ? "" : "s"}` : "parts"} issued to ${who(event, "an API client")}`, tone: "neutral" };
    case "file.upload_completed": return { text: `Parts assembled for ${who(event, "an API client")}${typeof d.partCount === "number" ? ` (${d.partCount} parts)` : ""}`, tone: "neutral" };
    case "file.downloaded": return { text: `Downloaded by ${who(event, "an anonymous visitor")}`, tone: "download" };
    case "magic_link.sent": return { text: `Access link emailed to ${who(event, "a visitor")}`, tone: "access" };
    case "magic_link.used": return { text: `${who(event, "A visitor")} confirmed their email`, tone: "access" };
    case "file.revived": return { text: `Restored by ${who(event, "someone")}${typeof d.expiresAt === "string" ? `, now expires ${formatAbsolute(d.expiresAt)}` : ""}`, tone: "change" };
    case "file.deleted": return { text: `Deleted by ${who(event, "someone")}`, tone: "danger" };
    case "file.updated": {
      const parts: string[] = [];
      const count = Array.isArray(d.allowedEmails) ? d.allowedEmails.length : null;
      const addresses = (n: number) => `${n} ${n === 1 ? "address" : "addresses"}`;
      if (d.accessMode === "PUBLIC") parts.push("made public");
      else if (d.accessMode === "EMAIL_ALLOWLIST") parts.push(count !== null ? `limited to ${addresses(count)}` : "limited to an allowlist");
      else if (count !== null) parts.push(`allowlist changed to ${addresses(count)}`);
      if ("expiresAt" in d) parts.push(typeof d.expiresAt === "string" ? `expiry set to ${formatAbsolute(d.expiresAt)}` : "expiry removed");
      return { text: `${parts.length ? parts.join(", ").replace(/^./, (c) => c.toUpperCase()) : "Settings changed"} by ${who(event, "someone")}`, tone: "change" };
    }
    default: return { text: `${event.action} by ${who(event, event.actor.kind)}`, tone: "neutral" };
  }
}
