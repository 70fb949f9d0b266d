"use client";

import { useEffect, useRef, useState } from "react";
import { api, handlePath } from "@/lib/ui/api";
import { formatAbsolute, formatBytes } from "@/lib/ui/format";
import { forgetPendingUpload, isSameFile, listPendingUploads, type PendingUpload } from "@/lib/ui/pending-uploads";
import { Button } from "../ui/button";

/**
 * Uploads left unfinished before this page was loaded (a reload, a closed tab): pick the
 * same file again to send only its missing parts, or discard the upload.
 */
export function ResumeUploads({ handle, onResume }: { handle: string; onResume: (pending: PendingUpload, file: File) => void }) {
  const [unfinished, setUnfinished] = useState<PendingUpload[]>([]);
  const [problem, setProblem] = useState<{ fileId: string; message: string } | null>(null);
  const picking = useRef<PendingUpload | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // Read once after mounting (localStorage is browser-only): what this page starts itself is in the queue.
  useEffect(() => setUnfinished(listPendingUploads(handle)), [handle]);
  if (unfinished.length === 0) return null;

  const drop = (fileId: string) => setUnfinished((list) => list.filter((p) => p.fileId !== fileId));

  function pick(pending: PendingUpload) {
    picking.current = pending;
    setProblem(null);
    input.current?.click();
  }

  function picked(files: FileList | null) {
    const pending = picking.current;
    const file = files?.[0];
    if (input.current) input.current.value = "";
    if (!pending || !file) return;
    if (!isSameFile(pending, file)) {
      setProblem({
        fileId: pending.fileId,
        message: `That is not the same file. Pick ${pending.name} (${formatBytes(pending.size)}, last changed ${formatAbsolute(new Date(pending.lastModified))}).`,
      });
      return;
    }
    drop(pending.fileId);
    onResume(pending, file);
  }

  async function discard(pending: PendingUpload) {
    drop(pending.fileId);
    forgetPendingUpload(handle, pending.fileId);
    await api(handlePath(handle, "files", pending.fileId), { method: "DELETE" }).catch(() => undefined); // the sweeper removes it otherwise
  }

  return (
    <section aria-labelledby="unfinished-uploads" className="rounded-xl border border-amber-200 bg-amber-50/60 p-4">
      <h3 id="unfinished-uploads" className="text-sm font-semibold text-slate-900">Unfinished uploads</h3>
      <p className="mt-0.5 text-xs text-slate-600">Pick the same file again to send only what is missing.</p>
      <input ref={input} type="file" className="hidden" aria-hidden tabIndex={-1} data-testid="resume-input" onChange={(e) => picked(e.target.files)} />
      <ul className="mt-3 divide-y divide-amber-100">
        {unfinished.map((pending) => (
          <li key={pending.fileId} data-testid="unfinished-upload" className="py-2">
            <div className="flex items-center gap-3">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900" title={pending.name}>{pending.name}</p>
                <p className="text-xs text-slate-600">{formatBytes(pending.size)} · started {formatAbsolute(pending.startedAt)}</p>
              </div>
              <Button size="sm" onClick={() => pick(pending)} aria-label={`Resume upload of ${pending.name}`}>Resume</Button>
              <Button size="sm" variant="ghost" onClick={() => void discard(pending)} aria-label={`Discard upload of ${pending.name}`}>Discard</Button>
            </div>
            {problem?.fileId === pending.fileId && <p role="alert" className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-xs font-medium text-red-700">{problem.message}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
