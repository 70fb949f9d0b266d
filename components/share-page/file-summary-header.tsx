import { formatBytes, formatDate } from "@/lib/ui/format";
import { FileIcon } from "../ui/icons";

/** The top of a share card: what the file is, who shares it, until when. */
export function FileSummaryHeader({ fileName, sizeBytes, handle, expiresAt }: {
  fileName: string; sizeBytes?: number; handle?: string; expiresAt?: string | null;
}) {
  return (
    <div className="border-b border-slate-100 bg-slate-50/60 px-6 py-6 sm:px-8">
      <div className="flex items-center gap-4">
        <span className="grid h-12 w-12 shrink-0 place-items-center rounded-xl bg-white text-brand-600 shadow-sm ring-1 ring-slate-200">
          <FileIcon className="h-6 w-6" />
        </span>
        <div className="min-w-0">
          <h1 className="break-words text-lg font-semibold leading-snug text-slate-900">{fileName}</h1>
          <p className="mt-0.5 text-sm text-slate-500">
            {[sizeBytes !== undefined ? formatBytes(sizeBytes) : null, handle ? `from ${handle}` : null].filter(Boolean).join(" · ")}
          </p>
        </div>
      </div>
      {expiresAt && <p className="mt-4 text-xs text-slate-500">Available until {formatDate(expiresAt)}</p>}
    </div>
  );
}
