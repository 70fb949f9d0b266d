"use client";

import { useEffect, useState } from "react";
import { asProblem, isAbort, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";
import type { CampaignFields, FileStats } from "@/lib/ui/delivery-types";
import { goLiveHint, uninvited } from "@/lib/ui/delivery";
import { formatAbsolute, formatRelative } from "@/lib/ui/format";
import { DownloadsChart } from "../charts/downloads-chart";
import { fileStats, sendInvitations } from "../files/file-api";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { MailIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { RecipientStatus, RecipientTimeline } from "./recipient-status";

/**
 * Who got the file: every allowlisted person (and domain visitor seen) with how far they
 * got, invitations and nudges, and downloads per day. Read from `…/stats`.
 */
export function DeliveryPanel({ handle, file }: { handle: string; file: FileItem & CampaignFields }) {
  const [stats, setStats] = useState<FileStats | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [sendProblem, setSendProblem] = useState<ApiProblem | null>(null);
  const [sending, setSending] = useState<string | null>(null); // "all" or one email
  const [attempt, setAttempt] = useState(0);
  const toast = useToast();

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    fileStats(handle, file, controller.signal)
      .then(setStats)
      .catch((e) => !isAbort(e) && setProblem(asProblem(e)));
    return () => controller.abort();
  }, [handle, file, attempt]);

  async function invite(emails: string[] | undefined, key: string) {
    setSending(key);
    setSendProblem(null);
    try {
      const { sent } = await sendInvitations(handle, file, emails,
        emails?.length === 1 ? `Resending the invitation to ${emails[0]}` : `Sending invitations for ${file.fileName}`);
      toast(sent === 1 ? (emails?.length === 1 ? `Invitation sent to ${emails[0]}` : "1 invitation sent") : `${sent} invitations sent`);
      setAttempt((a) => a + 1);
    } catch (e) {
      setSendProblem(asProblem(e));
    } finally {
      setSending(null);
    }
  }

  if (problem) return <ProblemAlert problem={problem} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!stats) return <div className="py-6"><Spinner label="Loading delivery…" /></div>;

  const allowlist = file.accessMode === "EMAIL_ALLOWLIST";
  const notInvited = uninvited(stats.recipients);
  const embargo = goLiveHint(file.availableFrom);
  const embargoed = Boolean(file.availableFrom && Date.parse(file.availableFrom) > Date.now());
  const figures = [
    { label: "Downloads", value: String(stats.downloads) },
    { label: allowlist ? "People" : "Visitors", value: String(stats.uniqueVisitors) },
    { label: "Last download", value: stats.lastDownloadedAt ? formatRelative(stats.lastDownloadedAt) : "Never", title: stats.lastDownloadedAt ? formatAbsolute(stats.lastDownloadedAt) : undefined },
  ];

  return (
    <div className="space-y-6" data-testid="delivery-panel">
      <dl className="grid grid-cols-3 gap-2">
        {figures.map((f) => (
          <div key={f.label} className="rounded-xl border border-slate-200 px-3 py-2">
            <dt className="text-xs font-medium text-slate-600">{f.label}</dt>
            <dd className="mt-0.5 break-words text-base font-semibold sm:text-lg tabular-nums text-slate-900" title={f.title} data-testid={`delivery-${f.label.toLowerCase().replace(/ /g, "-")}`}>{f.value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="delivery-chart-heading">
        <h3 id="delivery-chart-heading" className="mb-2 text-sm font-semibold text-slate-900">Downloads, last 30 days</h3>
        <DownloadsChart byDay={stats.byDay} caption={`Downloads of ${file.fileName}, last 30 days`} testId="file-downloads-chart" />
      </section>

      <section aria-labelledby="delivery-recipients-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h3 id="delivery-recipients-heading" className="text-sm font-semibold text-slate-900">Recipients</h3>
          {allowlist && notInvited.length > 0 && (
            <Button size="sm" disabled={sending !== null} onClick={() => invite(notInvited, "all")}>
              <MailIcon className="h-3.5 w-3.5" />
              {sending === "all" ? "Sending…" : `Send invitations (${notInvited.length})`}
            </Button>
          )}
          {allowlist && stats.recipients.length > 0 && notInvited.length === 0 && (
            <p className="flex items-center gap-1.5 text-xs text-slate-600" data-testid="everyone-invited"><MailIcon className="h-3.5 w-3.5" /> Everyone on the list is invited</p>
          )}
        </div>
        {embargoed && allowlist && (
          <p className="mb-2 rounded-lg bg-violet-50 px-3 py-2 text-xs text-violet-800">{embargo}. Invitations can go out now; they state when it opens.</p>
        )}
        {sendProblem && <ProblemAlert className="mb-3" problem={sendProblem} onDismiss={() => setSendProblem(null)} />}
        {!allowlist ? (
          <p className="rounded-lg bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
            Anyone with the link can download this file, so there is no list of recipients. Switch it to “Only people you list” to invite people and see who downloaded.
          </p>
        ) : stats.recipients.length === 0 ? (
          <p className="rounded-lg bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">
            Nobody yet: the list has only domains, and nobody from them has asked for a link.
          </p>
        ) : (
          <ul aria-label={`Recipients of ${file.fileName}`} className="divide-y divide-slate-100 rounded-xl border border-slate-200">
            {stats.recipients.map((r) => (
              <li key={r.email} data-testid="recipient-row" data-email={r.email} className="flex flex-col gap-2 px-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0 space-y-1">
                  <p className="truncate text-sm font-medium text-slate-900" title={r.email}>{r.email}</p>
                  <RecipientStatus recipient={r} />
                  <p><RecipientTimeline recipient={r} /></p>
                </div>
                <Button size="sm" variant="secondary" disabled={sending !== null} className="self-start sm:self-center"
                  onClick={() => invite([r.email], r.email)}>
                  {sending === r.email ? "Sending…" : r.invitedAt ? "Resend" : "Send"} <span className="sr-only">invitation to {r.email}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
