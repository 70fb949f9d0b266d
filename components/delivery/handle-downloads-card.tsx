"use client";

import { useEffect, useState } from "react";
import { asProblem, isAbort, type ApiProblem } from "@/lib/ui/api";
import type { HandleStats } from "@/lib/ui/delivery-types";
import { DownloadsChart } from "../charts/downloads-chart";
import { TopFilesChart } from "../charts/top-files-chart";
import { handleStats } from "../files/file-api";
import { ProblemAlert } from "../support/problem-alert";
import { Card } from "../ui/card";
import { DownloadIcon } from "../ui/icons";

/** The Files page's campaign view: the handle's downloads per day and its top files, 30 days. */
export function HandleDownloadsCard({ handle, refreshKey }: { handle: string; refreshKey: number }) {
  const [stats, setStats] = useState<HandleStats | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    handleStats(handle, controller.signal)
      .then(setStats)
      .catch((e) => !isAbort(e) && setProblem(asProblem(e)));
    return () => controller.abort();
  }, [handle, refreshKey, attempt]);

  return (
    <Card className="mb-6" title="Downloads, last 30 days"
      description={stats ? `${stats.downloads} ${stats.downloads === 1 ? "download" : "downloads"} across ${handle}'s files` : "Across all files of this handle"}>
      <div data-testid="handle-downloads">
        {problem ? (
          <ProblemAlert problem={problem} onRetry={() => setAttempt((a) => a + 1)} />
        ) : !stats ? (
          <div role="status" aria-label="Loading downloads" className="h-48 animate-pulse rounded-xl bg-slate-100" />
        ) : stats.downloads === 0 ? (
          <div className="flex items-center gap-3 rounded-xl bg-slate-50 px-4 py-6 text-sm text-slate-600">
            <span className="grid h-10 w-10 shrink-0 place-items-center rounded-xl bg-white text-brand-600 ring-1 ring-slate-200"><DownloadIcon className="h-5 w-5" /></span>
            No downloads in the last 30 days. When partners download your files, the days and the most popular files show up here.
          </div>
        ) : (
          <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <DownloadsChart byDay={stats.byDay} caption={`Downloads of ${handle}'s files, last 30 days`} testId="handle-downloads-chart" />
            <div className="min-w-0">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">Top files</h3>
              <TopFilesChart topFiles={stats.topFiles} caption="Most downloaded files, last 30 days" />
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
