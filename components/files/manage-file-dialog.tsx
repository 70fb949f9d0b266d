"use client";

import { useState } from "react";
import type { FileItem } from "@/lib/ui/api-types";
import type { CampaignFields } from "@/lib/ui/delivery-types";
import { formatBytes, formatAbsolute } from "@/lib/ui/format";
import { shareLinkFor } from "@/lib/ui/links";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { Modal } from "../ui/modal";
import { Tabs } from "../ui/tabs";
import { DeliveryPanel } from "../delivery/delivery-panel";
import { CampaignControls } from "./campaign-controls";
import { ExpiryControls } from "./expiry-controls";
import { AccessBadge, EmbargoBadge, StatusBadge } from "./file-cells";
import { FileActivity } from "./file-activity";
import { SharingForm } from "./sharing-form";

type Tab = "sharing" | "delivery" | "activity";

/** One file's settings: its link, who can download, expiry, and the activity trail. */
export function ManageFileDialog({ handle, file, onClose, onSaved, onDelete }: {
  handle: string; file: (FileItem & CampaignFields) | null; onClose: () => void; onSaved: (file: FileItem) => void; onDelete: (file: FileItem) => void;
}) {
  const [tab, setTab] = useState<Tab>("sharing");
  const link = file ? shareLinkFor(file) : "";
  return (
    <Modal open={file !== null} onClose={() => { setTab("sharing"); onClose(); }} size="lg"
      title={file?.fileName ?? "File"}
      description={file && (
        <span className="flex flex-wrap items-center gap-2">
          <span>{formatBytes(file.sizeBytes)} · uploaded {formatAbsolute(file.createdAt)}</span>
          <AccessBadge file={file} /> <StatusBadge file={file} /> <EmbargoBadge file={file} />
        </span>
      )}
    >
      {file && (
        <div className="space-y-6">
          <div>
            <label htmlFor="manage-link" className="mb-1.5 block text-sm font-medium text-slate-800">
              {file.docsPath ? "Docs link" : "Public link"}
            </label>
            <div className="flex gap-2">
              <input id="manage-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()}
                className="block w-full min-w-0 rounded-lg border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-700 ring-1 ring-inset ring-slate-200" />
              {file.status === "ready" && <CopyButton value={link} label={`Copy link for ${file.fileName}`} text="Copy" size="md" toast="Link copied to clipboard" />}
            </div>
            {file.status !== "ready" && <p className="mt-1.5 text-xs text-amber-700">The upload has not finished: the link answers “upload incomplete” until it does.</p>}
          </div>

          <Tabs<Tab> label="File sections" value={tab} onChange={setTab}
            tabs={[{ id: "sharing", label: "Sharing & expiry" }, { id: "delivery", label: "Delivery" }, { id: "activity", label: "Activity" }]} />

          {tab === "sharing" ? (
            <div role="tabpanel" aria-label="Sharing and expiry" className="space-y-6">
              <section aria-labelledby="manage-expiry-heading" className="rounded-xl border border-slate-200 p-4">
                <h3 id="manage-expiry-heading" className="sr-only">Expiry settings</h3>
                <ExpiryControls key={file.expiresAt ?? "none"} handle={handle} file={file} onSaved={onSaved} />
              </section>
              <section aria-labelledby="manage-access-heading" className="rounded-xl border border-slate-200 p-4">
                <h3 id="manage-access-heading" className="sr-only">Access settings</h3>
                <SharingForm key={`${file.id}:${file.accessMode}:${file.allowedEmails.join(",")}:${(file.allowedDomains ?? []).join(",")}`} handle={handle} file={file} onSaved={onSaved} />
              </section>
              <section aria-labelledby="manage-launch-heading" className="rounded-xl border border-slate-200 p-4">
                <h3 id="manage-launch-heading" className="mb-3 text-sm font-semibold text-slate-900">Launch &amp; limits</h3>
                <CampaignControls key={`${file.id}:${file.availableFrom ?? ""}:${file.maxDownloads ?? ""}:${file.notifyOnDownload ?? ""}`} handle={handle} file={file} onSaved={onSaved} />
              </section>
              <section className="flex flex-col gap-3 rounded-xl border border-red-200 bg-red-50/40 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <h3 className="text-sm font-semibold text-red-900">Delete this file</h3>
                  <p className="text-xs text-red-800/80">The link stops working and the bytes are removed.</p>
                </div>
                <Button variant="danger" size="sm" onClick={() => onDelete(file)}>Delete file…</Button>
              </section>
            </div>
          ) : tab === "delivery" ? (
            <div role="tabpanel" aria-label="Delivery"><DeliveryPanel handle={handle} file={file} /></div>
          ) : (
            <div role="tabpanel" aria-label="Activity"><FileActivity handle={handle} file={file} /></div>
          )}
        </div>
      )}
    </Modal>
  );
}
