"use client";

import type { FileItem } from "@/lib/ui/api-types";
import { expiryState, formatBytes, formatRelative } from "@/lib/ui/format";
import { Button } from "../ui/button";
import { FileIcon } from "../ui/icons";
import { AccessBadge, CreatedText, EmbargoBadge, ExpiryText, StatusBadge } from "./file-cells";
import { FileRowActions } from "./file-row-actions";

interface FilesTableProps {
  files: FileItem[];
  onManage: (file: FileItem) => void;
  onDelete: (file: FileItem) => void;
  onExtend: (file: FileItem, days: number) => void;
  extending: string | null;
}

const th = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/**
 * One table for every width: on a phone the secondary columns fold into a line under the
 * name, so nothing is rendered twice for screen readers.
 */
export function FilesTable({ files, onManage, onDelete, onExtend, extending }: FilesTableProps) {
  const now = new Date();
  return (
    <table className="w-full table-fixed text-sm">
      <caption className="sr-only">Files, newest first</caption>
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th scope="col" className={`${th} pl-4 sm:pl-6`}>Name</th>
          <th scope="col" className={`${th} hidden w-20 lg:table-cell`}>Size</th>
          <th scope="col" className={`${th} hidden w-32 md:table-cell`}>Access</th>
          <th scope="col" className={`${th} hidden w-48 md:table-cell`}>Expires</th>
          <th scope="col" className={`${th} hidden w-32 lg:table-cell`}>Status</th>
          <th scope="col" className={`${th} hidden w-28 xl:table-cell`}>Created</th>
          <th scope="col" className={`${th} w-[9.5rem] pr-4 text-right sm:pr-6 xl:w-[14.5rem]`}><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {files.map((file) => {
          const soon = expiryState(file.expiresAt, now) === "soon";
          return (
            <tr key={file.id} data-testid="file-row" data-file-id={file.id} className={soon ? "bg-amber-50/40" : "hover:bg-slate-50/60"}>
              <td className="py-3 pl-4 pr-3 sm:pl-6">
                <div className="flex min-w-0 items-center gap-3">
                  <span className="hidden h-9 w-9 shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-500 sm:grid">
                    <FileIcon className="h-4 w-4" />
                  </span>
                  <div className="min-w-0">
                    <button type="button" onClick={() => onManage(file)} title={file.fileName}
                      className="block max-w-full truncate text-left font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {file.fileName}
                    </button>
                    <p className="truncate text-xs text-slate-500 lg:hidden">
                      {formatBytes(file.sizeBytes)}
                      <span className="md:hidden"> · {file.accessMode === "PUBLIC" ? "Public" : `Allowlist (${file.allowedEmails.length})`}
                        {file.expiresAt ? ` · expires ${formatRelative(file.expiresAt, now)}` : ""}
                        {file.availableFrom && Date.parse(file.availableFrom) > now.getTime() ? ` · goes live ${formatRelative(file.availableFrom, now)}` : ""}</span>
                      {file.status !== "ready" && " · upload pending"}
                    </p>
                    <p className="hidden truncate text-xs text-slate-500 lg:block" title={file.contentType}>{file.contentType}</p>
                    {soon && (
                      <p className="mt-1 md:hidden">
                        <Button size="sm" variant="secondary" disabled={extending === file.id}
                          onClick={() => onExtend(file, 30)} aria-label={`+30 days for ${file.fileName}`}>+30 days</Button>
                      </p>
                    )}
                  </div>
                </div>
              </td>
              <td className="hidden px-3 py-3 tabular-nums text-slate-600 lg:table-cell">{formatBytes(file.sizeBytes)}</td>
              <td className="hidden px-3 py-3 md:table-cell"><AccessBadge file={file} /></td>
              <td className="hidden px-3 py-3 md:table-cell">
                <ExpiryText expiresAt={file.expiresAt} now={now} />
                {soon && (
                  <Button size="sm" variant="secondary" className="mt-1.5" disabled={extending === file.id}
                    onClick={() => onExtend(file, 30)} aria-label={`+30 days for ${file.fileName}`}>+30 days</Button>
                )}
              </td>
              <td className="hidden px-3 py-3 lg:table-cell"><span className="flex flex-col items-start gap-1"><StatusBadge file={file} /><EmbargoBadge file={file} now={now} /></span></td>
              <td className="hidden px-3 py-3 xl:table-cell"><CreatedText createdAt={file.createdAt} /></td>
              <td className="py-3 pl-3 pr-4 sm:pr-6">
                <FileRowActions file={file} onManage={() => onManage(file)} onDelete={() => onDelete(file)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
