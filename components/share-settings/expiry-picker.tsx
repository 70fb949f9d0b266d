"use client";

import { DAY_MS, fromLocalInput, toLocalInput } from "@/lib/ui/format";
import { expiryProblem } from "@/lib/ui/form-checks";
import { DateTimeInput } from "../ui/date-time-input";
import { inputClass } from "../ui/field";

export type ExpiryChoice = { kind: "never" } | { kind: "days"; days: number } | { kind: "date"; local: string };

const PRESETS = [7, 30, 90];

/** The ISO instant a choice means right now (presets count from the moment of submit). */
export function expiryIso(choice: ExpiryChoice, now = new Date()): string | null {
  if (choice.kind === "never") return null;
  if (choice.kind === "days") return new Date(now.getTime() + choice.days * DAY_MS).toISOString();
  return fromLocalInput(choice.local);
}

/** The API's own message when the chosen instant is not acceptable, else null. */
export function expiryChoiceProblem(choice: ExpiryChoice): string | null {
  if (choice.kind === "never") return null;
  const iso = expiryIso(choice);
  return iso ? expiryProblem(iso) : "Pick a date and time.";
}

export function ExpiryPicker({ id, value, onChange, disabled }: {
  id: string; value: ExpiryChoice; onChange: (choice: ExpiryChoice) => void; disabled?: boolean;
}) {
  const selectValue = value.kind === "days" ? String(value.days) : value.kind;
  const problem = value.kind === "date" && value.local ? expiryChoiceProblem(value) : null;
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">Expires</label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <select id={id} disabled={disabled} value={selectValue}
          onChange={(e) => {
            const v = e.target.value;
            if (v === "never") onChange({ kind: "never" });
            else if (v === "date") onChange({ kind: "date", local: toLocalInput(new Date(Date.now() + 30 * DAY_MS).toISOString()) });
            else onChange({ kind: "days", days: Number(v) });
          }}
          className={`${inputClass} sm:w-48`}>
          <option value="never">Never</option>
          {PRESETS.map((days) => <option key={days} value={days}>In {days} days</option>)}
          <option value="date">On a date…</option>
        </select>
      </div>
      {value.kind === "date" && (
        <div className="mt-3">
          <DateTimeInput id={`${id}-date`} label="Expiry date" disabled={disabled} value={value.local}
            invalid={Boolean(problem)} onChange={(local) => onChange({ kind: "date", local })} />
        </div>
      )}
      {problem
        ? <p className="mt-1.5 text-xs font-medium text-red-600">{problem}</p>
        : <p className="mt-1.5 text-xs text-slate-500">After expiry the link stops working; for a few days you can still extend it without re-uploading.</p>}
    </div>
  );
}
