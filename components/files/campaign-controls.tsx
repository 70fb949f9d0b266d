"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";
import { availableFromProblem, maxDownloadsProblem, parseMaxDownloads } from "@/lib/ui/campaign-checks";
import type { CampaignFields } from "@/lib/ui/delivery-types";
import { fromLocalInput, toLocalInput } from "@/lib/ui/format";
import { EmbargoField } from "../share-settings/embargo-field";
import { NotifyToggle, MaxDownloadsField } from "../share-settings/limit-fields";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { patchFile } from "./file-api";

type CampaignFile = FileItem & CampaignFields;

/** Launch time (embargo), a download limit and "email me on download", saved together by PATCH. */
export function CampaignControls({ handle, file, onSaved }: { handle: string; file: CampaignFile; onSaved: (file: FileItem) => void }) {
  const [embargo, setEmbargo] = useState(toLocalInput(file.availableFrom ?? null));
  const [limit, setLimit] = useState(file.maxDownloads ? String(file.maxDownloads) : "");
  const [notify, setNotify] = useState(Boolean(file.notifyOnDownload));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const availableFrom = fromLocalInput(embargo);
  const embargoError = availableFromProblem(availableFrom, file.expiresAt);
  const limitError = maxDownloadsProblem(limit);
  const dirty = availableFrom !== (file.availableFrom ?? null)
    || parseMaxDownloads(limit) !== (file.maxDownloads ?? null)
    || notify !== Boolean(file.notifyOnDownload);
  const embargoed = Boolean(file.availableFrom && Date.parse(file.availableFrom) > Date.now());

  async function save(patch: { availableFrom: string | null; maxDownloads: number | null; notifyOnDownload: boolean }, message: (f: CampaignFile) => string) {
    setBusy(true);
    setProblem(null);
    try {
      const saved = await patchFile(handle, file, patch, `Saving launch and limits of ${file.fileName}`) as CampaignFile;
      onSaved(saved);
      setEmbargo(toLocalInput(saved.availableFrom ?? null));
      toast(message(saved));
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="space-y-4" onSubmit={(e) => {
      e.preventDefault();
      if (embargoError || limitError) return;
      void save({ availableFrom, maxDownloads: parseMaxDownloads(limit), notifyOnDownload: notify },
        (f) => f.availableFrom && Date.parse(f.availableFrom) > Date.now() ? "Launch scheduled" : "Launch and limits saved");
    }}>
      <EmbargoField id={`embargo-${file.id}`} value={embargo} onChange={setEmbargo} disabled={busy} error={embargoError} />
      {embargoed && (
        <Button size="sm" variant="secondary" disabled={busy}
          onClick={() => save({ availableFrom: null, maxDownloads: file.maxDownloads ?? null, notifyOnDownload: Boolean(file.notifyOnDownload) }, () => "Embargo lifted: the link works now")}>
          Go live now
        </Button>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <MaxDownloadsField id={`limit-${file.id}`} value={limit} onChange={setLimit} disabled={busy} error={limitError}
          perVisitor={file.accessMode === "EMAIL_ALLOWLIST"} />
        <NotifyToggle id={`notify-${file.id}`} checked={notify} onChange={setNotify} disabled={busy} />
      </div>
      {problem && <ProblemAlert problem={problem} onDismiss={() => setProblem(null)} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={!dirty || busy || Boolean(embargoError || limitError)}>{busy ? "Saving…" : "Save launch & limits"}</Button>
      </div>
    </form>
  );
}
