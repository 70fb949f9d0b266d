"use client";

import type { FileItem } from "@/lib/ui/api-types";
import type { CampaignFields } from "@/lib/ui/delivery-types";
import { expiryState, formatAbsolute, formatRelative } from "@/lib/ui/format";
import { Badge } from "../ui/badge";
import { ClockIcon, GlobeIcon, LockIcon } from "../ui/icons";
import { goLiveHint } from "@/lib/ui/delivery";

/** Public or allowlist, with the allowlist's size. */
export function AccessBadge({ file }: { file: FileItem & CampaignFields }) {
  const emails = file.allowedEmails.length;
  const domains = file.allowedDomains?.length ?? 0;
  const what = [emails ? `${emails} ${emails === 1 ? "address" : "addresses"}` : null, domains ? `${domains} ${domains === 1 ? "domain" : "domains"}` : null]
    .filter(Boolean).join(" and ");
  return file.accessMode === "PUBLIC" ? (
    <Badge tone="blue"><GlobeIcon className="h-3 w-3" /> Public</Badge>
  ) : (
    <span title={what || undefined}>
      <Badge tone="violet">
        <LockIcon className="h-3 w-3" /> Allowlist · {emails + domains}
        <span className="sr-only">{domains ? `: ${what}` : emails === 1 ? " address" : " addresses"}</span>
      </Badge>
    </span>
  );
}

export function StatusBadge({ file }: { file: FileItem }) {
  return file.status === "ready"
    ? <Badge tone="green">Ready</Badge>
    : <Badge tone="amber">Upload pending</Badge>;
}

/** "Goes live in 3 days" while the file is under embargo; nothing once it is live. */
export function EmbargoBadge({ file, now = new Date() }: { file: FileItem & CampaignFields; now?: Date }) {
  if (!file.availableFrom || Date.parse(file.availableFrom) <= now.getTime()) return null;
  return (
    <Badge tone="violet" className="!whitespace-normal">
      <ClockIcon className="h-3 w-3" /> <span data-testid="embargo-badge" title={formatAbsolute(file.availableFrom)}>{goLiveHint(file.availableFrom, now)}</span>
    </Badge>
  );
}

/** Relative and absolute expiry; files expiring within 7 days are flagged. */
export function ExpiryText({ expiresAt, now = new Date() }: { expiresAt: string | null; now?: Date }) {
  const state = expiryState(expiresAt, now);
  if (state === "none") return <span className="text-slate-500">Never</span>;
  const absolute = formatAbsolute(expiresAt!);
  return (
    <span className="flex flex-col">
      <span className={`flex flex-wrap items-center gap-1.5 ${state === "soon" ? "font-medium text-amber-700" : state === "expired" ? "font-medium text-red-700" : "text-slate-700"}`}>
        <time dateTime={expiresAt!} title={absolute}>{state === "expired" ? `Expired ${formatRelative(expiresAt!, now)}` : formatRelative(expiresAt!, now)}</time>
        {state === "soon" && <Badge tone="amber" className="!py-0">Expires soon</Badge>}
      </span>
      <span className="text-xs text-slate-500">{absolute}</span>
    </span>
  );
}

export function CreatedText({ createdAt }: { createdAt: string }) {
  return (
    <time dateTime={createdAt} title={formatAbsolute(createdAt)} className="whitespace-nowrap text-slate-600">
      {formatRelative(createdAt)}
    </time>
  );
}
