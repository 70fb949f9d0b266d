"use client";

import { inputClass } from "../ui/field";

/** A download limit: empty means unlimited. For allowlists it counts people, not clicks. */
export function MaxDownloadsField({ id, value, onChange, disabled, error, perVisitor }: {
  id: string; value: string; onChange: (text: string) => void; disabled?: boolean; error?: string | null; perVisitor?: boolean;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">Download limit <span className="font-normal text-slate-500">(optional)</span></label>
      <input id={id} type="number" inputMode="numeric" min={1} max={1_000_000} step={1} value={value} disabled={disabled}
        placeholder="Unlimited" onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint`} className={`${inputClass} sm:w-40`} />
      <p id={`${id}-hint`} className={`mt-1.5 text-xs ${error ? "font-medium text-red-600" : "text-slate-600"}`}>
        {error ?? (perVisitor
          ? "Counts people: each may download again; the next new person past the limit is refused."
          : "Counts every download; after that the link answers “limit reached”.")}
      </p>
    </div>
  );
}

/** "Email me when someone downloads it": one mail per visitor (per day for public links). */
export function NotifyToggle({ id, checked, onChange, disabled }: {
  id: string; checked: boolean; onChange: (on: boolean) => void; disabled?: boolean;
}) {
  return (
    <div className="flex items-start gap-3 sm:pt-7">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-hint`} className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-500" />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">Email me on download</label>
        <p id={`${id}-hint`} className="text-xs text-slate-600">One email the first time each person downloads it (once a day for public links).</p>
      </div>
    </div>
  );
}
