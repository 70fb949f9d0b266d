import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FileSummaryHeader } from "@/components/share-page/file-summary-header";
import { ShareCard, ShareNotice, ShareShell } from "@/components/share-page/share-shell";
import { buttonClass } from "@/components/ui/button";
import { AlertIcon, ClockIcon, DownloadIcon } from "@/components/ui/icons";
import { getShareSummary } from "@/lib/sharing/share-summary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Continue to download",
  robots: { index: false, follow: false },
  referrer: "no-referrer", // the token is in this page's URL
};

type Props = { params: Promise<{ fileId: string }>; searchParams: Promise<Record<string, string | undefined>> };

/**
 * Where the emailed link lands. Opening it consumes nothing (mail scanners prefetch links):
 * only the button's plain form POST spends the token, and nothing submits it automatically.
 */
export default async function VerifyPage({ params, searchParams }: Props) {
  const { fileId } = await params;
  const { token } = await searchParams;
  const summary = await getShareSummary(fileId);
  if (summary.state === "missing") notFound();

  if (!token) {
    return (
      <ShareShell handle={summary.handle}>
        <ShareNotice tone="red" icon={<AlertIcon className="h-7 w-7" />} title="This link is incomplete">
          Open the link from the email in full, or{" "}
          <a className="font-medium text-brand-700 underline" href={`/share/${encodeURIComponent(fileId)}`}>request a new one</a>.
        </ShareNotice>
      </ShareShell>
    );
  }
  if (summary.state === "expired") {
    return (
      <ShareShell handle={summary.handle}>
        <ShareNotice tone="amber" icon={<ClockIcon className="h-7 w-7" />} title="This file has expired">
          {summary.fileName} is no longer available. Ask {summary.handle ?? "the sender"} for a new link.
        </ShareNotice>
      </ShareShell>
    );
  }
  return (
    <ShareShell handle={summary.handle}>
      <ShareCard>
        <FileSummaryHeader fileName={summary.fileName ?? "Shared file"} sizeBytes={summary.sizeBytes} handle={summary.handle} expiresAt={summary.expiresAt} />
        <form method="post" action={`/v2/public/files/${encodeURIComponent(fileId)}/magic-link/verify`} className="space-y-4 px-6 py-6 sm:px-8">
          <input type="hidden" name="token" value={token} />
          <p className="text-sm text-slate-600">Your email is confirmed once you continue. The link works once.</p>
          <button type="submit" className={buttonClass("primary", "md", "w-full !py-2.5")}>
            <DownloadIcon className="h-4 w-4" /> Continue to download
          </button>
        </form>
      </ShareCard>
    </ShareShell>
  );
}
