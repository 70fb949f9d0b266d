import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FileSummaryHeader } from "@/components/share-page/file-summary-header";
import { MagicLinkForm } from "@/components/share-page/magic-link-form";
import { ScheduledNotice } from "@/components/share-page/scheduled-notice";
import { ShareCard, ShareNotice, ShareShell } from "@/components/share-page/share-shell";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon, ClockIcon, DownloadIcon } from "@/components/ui/icons";
import { formatDate } from "@/lib/ui/format";
import { getShareSummary } from "@/lib/sharing/share-summary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared file", robots: { index: false, follow: false }, referrer: "no-referrer" };

// Why the download or the link click sent the visitor back here (?reason=<code>).
const REASONS: Record<string, string> = {
  invalid_magic_link: "That link is invalid, expired or already used. Request a new one below.",
  email_not_allowlisted: "Your email address is not (or no longer) on the list for this file.",
};

type Props = { params: Promise<{ fileId: string }>; searchParams: Promise<Record<string, string | undefined>> };

/** The visitor's page for a shared file: download, request a magic link, or a friendly dead end. */
export default async function SharePage({ params, searchParams }: Props) {
  const { fileId } = await params;
  const { reason } = await searchParams;
  const summary = await getShareSummary(fileId);
  if (summary.state === "missing") notFound();
  const fileName = summary.fileName ?? "Shared file";
  const downloadUrl = `/v2/public/files/${encodeURIComponent(fileId)}`;

  return (
    <ShareShell handle={summary.handle}>
      {summary.state === "expired" ? (
        <ShareNotice tone="amber" icon={<ClockIcon className="h-7 w-7" />} title="This link has expired">
          <strong className="font-medium text-slate-800">{fileName}</strong> was available until{" "}
          {summary.expiresAt ? formatDate(summary.expiresAt) : "recently"}. Ask {summary.handle ?? "the sender"} for a new link.
        </ShareNotice>
      ) : summary.state === "scheduled" ? (
        <ScheduledNotice fileId={fileId} fileName={fileName} sizeBytes={summary.sizeBytes} handle={summary.handle}
          expiresAt={summary.expiresAt} availableFrom={summary.availableFrom ?? null} />
      ) : summary.state === "limit_reached" ? (
        <ShareNotice tone="amber" icon={<AlertIcon className="h-7 w-7" />} title="Download limit reached">
          <strong className="font-medium text-slate-800">{fileName}</strong> reached its download limit. Ask {summary.handle ?? "the sender"} to raise it.
        </ShareNotice>
      ) : summary.state === "pending" ? (
        <ShareNotice icon={<ClockIcon className="h-7 w-7" />} title="Almost there">
          <strong className="font-medium text-slate-800">{fileName}</strong> is still being uploaded. Try again in a minute.
          <p className="mt-5"><a href={`/share/${encodeURIComponent(fileId)}`} className={buttonClass("secondary")}>Refresh</a></p>
        </ShareNotice>
      ) : (
        <ShareCard>
          <FileSummaryHeader fileName={fileName} sizeBytes={summary.sizeBytes} handle={summary.handle} expiresAt={summary.expiresAt} />
          <div className="space-y-4 px-6 py-6 sm:px-8">
            {reason && REASONS[reason] && (
              <p role="alert" className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
                <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" /> {REASONS[reason]}
              </p>
            )}
            {summary.state === "public" ? (
              <>
                <a href={downloadUrl} className={buttonClass("primary", "md", "w-full !py-2.5")}>
                  <DownloadIcon className="h-4 w-4" /> Download
                </a>
                <p className="text-center text-xs text-slate-500">The download starts right away. No account needed.</p>
              </>
            ) : (
              <MagicLinkForm fileId={fileId} />
            )}
          </div>
        </ShareCard>
      )}
    </ShareShell>
  );
}
