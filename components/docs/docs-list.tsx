"use client";

import { useState } from "react";
import type { FileItem } from "@/lib/ui/api-types";
import { formatBytes, formatRelative } from "@/lib/ui/format";
import { docsEdgeUrl } from "@/lib/ui/links";
import { DeleteFileDialog } from "../files/delete-file-dialog";
import { StatusBadge } from "../files/file-cells";
import { useFileList } from "../files/use-file-list";
import { ProblemAlert } from "../support/problem-alert";
import { UploadDialog } from "../upload/upload-dialog";
import { Button } from "../ui/button";
import { Card, EmptyState } from "../ui/card";
import { CopyButton } from "../ui/copy-button";
import { BookIcon, TrashIcon, UploadIcon } from "../ui/icons";
import { SkeletonRows } from "../ui/spinner";
import { useToast } from "../ui/toast";

/** Files published with a docsPath, each with its /_edge/docs URL. */
export function DocsList({ handle }: { handle: string }) {
  const list = useFileList(handle, "active");
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState<FileItem | null>(null);
  const notify = useToast();
  const docs = list.files?.filter((f) => f.docsPath).sort((a, b) => a.docsPath!.localeCompare(b.docsPath!)) ?? null;

  return (
    <Card title="Docs" description="Markdown renders as pages with navigation; other files download as they are."
      bodyClassName=""
      actions={<Button size="sm" onClick={() => setUploading(true)}><UploadIcon className="h-4 w-4" /> Upload docs</Button>}>
      {list.problem ? (
        <div className="p-4 sm:p-6"><ProblemAlert problem={list.problem} onRetry={list.reload} /></div>
      ) : !docs ? (
        <SkeletonRows rows={2} label="Loading docs" />
      ) : docs.length === 0 ? (
        <EmptyState icon={<BookIcon className="h-6 w-6" />} title="No docs yet">
          Upload brand guidelines or a partner handbook (Markdown works best).
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {docs.map((doc) => {
            const url = docsEdgeUrl(handle, doc.docsPath!);
            return (
              <li key={doc.id} data-testid="doc-row" className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:px-6">
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-2">
                    <span className="truncate font-mono text-sm font-medium text-slate-900">{doc.docsPath}</span>
                    {doc.status !== "ready" && <StatusBadge file={doc} />}
                  </p>
                  <a href={url} target="_blank" rel="noreferrer" className="block truncate text-xs text-brand-700 hover:underline">{url}</a>
                  <p className="text-xs text-slate-500">{formatBytes(doc.sizeBytes)} · updated {formatRelative(doc.updatedAt)}</p>
                </div>
                <div className="flex shrink-0 gap-1.5">
                  <CopyButton value={url} label={`Copy link for ${doc.docsPath}`} text="Copy link" toast="Docs link copied" />
                  <Button size="sm" variant="ghost" aria-label={`Delete ${doc.docsPath}`} onClick={() => setDeleting(doc)} className="!px-2 text-slate-400 hover:!text-red-600">
                    <TrashIcon className="h-4 w-4" />
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <UploadDialog kind="docs" handle={handle} open={uploading} onClose={() => setUploading(false)} onUploaded={list.replace} />
      <DeleteFileDialog handle={handle} file={deleting} onClose={() => setDeleting(null)}
        onDeleted={(file) => { list.drop(file.id); setDeleting(null); notify(`${file.docsPath} deleted`); }} />
    </Card>
  );
}
