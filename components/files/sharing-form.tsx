"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { AccessMode, FileItem } from "@/lib/ui/api-types";
import { allowlistProblem, allowlistRequiredProblem } from "@/lib/ui/form-checks";
import { AccessModePicker } from "../share-settings/access-mode-picker";
import { AllowlistEditor } from "../share-settings/allowlist-editor";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { patchFile } from "./file-api";

/** Edit access mode and allowlist in place (PATCH); the API re-checks with the same schema. */
export function SharingForm({ handle, file, onSaved }: { handle: string; file: FileItem; onSaved: (file: FileItem) => void }) {
  const [mode, setMode] = useState<AccessMode>(file.accessMode);
  const [emails, setEmails] = useState<string[]>(file.allowedEmails);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const notify = useToast();

  const dirty = mode !== file.accessMode || (mode === "EMAIL_ALLOWLIST" && emails.join() !== file.allowedEmails.join());

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const local = mode === "EMAIL_ALLOWLIST" ? allowlistRequiredProblem(mode, emails) ?? allowlistProblem(emails) : null;
    setError(local);
    if (local) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = await patchFile(handle, file,
        mode === "EMAIL_ALLOWLIST" ? { accessMode: mode, allowedEmails: emails } : { accessMode: mode },
        `Changing who can download ${file.fileName}`);
      onSaved(saved);
      notify(mode === "PUBLIC" ? "Anyone with the link can download now" : `Shared with ${saved.allowedEmails.length} ${saved.allowedEmails.length === 1 ? "address" : "addresses"}`);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} className="space-y-4">
      <AccessModePicker name={`access-${file.id}`} value={mode} onChange={setMode} disabled={saving} />
      {mode === "EMAIL_ALLOWLIST" && (
        <AllowlistEditor id={`allowlist-${file.id}`} label="Who can download" value={emails} onChange={setEmails} disabled={saving} error={error} />
      )}
      {mode === "PUBLIC" && file.accessMode === "EMAIL_ALLOWLIST" && (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-800">Anyone with the link will be able to download, without confirming an email.</p>
      )}
      {problem && <ProblemAlert problem={problem} onDismiss={() => setProblem(null)} />}
      <div className="flex justify-end">
        <Button type="submit" disabled={!dirty || saving}>{saving ? "Saving…" : "Save access"}</Button>
      </div>
    </form>
  );
}
