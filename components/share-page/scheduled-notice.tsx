import { buttonClass } from "../ui/button";
import { ClockIcon } from "../ui/icons";
import { FileSummaryHeader } from "./file-summary-header";
import { ShareCard } from "./share-shell";
import { OpensAt } from "./opens-at";

/** An embargoed file's page: what it is, when it opens, and that nothing is needed until then. */
export function ScheduledNotice({ fileId, fileName, sizeBytes, handle, expiresAt, availableFrom }: {
  fileId: string; fileName: string; sizeBytes?: number; handle?: string; expiresAt?: string | null; availableFrom: string | null;
}) {
  return (
    <ShareCard>
      <FileSummaryHeader fileName={fileName} sizeBytes={sizeBytes} handle={handle} expiresAt={expiresAt} />
      <div className="px-6 py-8 text-center sm:px-8" data-testid="share-scheduled">
        <div className="mx-auto mb-4 grid h-12 w-12 place-items-center rounded-2xl bg-violet-100 text-violet-700"><ClockIcon className="h-6 w-6" /></div>
        <h2 className="text-lg font-semibold text-slate-900">Not available yet</h2>
        <p className="mt-2 text-sm leading-relaxed text-slate-600">
          {availableFrom ? <>This file opens on <OpensAt iso={availableFrom} />.</> : "This file opens later."}{" "}
          Come back then: this same link will work.
        </p>
        <p className="mt-5"><a href={`/share/${encodeURIComponent(fileId)}`} className={buttonClass("secondary")}>Check again</a></p>
      </div>
    </ShareCard>
  );
}
