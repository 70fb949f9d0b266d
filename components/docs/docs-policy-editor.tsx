"use client";

import { useEffect, useState } from "react";
import { ApiProblem, api, asProblem, handlePath, isAbort } from "@/lib/ui/api";
import type { DocsMode, DocsPolicy } from "@/lib/ui/api-types";
import { formatAbsolute, formatRelative, fromLocalInput, toLocalInput } from "@/lib/ui/format";
import { AllowlistEditor } from "../share-settings/allowlist-editor";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { DateTimeInput } from "../ui/date-time-input";
import { AlertIcon } from "../ui/icons";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { DocsModePicker } from "./docs-mode-picker";
import { DomainListEditor } from "./domain-list-editor";

interface Draft {
  mode: DocsMode;
  allowedEmails: string[];
  allowedDomains: string[];
  confidential: boolean;
  startsAt: string; // datetime-local
  endsAt: string;
}

const toDraft = (p: DocsPolicy): Draft => ({
  mode: p.mode, allowedEmails: p.allowedEmails ?? [], allowedDomains: p.allowedDomains ?? [], confidential: p.confidential,
  startsAt: toLocalInput(p.startsAt), endsAt: toLocalInput(p.endsAt),
});

/** The API names fields and enum values; this form shows "Confidential" and "Members + allowlist". */
function inUiWords(problem: ApiProblem, mode: DocsMode): ApiProblem {
  if (problem.code !== "policy_too_permissive" || mode !== "PUBLIC") return problem;
  return new ApiProblem({
    ...problem, action: problem.action, method: problem.method, path: problem.path,
    detail: "Confidential docs can’t be public. Turn off “Confidential” first, or choose “Members + allowlist” and list who may read them.",
  });
}

/**
 * The internal-docs access policy. The server judges it: a too-permissive policy is a 422
 * with the reason, a broad-but-valid one comes back with warnings; both are shown here.
 */
export function DocsPolicyEditor({ handle, canEdit }: { handle: string; canEdit: boolean }) {
  const [policy, setPolicy] = useState<DocsPolicy | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [saveProblem, setSaveProblem] = useState<ApiProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const notify = useToast();
  const path = handlePath(handle, "internal-docs", "access");

  useEffect(() => {
    const controller = new AbortController();
    setLoadProblem(null);
    api<DocsPolicy>(path, { signal: controller.signal, action: "Loading the docs policy" })
      .then((p) => { setPolicy(p); setDraft(toDraft(p)); })
      .catch((e) => !isAbort(e) && setLoadProblem(asProblem(e)));
    return () => controller.abort();
  }, [path, attempt]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setSaveProblem(null);
    try {
      const saved = await api<DocsPolicy>(path, {
        method: "PUT",
        action: "Saving the docs policy",
        body: {
          mode: draft.mode, allowedEmails: draft.allowedEmails, allowedDomains: draft.allowedDomains, confidential: draft.confidential,
          startsAt: fromLocalInput(draft.startsAt), endsAt: fromLocalInput(draft.endsAt),
        },
      });
      setPolicy(saved);
      setDraft(toDraft(saved));
      notify(saved.warnings?.length ? "Policy saved, with warnings" : "Docs policy saved");
    } catch (e) {
      setSaveProblem(inUiWords(asProblem(e), draft.mode));
    } finally {
      setSaving(false);
    }
  }

  const meta = policy?.updatedAt
    ? `Version ${policy.version ?? 1} · updated ${formatRelative(policy.updatedAt)}${policy.updatedBy ? ` by ${policy.updatedBy}` : ""}`
    : "Default policy: members only, confidential.";

  return (
    <Card title="Access policy" description={meta}>
      {loadProblem ? (
        <ProblemAlert problem={loadProblem} onRetry={() => setAttempt((a) => a + 1)} />
      ) : !draft ? (
        <Spinner label="Loading policy…" />
      ) : (
        <form onSubmit={save} aria-label="Docs access policy">
          <fieldset disabled={!canEdit || saving} className="space-y-6">
            {!canEdit && (
              <p className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-600">Only admins and owners can change who reads the docs.</p>
            )}
            <DocsModePicker value={draft.mode} onChange={(m) => set("mode", m)} />

            {draft.mode === "EMAIL_ALLOWLIST" && (
              <div className="grid gap-5 lg:grid-cols-2">
                <AllowlistEditor id="docs-emails" label="Allowed people" value={draft.allowedEmails} onChange={(v) => set("allowedEmails", v)} />
                <DomainListEditor id="docs-domains" value={draft.allowedDomains} onChange={(v) => set("allowedDomains", v)} />
              </div>
            )}

            <div>
              <p className="mb-1.5 text-sm font-medium text-slate-800">Access window <span className="font-normal text-slate-500">(optional, for visitors)</span></p>
              <div className="grid gap-3 sm:grid-cols-2">
                <DateTimeInput id="docs-starts" label="Opens" optional value={draft.startsAt} onChange={(v) => set("startsAt", v)} />
                <DateTimeInput id="docs-ends" label="Closes" optional value={draft.endsAt} onChange={(v) => set("endsAt", v)} />
              </div>
            </div>

            <label className="flex cursor-pointer items-start justify-between gap-4 rounded-xl border border-slate-200 p-4">
              <span>
                <span className="block text-sm font-semibold text-slate-900">Confidential</span>
                <span className="block text-xs text-slate-500">Refuses public access and public mail domains such as gmail.com.</span>
              </span>
              <input type="checkbox" role="switch" aria-label="Confidential" checked={draft.confidential}
                onChange={(e) => set("confidential", e.target.checked)}
                className="relative mt-0.5 h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-200 transition before:absolute before:left-0.5 before:top-0.5 before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition before:content-[''] checked:bg-brand-600 checked:before:translate-x-5 disabled:cursor-default disabled:opacity-60" />
            </label>

            {policy?.warnings && policy.warnings.length > 0 && (
              <div role="status" data-testid="policy-warnings" className="rounded-xl border border-amber-200 bg-amber-50 p-4">
                <p className="flex items-center gap-2 text-sm font-semibold text-amber-900"><AlertIcon className="h-4 w-4" /> Saved, but check this</p>
                <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-amber-900">
                  {policy.warnings.map((w) => <li key={w.code}>{w.message}</li>)}
                </ul>
              </div>
            )}
            {saveProblem && <ProblemAlert problem={saveProblem} onDismiss={() => setSaveProblem(null)} />}

            {canEdit && (
              <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:items-center sm:justify-between">
                <p className="text-xs text-slate-500">{policy?.updatedAt ? `Last saved ${formatAbsolute(policy.updatedAt)}` : "Not saved yet"}</p>
                <div className="flex gap-2">
                  <Button variant="secondary" onClick={() => { if (policy) setDraft(toDraft(policy)); setSaveProblem(null); }}>Reset</Button>
                  <Button type="submit">{saving ? "Saving…" : "Save policy"}</Button>
                </div>
              </div>
            )}
          </fieldset>
        </form>
      )}
    </Card>
  );
}
