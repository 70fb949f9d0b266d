"use client";

import { formatBytes } from "@/lib/ui/format";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { CheckIcon, FileIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { ProgressBar } from "./progress-bar";
import type { QueueItem } from "./use-upload-queue";

interface RowProps {
  item: QueueItem;
  linkFor: (item: QueueItem & { state: { phase: "done" } }) => string;
  onCancel: () => void;
  onRetry: () => void;
  onRemove: () => void;
}

function StatusLine({ item }: { item: QueueItem }) {
  const s = item.state;
  switch (s.phase) {
    case "invalid": return <span className="font-medium text-red-600">{s.message}</span>;
    case "queued": return <span>Ready to upload</span>;
    case "waiting": return <span>Waiting…</span>;
    case "creating": return <span className="inline-flex items-center gap-1.5"><Spinner className="h-3 w-3" /> Preparing…</span>;
    case "uploading": return <span className="tabular-nums">{formatBytes(s.loaded)} of {formatBytes(s.total)} · {Math.round((s.loaded / Math.max(1, s.total)) * 100)}%</span>;
    case "finishing": return <span className="inline-flex items-center gap-1.5"><Spinner className="h-3 w-3" /> Checking the upload…</span>;
    case "done": return <span className="inline-flex items-center gap-1 font-medium text-emerald-700"><CheckIcon className="h-3.5 w-3.5" /> Uploaded</span>;
    case "failed": return <span className="font-medium text-red-600">Failed</span>;
    case "canceled": return <span className="text-slate-500">Canceled</span>;
  }
}

/** One queued file: name and size before upload, then progress, then the link or the error. */
export function UploadItemRow({ item, linkFor, onCancel, onRetry, onRemove }: RowProps) {
  const s = item.state;
  const active = s.phase === "creating" || s.phase === "uploading" || s.phase === "waiting" || s.phase === "finishing";
  return (
    <li data-testid="upload-item" className="py-3">
      <div className="flex items-start gap-3">
        <span className={`mt-0.5 grid h-9 w-9 shrink-0 place-items-center rounded-lg ${s.phase === "done" ? "bg-emerald-50 text-emerald-600" : s.phase === "invalid" || s.phase === "failed" ? "bg-red-50 text-red-500" : "bg-slate-100 text-slate-500"}`}>
          <FileIcon className="h-4 w-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline justify-between gap-3">
            <p className="truncate text-sm font-medium text-slate-900" title={item.file.name}>{item.file.name}</p>
            <span className="shrink-0 text-xs tabular-nums text-slate-500">{formatBytes(item.file.size)}</span>
          </div>
          <p className="mt-0.5 text-xs text-slate-500"><StatusLine item={item} /></p>
          {(s.phase === "uploading" || s.phase === "creating" || s.phase === "finishing") && (
            <div className="mt-2">
              <ProgressBar label={`Uploading ${item.file.name}`}
                loaded={s.phase === "uploading" ? s.loaded : s.phase === "finishing" ? 1 : 0}
                total={s.phase === "uploading" ? s.total : 1} />
            </div>
          )}
          {s.phase === "done" && (
            <div className="mt-2 flex items-center gap-2 rounded-lg bg-slate-50 px-2 py-1.5">
              <code data-testid="uploaded-url" className="min-w-0 flex-1 truncate font-mono text-xs text-slate-700">{linkFor({ ...item, state: s })}</code>
              <CopyButton value={linkFor({ ...item, state: s })} label={`Copy link for ${item.file.name}`} text="Copy link" toast="Link copied to clipboard" />
            </div>
          )}
          {s.phase === "failed" && <ProblemAlert className="mt-2" problem={s.problem} onRetry={onRetry} />}
        </div>
        <div className="flex shrink-0 gap-1">
          {active && <Button size="sm" variant="secondary" onClick={onCancel} aria-label={`Cancel upload of ${item.file.name}`}>Cancel</Button>}
          {s.phase === "canceled" && <Button size="sm" variant="secondary" onClick={onRetry} aria-label={`Retry upload of ${item.file.name}`}>Retry</Button>}
          {(s.phase === "queued" || s.phase === "invalid" || s.phase === "canceled" || s.phase === "failed") && (
            <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove ${item.file.name} from the queue`}>Remove</Button>
          )}
        </div>
      </div>
    </li>
  );
}
