"use client";

import { useEffect, useState } from "react";
import { asProblem, isAbort, type ApiProblem } from "@/lib/ui/api";
import type { AuditEventItem, FileItem } from "@/lib/ui/api-types";
import { formatAbsolute, formatRelative } from "@/lib/ui/format";
import { ProblemAlert } from "../support/problem-alert";
import { ActivityIcon, DownloadIcon, MailIcon, SettingsIcon, TrashIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { describeEvent, type EventTone } from "./event-sentence";
import { fileEvents } from "./file-api";

const TONE: Record<EventTone, { className: string; Icon: typeof ActivityIcon }> = {
  download: { className: "bg-emerald-50 text-emerald-600", Icon: DownloadIcon },
  access: { className: "bg-violet-50 text-violet-600", Icon: MailIcon },
  change: { className: "bg-brand-50 text-brand-600", Icon: SettingsIcon },
  neutral: { className: "bg-slate-100 text-slate-500", Icon: ActivityIcon },
  danger: { className: "bg-red-50 text-red-600", Icon: TrashIcon },
};

/** The file's audit trail: who downloaded it and when, link requests, changes. */
export function FileActivity({ handle, file }: { handle: string; file: FileItem }) {
  const [events, setEvents] = useState<AuditEventItem[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    fileEvents(handle, file, controller.signal)
      .then((result) => setEvents(result.events))
      .catch((e) => !isAbort(e) && setProblem(asProblem(e)));
    return () => controller.abort();
  }, [handle, file, attempt]);

  if (problem) return <ProblemAlert problem={problem} onRetry={() => setAttempt((a) => a + 1)} />;
  if (!events) return <div className="py-6"><Spinner label="Loading activity…" /></div>;
  const downloads = events.filter((e) => e.action === "file.downloaded").length;
  return (
    <div>
      <p className="mb-3 text-sm text-slate-600">
        <span className="font-semibold text-slate-900">{downloads}</span> {downloads === 1 ? "download" : "downloads"} · {events.length} events
      </p>
      {events.length === 0 ? (
        <p className="rounded-lg bg-slate-50 px-3 py-6 text-center text-sm text-slate-500">No activity yet.</p>
      ) : (
        <ol aria-label={`Activity for ${file.fileName}`} className="relative space-y-4 before:absolute before:bottom-2 before:left-4 before:top-2 before:w-px before:bg-slate-200">
          {events.map((event) => {
            const { text, tone } = describeEvent(event);
            const { className, Icon } = TONE[tone];
            return (
              <li key={event.id} data-testid="activity-item" className="relative flex gap-3">
                <span className={`relative grid h-8 w-8 shrink-0 place-items-center rounded-full ring-4 ring-white ${className}`}>
                  <Icon className="h-4 w-4" />
                </span>
                <div className="min-w-0 pt-1">
                  <p className="break-words text-sm text-slate-800">{text}</p>
                  <time dateTime={event.createdAt} title={formatAbsolute(event.createdAt)} className="text-xs text-slate-500">
                    {formatRelative(event.createdAt)} · {formatAbsolute(event.createdAt)}
                  </time>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
