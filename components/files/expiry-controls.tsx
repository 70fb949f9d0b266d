"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";
import { DAY_MS, extendedExpiry, formatAbsolute, fromLocalInput, toLocalInput } from "@/lib/ui/format";
import { expiryProblem } from "@/lib/ui/form-checks";
import { DateTimeInput } from "../ui/date-time-input";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";
import { ExpiryText } from "./file-cells";
import { patchFile } from "./file-api";

const in30Days = () => new Date(Date.now() + 30 * DAY_MS).toISOString();

const QUICK = [7, 30, 90];

/** Extend a campaign in one click (+7/+30/+90 days from the current expiry), pick a date, or remove it. */
export function ExpiryControls({ handle, file, onSaved }: { handle: string; file: FileItem; onSaved: (file: FileItem) => void }) {
  const [custom, setCustom] = useState(toLocalInput(file.expiresAt ?? in30Days()));
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useToast();

  async function apply(expiresAt: string | null, action: string) {
    if (expiresAt) {
      const local = expiryProblem(expiresAt);
      setError(local);
      if (local) return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await patchFile(handle, file, { expiresAt }, action);
      onSaved(saved);
      setCustom(toLocalInput(saved.expiresAt ?? in30Days()));
      notify(saved.expiresAt ? `Now expires ${formatAbsolute(saved.expiresAt)}` : "Expiry removed");
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="text-sm">
          <p className="mb-0.5 text-xs font-medium uppercase tracking-wide text-slate-500">Expires</p>
          <div data-testid="current-expiry"><ExpiryText expiresAt={file.expiresAt} /></div>
        </div>
        <div className="flex flex-wrap gap-1.5" role="group" aria-label="Extend expiry">
          {QUICK.map((days) => (
            <Button key={days} size="sm" variant="secondary" disabled={busy}
              onClick={() => apply(extendedExpiry(file.expiresAt, days), `Extending ${file.fileName} by ${days} days`)}>
              +{days} days
            </Button>
          ))}
        </div>
      </div>
      <form className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          const iso = fromLocalInput(custom);
          if (!iso) return setError("Pick a date and time.");
          void apply(iso, `Setting the expiry of ${file.fileName}`);
        }}>
        <div className="flex-1">
          <DateTimeInput id={`expiry-${file.id}`} label="Expiry date" value={custom} onChange={setCustom} invalid={Boolean(error)} />
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary" disabled={busy || !custom}>Set date</Button>
          {file.expiresAt && (
            <Button variant="ghost" disabled={busy} onClick={() => apply(null, `Removing the expiry of ${file.fileName}`)}>Never expire</Button>
          )}
        </div>
      </form>
      {error && <p className="text-xs font-medium text-red-600">{error}</p>}
      {problem && <ProblemAlert problem={problem} onDismiss={() => setProblem(null)} />}
    </div>
  );
}
