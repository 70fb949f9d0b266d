import type { Recipient } from "@/lib/ui/delivery-types";
import { STATUS_LABEL, recipientStatus, statusTime } from "@/lib/ui/delivery";
import { formatAbsolute, formatRelative } from "@/lib/ui/format";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE = { downloaded: "green", verified: "blue", link_requested: "violet", invited: "amber", not_invited: "slate" } as const satisfies Record<string, BadgeTone>;

/** "Downloaded · 2 hours ago" with the absolute time on hover and for screen readers. */
export function RecipientStatus({ recipient }: { recipient: Recipient }) {
  const status = recipientStatus(recipient);
  const at = statusTime(recipient);
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
      <Badge tone={TONE[status]}>{STATUS_LABEL[status]}{status === "downloaded" && recipient.downloads > 1 ? ` ×${recipient.downloads}` : ""}</Badge>
      {at && <time dateTime={at} title={formatAbsolute(at)} className="text-xs text-slate-600">{formatRelative(at)}</time>}
    </span>
  );
}

/** Every step with its time, for the row's details. */
export function RecipientTimeline({ recipient }: { recipient: Recipient }) {
  const steps: [string, string | null][] = [
    ["Invited", recipient.invitedAt], ["Link requested", recipient.linkRequestedAt], ["Verified", recipient.verifiedAt],
    ["First download", recipient.firstDownloadedAt], ["Last download", recipient.lastDownloadedAt],
  ];
  const reached = steps.filter(([, at]) => at);
  if (!reached.length) return <span className="text-xs text-slate-600">Nothing yet.</span>;
  return (
    <span className="text-xs text-slate-600">
      {reached.map(([label, at], i) => <span key={label}>{i > 0 && " · "}{label} {formatAbsolute(at!)}</span>)}
    </span>
  );
}
