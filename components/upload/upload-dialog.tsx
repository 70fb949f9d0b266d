"use client";

import { useState } from "react";
import type { AccessMode, FileItem } from "@/lib/ui/api-types";
import { allowlistProblem, allowlistRequiredProblem, docsPathProblem } from "@/lib/ui/form-checks";
import { shareLinkFor } from "@/lib/ui/links";
import { AccessModePicker } from "../share-settings/access-mode-picker";
import { AllowlistEditor } from "../share-settings/allowlist-editor";
import { availableFromProblem, maxDownloadsProblem, parseMaxDownloads } from "@/lib/ui/campaign-checks";
import { goLiveHint } from "@/lib/ui/delivery";
import { fromLocalInput } from "@/lib/ui/format";
import { ChevronDownIcon } from "../ui/icons";
import { EmbargoField } from "../share-settings/embargo-field";
import { MaxDownloadsField, NotifyToggle } from "../share-settings/limit-fields";
import { ExpiryPicker, expiryChoiceProblem, expiryIso, type ExpiryChoice } from "../share-settings/expiry-picker";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { Modal } from "../ui/modal";
import { FileDropzone } from "./file-dropzone";
import { ResumeUploads } from "./resume-uploads";
import { useMaxFileBytes } from "./upload-limits";
import { UploadItemRow } from "./upload-item-row";
import { useUploadQueue, type QueueItem } from "./use-upload-queue";

interface UploadDialogProps {
  handle: string;
  open: boolean;
  onClose: () => void;
  onUploaded: (file: FileItem) => void;
  /** "docs": files become internal docs under a folder; the docs policy decides access. */
  kind?: "files" | "docs";
}

const docsPathOf = (folder: string, name: string) => (folder ? `${folder.replace(/^\/+|\/+$/g, "")}/${name}` : name);

/**
 * Stays mounted while closed so uploads keep running in the background; reopening shows
 * their progress. Settings apply to the files queued when "Upload" is pressed.
 */
