"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { AccessMode, FileItem } from "@/lib/ui/api-types";
import type { CampaignFields } from "@/lib/ui/delivery-types";
import { allowlistProblem, allowlistRequiredProblem } from "@/lib/ui/form-checks";
import { AccessModePicker } from "../share-settings/access-mode-picker";
import { AllowlistEditor } from "../share-settings/allowlist-editor";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { patchFile } from "./file-api";

// The API's answers about the list itself are shown under the list, in its words.
const LIST_CODES = new Set(["invalid_email", "invalid_domain", "too_many_allowed_emails", "allowed_emails_required", "policy_too_permissive"]);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Edit access mode and allowlist (people and whole domains) in place (PATCH); the API re-checks with the same schema. */
export function SharingForm({ handle, file, onSaved }: { handle: string; file: FileItem & CampaignFields; onSaved: (file: FileItem) => void }) {
  const [mode, setMode] = useState<AccessMode>(file.accessMode);
  const [emails, setEmails] = useState<string[]>(file.allowedEmails);
  const [domains, setDomains] = useState<string[]>(file.allowedDomains ?? []);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const notify = useToast();

  const savedDomains = file.allowedDomains ?? [];
  const dirty = mode !== file.accessMode
    || (mode === "EMAIL_ALLOWLIST" && (emails.join() !== file.allowedEmails.join() || domains.join() !== savedDomains.join()));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const local = mode === "EMAIL_ALLOWLIST"
      ? (emails.length + domains.length === 0 ? allowlistRequiredProblem(mode, []) : null) ?? allowlistProblem(emails)
      : null;
    setError(local);
    if (local) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = await patchFile(handle, file,
        mode === "EMAIL_ALLOWLIST" ? { accessMode: mode, allowedEmails: emails, ...(domains.length || savedDomains.length ? { allowedDomains: domains } : {}) } : { accessMode: mode },
        `Changing who can download ${file.fileName}`) as FileItem & CampaignFields;
      onSaved(saved);
      const savedDomainCount = saved.allowedDomains?.length ?? 0;
      notify(mode === "PUBLIC"
        ? "Anyone with the link can download now"
        : `Shared with ${plural(saved.allowedEmails.length, "address", "addresses")}${savedDomainCount ? ` and ${plural(savedDomainCount, "domain", "domains")}` : ""}`);
    } catch (e) {
      const p = asProblem(e);
      if (LIST_CODES.has(p.code)) setError(p.detail);
      else setProblem(p);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={save} className="space-y-4">
      <AccessModePicker name={`access-${file.id}`} value={mode} onChange={setMode} disabled={saving} />
      {mode === "EMAIL_ALLOWLIST" && (
        <AllowlistEditor id={`allowlist-${file.id}`} label="Who can download" value={emails} onChange={(v) => { setEmails(v); setError(null); }}
          domains={domains} onDomainsChange={(v) => { setDomains(v); setError(null); }} disabled={saving} error={error} />
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
