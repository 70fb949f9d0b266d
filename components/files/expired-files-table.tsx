"use client";

import type { FileItem } from "@/lib/ui/api-types";
import { formatAbsolute, formatBytes, formatRelative } from "@/lib/ui/format";
import { Button } from "../ui/button";
import { FileIcon, TrashIcon } from "../ui/icons";

const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/** Expired files still inside the grace window: their link answers 410 until extended. */
export function ExpiredFilesTable({ files, onExtend, onDelete, extending }: {
  files: FileItem[]; onExtend: (file: FileItem, days: number) => void; onDelete: (file: FileItem) => void; extending: string | null;
}) {
  return (
    <table className="w-full table-fixed text-sm">
      <caption className="sr-only">Expired files that can still be recovered</caption>
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th scope="col" className={`${th} pl-4 sm:pl-6`}>Name</th>
          <th scope="col" className={`${th} hidden w-24 md:table-cell`}>Size</th>
          <th scope="col" className={`${th} hidden w-56 md:table-cell`}>Expired</th>
          <th scope="col" className={`${th} w-[11rem] pr-4 text-right sm:w-[14rem] sm:pr-6`}><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {files.map((file) => (
          <tr key={file.id} data-testid="expired-row" data-file-id={file.id}>
            <td className="py-3 pl-4 pr-3 sm:pl-6">
              <div className="flex min-w-0 items-center gap-3">
                <span className="hidden h-9 w-9 shrink-0 place-items-center rounded-lg bg-red-50 text-red-400 sm:grid"><FileIcon className="h-4 w-4" /></span>
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900" title={file.fileName}>{file.fileName}</p>
                  <p className="truncate text-xs text-slate-500 md:hidden">{formatBytes(file.sizeBytes)} · expired {formatRelative(file.expiresAt!)}</p>
                </div>
              </div>
            </td>
            <td className="hidden px-3 py-3 tabular-nums text-slate-600 md:table-cell">{formatBytes(file.sizeBytes)}</td>
            <td className="hidden px-3 py-3 md:table-cell">
              <span className="block font-medium text-red-700">Expired {formatRelative(file.expiresAt!)}</span>
              <span className="block text-xs text-slate-500">{formatAbsolute(file.expiresAt!)}</span>
            </td>
            <td className="py-3 pl-3 pr-4 sm:pr-6">
              <div className="flex justify-end gap-1.5">
                <Button size="sm" disabled={extending === file.id} onClick={() => onExtend(file, 30)}
                  aria-label={`Extend 30 days: ${file.fileName}`}>
                  {extending === file.id ? "Extending…" : "Extend 30 days"}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => onDelete(file)} aria-label={`Delete ${file.fileName}`} className="!px-2 text-slate-400 hover:!text-red-600">
                  <TrashIcon className="h-4 w-4" />
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