export function UploadDialog({ handle, open, onClose, onUploaded, kind = "files" }: UploadDialogProps) {
  const queue = useUploadQueue(handle, onUploaded, useMaxFileBytes());
  const [accessMode, setAccessMode] = useState<AccessMode>("PUBLIC");
  const [emails, setEmails] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>({ kind: "never" });
  const [domains, setDomains] = useState<string[]>([]);
  const [embargo, setEmbargo] = useState(""); // datetime-local, "" = live at once
  const [limit, setLimit] = useState("");
  const [notify, setNotify] = useState(false);
  const [launchOpen, setLaunchOpen] = useState(false);
  const [folder, setFolder] = useState("");
  const [settingsError, setSettingsError] = useState<string | null>(null);

  const queued = queue.items.filter((item) => item.state.phase === "queued");
  // Settings belong to the next batch: hide them once everything queued has been sent.
  const showSettings = queued.length > 0 || queue.items.length === 0;
  const allDone = queue.items.length > 0 && queue.items.every((i) => ["done", "invalid", "canceled"].includes(i.state.phase));

  function startUpload() {
    const problem =
      kind === "docs"
        ? queued.map((item) => docsPathProblem(docsPathOf(folder, item.file.name))).find(Boolean) ?? null
        : (accessMode === "EMAIL_ALLOWLIST" ? (emails.length + domains.length === 0 ? allowlistRequiredProblem(accessMode, []) : null) ?? allowlistProblem(emails) : null) ??
          expiryChoiceProblem(expiry) ?? availableFromProblem(fromLocalInput(embargo), expiryIso(expiry)) ?? maxDownloadsProblem(limit);
    setSettingsError(problem);
    if (problem) return;
    queue.start({
      accessMode: kind === "docs" ? "PUBLIC" : accessMode,
      allowedEmails: emails,
      expiresAt: kind === "docs" ? null : expiryIso(expiry),
      ...(kind === "docs" ? {} : {
        allowedDomains: domains, availableFrom: fromLocalInput(embargo), maxDownloads: parseMaxDownloads(limit), notifyOnDownload: notify,
      }),
      docsPathFor: kind === "docs" ? (name) => docsPathOf(folder, name) : undefined,
    });
    // Each batch starts from the defaults: a one-off date (often below the fold) must not
    // silently carry over to the next files someone drops in.
    setAccessMode("PUBLIC");
    setEmails([]);
    setExpiry({ kind: "never" });
    setDomains([]);
    setEmbargo("");
    setLimit("");
    setNotify(false);
    setLaunchOpen(false);
  }

  const linkFor = (item: QueueItem & { state: { phase: "done" } }) => shareLinkFor(item.state.file);

  const close = () => {
    if (allDone) queue.clearFinished();
    onClose();
  };

  return (
    <Modal open={open} onClose={close} size="lg"
      title={kind === "docs" ? "Upload internal docs" : "Upload files"}
      description={kind === "docs"
        ? "Docs are served at /_edge/docs under your handle, to whoever the docs policy allows."
        : "Share brand files publicly or with a list of people. Links can expire."}
      footer={
        <>
          <Button variant="secondary" onClick={close}>{queue.busy ? "Hide (keeps uploading)" : allDone ? "Done" : "Cancel"}</Button>
          {showSettings && (
            <Button onClick={startUpload} disabled={queued.length === 0}>
              {queued.length > 1 ? `Upload ${queued.length} files` : "Upload"}
            </Button>
          )}
        </>
      }
    >
      <div className="space-y-5">
        <ResumeUploads handle={handle} onResume={queue.resumeUpload} />
        <FileDropzone onFiles={queue.add} compact={queue.items.length > 0} />

        {queue.items.length > 0 && (
          <section aria-label="Upload queue">
            <div className="flex items-center justify-between">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {queue.items.length} {queue.items.length === 1 ? "file" : "files"}
              </h3>
              {allDone && <button type="button" onClick={queue.clearFinished} className="text-xs font-medium text-slate-500 underline">Clear list</button>}
            </div>
            <ul className="divide-y divide-slate-100">
              {queue.items.map((item) => (
                <UploadItemRow key={item.key} item={item} linkFor={linkFor}
                  onCancel={() => queue.cancel(item.key)} onRetry={() => queue.retry(item.key)} onRemove={() => queue.remove(item.key)} />
              ))}
            </ul>
          </section>
        )}

        {!showSettings ? null : kind === "docs" ? (
          <Field id="docs-folder" label="Folder (optional)" hint={`Each file is published at ${docsPathOf(folder, "<file name>")}.`}>
            <input id="docs-folder" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="brand"
              className={inputClass} aria-describedby="docs-folder-hint" />
          </Field>
        ) : (
          <div className="space-y-5 rounded-xl border border-slate-200 p-4">
            <AccessModePicker name="upload-access" value={accessMode} onChange={setAccessMode} />
            {accessMode === "EMAIL_ALLOWLIST" && (
              <AllowlistEditor id="upload-allowlist" label="Who can download" value={emails} onChange={setEmails}
                domains={domains} onDomainsChange={setDomains} />
            )}
            <ExpiryPicker id="upload-expiry" value={expiry} onChange={setExpiry} />
            <div>
              <button type="button" aria-expanded={launchOpen} onClick={() => setLaunchOpen((o) => !o)}
                className="flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-800">
                <ChevronDownIcon className={`h-4 w-4 transition-transform ${launchOpen ? "rotate-180" : ""}`} />
                Launch time, download limit, notifications
              </button>
              {!launchOpen && (embargo || limit || notify) && (
                <p className="mt-1 text-xs text-slate-600" data-testid="launch-summary">
                  {[goLiveHint(fromLocalInput(embargo)), limit ? `limit ${limit}` : null, notify ? "email on download" : null].filter(Boolean).join(" · ")}
                </p>
              )}
              {launchOpen && (
                <div id="upload-launch" className="mt-3 space-y-4">
                  <EmbargoField id="upload-embargo" value={embargo} onChange={setEmbargo}
                    error={availableFromProblem(fromLocalInput(embargo), expiryIso(expiry))} />
                  <div className="grid gap-4 sm:grid-cols-2">
                    <MaxDownloadsField id="upload-limit" value={limit} onChange={setLimit} error={maxDownloadsProblem(limit)}
                      perVisitor={accessMode === "EMAIL_ALLOWLIST"} />
                    <NotifyToggle id="upload-notify" checked={notify} onChange={setNotify} />
                  </div>
                </div>
              )}
            </div>
          </div>
        )}
        {settingsError && <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-700">{settingsError}</p>}
      </div>
    </Modal>
  );
}
