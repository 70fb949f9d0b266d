"use client";

import { useCallback, useRef, useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";
import { extendedExpiry, formatAbsolute } from "@/lib/ui/format";
import { ProblemAlert } from "../support/problem-alert";
import { UploadDialog } from "../upload/upload-dialog";
import { Button } from "../ui/button";
import { EmptyState, PageHeader } from "../ui/card";
import { ClockIcon, RefreshIcon, UploadIcon } from "../ui/icons";
import { SkeletonRows } from "../ui/spinner";
import { Tabs } from "../ui/tabs";
import { useToast } from "../ui/toast";
import { DeleteFileDialog } from "./delete-file-dialog";
import { ExpiredFilesTable } from "./expired-files-table";
import { patchFile } from "./file-api";
import { HandleDownloadsCard } from "../delivery/handle-downloads-card";
import { FilesStats } from "./files-stats";
import { FilesTable } from "./files-table";
import { ManageFileDialog } from "./manage-file-dialog";
import { useFileList, type FileListView } from "./use-file-list";

/** The Files section: table, upload, manage, delete, and the "expired — recoverable" view. */
export function FilesView({ handle }: { handle: string }) {
  const [view, setView] = useState<FileListView>("active");
  const list = useFileList(handle, view);
  const [uploadOpen, setUploadOpen] = useState(false);
  const [managingId, setManagingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FileItem | null>(null);
  const [extending, setExtending] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [actionProblem, setActionProblem] = useState<ApiProblem | null>(null);
  const notify = useToast();

  // Internal docs live in their own section; this table is for shared files.
  const files = list.files?.filter((f) => !f.docsPath) ?? null;
  const managing = files?.find((f) => f.id === managingId) ?? null;

  // Uploads finish in the background, maybe after the view changed: read the view then.
  const viewRef = useRef(view);
  viewRef.current = view;
  const { replace } = list;
  const onUploaded = useCallback((file: FileItem) => {
    if (viewRef.current === "active" && !file.docsPath) replace(file);
  }, [replace]);

  async function extend(file: FileItem, days: number) {
    setExtending(file.id);
    setActionProblem(null);
    try {
      const saved = await patchFile(handle, file, { expiresAt: extendedExpiry(file.expiresAt, days) }, `Extending ${file.fileName} by ${days} days`);
      if (view === "expired") {
        list.drop(file.id); // revived: it is an active file again, same link
        notify(`${file.fileName} is back online until ${formatAbsolute(saved.expiresAt!)}`);
      } else {
        list.replace(saved);
        notify(`${file.fileName} now expires ${formatAbsolute(saved.expiresAt!)}`);
      }
    } catch (e) {
      setActionProblem(asProblem(e));
    } finally {
      setExtending(null);
    }
  }

  return (
    <>
      <PageHeader title="Files"
        description="Brand files you share by link. Public links work for anyone; allowlisted files ask visitors to confirm their email."
        actions={<Button onClick={() => setUploadOpen(true)}><UploadIcon className="h-4 w-4" /> Upload files</Button>} />

      {view === "active" && files && files.length > 0 && <FilesStats files={files} />}
      {view === "active" && files && files.length > 0 && <HandleDownloadsCard handle={handle} refreshKey={refreshKey} />}

      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <Tabs<FileListView> label="Which files" value={view} onChange={(v) => { setView(v); setActionProblem(null); }}
          tabs={[{ id: "active", label: "Active" }, { id: "expired", label: <>Expired — recoverable</> }]} />
        <Button variant="ghost" size="sm" onClick={() => { list.reload(); setRefreshKey((k) => k + 1); }} aria-label="Refresh the list"><RefreshIcon className="h-4 w-4" /> Refresh</Button>
      </div>

      {actionProblem && <ProblemAlert className="mb-4" problem={actionProblem} onDismiss={() => setActionProblem(null)} />}

      <div role="tabpanel" aria-label={view === "active" ? "Active files" : "Expired files"}
        className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
        {view === "expired" && (
          <p className="flex gap-2 border-b border-slate-100 bg-amber-50/60 px-4 py-3 text-sm text-amber-900 sm:px-6">
            <ClockIcon className="mt-0.5 h-4 w-4 shrink-0" />
            These files expired recently. Their links answer “expired”, but the content is kept for a few days:
            extend one to bring the same link back, with no re-upload.
          </p>
        )}
        {list.problem ? (
          <div className="p-4 sm:p-6"><ProblemAlert problem={list.problem} onRetry={list.reload} /></div>
        ) : !files ? (
          <SkeletonRows label="Loading files" />
        ) : files.length === 0 ? (
          view === "active" ? (
            <EmptyState icon={<UploadIcon className="h-6 w-6" />} level={2} title="No files yet"
              action={<Button onClick={() => setUploadOpen(true)}><UploadIcon className="h-4 w-4" /> Upload your first file</Button>}>
              Upload a press kit, a campaign video or a price list, then share its link with partners.
            </EmptyState>
          ) : (
            <EmptyState icon={<ClockIcon className="h-6 w-6" />} level={2} title="Nothing to recover">
              Files that expire stay recoverable here for a few days.
            </EmptyState>
          )
        ) : view === "active" ? (
          <FilesTable files={files} onManage={(f) => setManagingId(f.id)} onDelete={setDeleting} onExtend={extend} extending={extending} />
        ) : (
          <ExpiredFilesTable files={files} onExtend={extend} onDelete={setDeleting} extending={extending} />
        )}
      </div>

      <UploadDialog handle={handle} open={uploadOpen} onClose={() => setUploadOpen(false)} onUploaded={onUploaded} />
      <ManageFileDialog handle={handle} file={managing} onClose={() => setManagingId(null)}
        onSaved={list.replace} onDelete={setDeleting} />
      <DeleteFileDialog handle={handle} file={deleting} onClose={() => setDeleting(null)}
        onDeleted={(file) => {
          list.drop(file.id);
          setDeleting(null);
          if (managingId === file.id) setManagingId(null);
          notify(`${file.fileName} deleted`);
        }} />
    </>
  );
}
