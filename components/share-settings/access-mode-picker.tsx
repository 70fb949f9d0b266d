"use client";

import type { AccessMode } from "@/lib/ui/api-types";
import { GlobeIcon, LockIcon } from "../ui/icons";

const OPTIONS: { mode: AccessMode; title: string; text: string; Icon: typeof GlobeIcon }[] = [
  { mode: "PUBLIC", title: "Anyone with the link", text: "No sign-in needed to download.", Icon: GlobeIcon },
  { mode: "EMAIL_ALLOWLIST", title: "Only people you list", text: "Visitors confirm their email with a one-time link.", Icon: LockIcon },
];

/** PUBLIC vs EMAIL_ALLOWLIST as two radio cards (native radios: arrow keys work). */
export function AccessModePicker({ name, value, onChange, disabled }: {
  name: string; value: AccessMode; onChange: (mode: AccessMode) => void; disabled?: boolean;
}) {
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">Access</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {OPTIONS.map(({ mode, title, text, Icon }) => (
          <label key={mode}
            className="relative flex cursor-pointer gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm transition has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/60 has-[:checked]:ring-1 has-[:checked]:ring-brand-500 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500">
            <input type="radio" name={name} value={mode} checked={value === mode} onChange={() => onChange(mode)}
              className="sr-only" />
            <span className="mt-0.5 grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-slate-100 text-slate-600">
              <Icon className="h-4 w-4" />
            </span>
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
