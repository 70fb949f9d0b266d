"use client";

import type { DocsMode } from "@/lib/ui/api-types";

const MODES: { mode: DocsMode; title: string; text: string }[] = [
  { mode: "PRIVATE", title: "Private", text: "Only admins and owners of this handle." },
  { mode: "MEMBERS", title: "Members", text: "Anyone on the team, in the browser or with a read token." },
  { mode: "EMAIL_ALLOWLIST", title: "Members + allowlist", text: "Also people and domains you list, after an email check." },
  { mode: "PUBLIC", title: "Public", text: "Anyone with the link, inside the time window." },
];

export function DocsModePicker({ value, onChange }: { value: DocsMode; onChange: (mode: DocsMode) => void }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Who can read the docs</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {MODES.map(({ mode, title, text }) => (
          <label key={mode}
            className="flex cursor-pointer gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm transition has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/60 has-[:checked]:ring-1 has-[:checked]:ring-brand-500 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 has-[:disabled]:cursor-default">
            <input type="radio" name="docs-mode" value={mode} checked={value === mode} onChange={() => onChange(mode)}
              className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600" />
            <span>
              <span className="block text-sm font-semibold text-slate-900">{title}</span>
              <span className="block text-xs text-slate-500">{text}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
