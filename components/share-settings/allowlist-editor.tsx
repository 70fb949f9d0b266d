"use client";

import { useState } from "react";
import { MAX_ALLOWED_EMAILS, allowlistProblem, parseAddresses } from "@/lib/ui/form-checks";
import { CloseIcon } from "../ui/icons";
import { bareInputClass } from "../ui/field";

interface AllowlistEditorProps {
  id: string;
  label?: string;
  value: string[];
  onChange: (emails: string[]) => void;
  disabled?: boolean;
  /** Shown under the list, e.g. the API's answer to the last save. */
  error?: string | null;
  max?: number;
}

/**
 * Paste many addresses at once: valid ones become chips (canonicalised exactly like the
 * API does), anything that is not an address stays in the box and is listed as invalid.
 */
export function AllowlistEditor({ id, label = "Allowed emails", value, onChange, disabled, error, max = MAX_ALLOWED_EMAILS }: AllowlistEditorProps) {
  const [draft, setDraft] = useState("");
  const [invalid, setInvalid] = useState<string[]>([]);

  function commit(text: string) {
    const { valid, invalid: bad } = parseAddresses(text);
    if (valid.length) onChange([...new Set([...value, ...valid])]);
    setInvalid(bad);
    setDraft(bad.join("\n"));
  }

  const listProblem = value.length > max ? allowlistProblem(value) : null;
  const overLimit = value.length > max;
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
        <span data-testid="allowlist-count" className={`text-xs tabular-nums ${overLimit ? "font-semibold text-red-600" : "text-slate-500"}`}>
          {value.length} / {max}
        </span>
      </div>
      <div className={`rounded-xl bg-white shadow-sm ring-1 ring-inset ${overLimit || error ? "ring-red-400" : "ring-slate-300"} focus-within:ring-2 focus-within:ring-brand-500`}>
        {value.length > 0 && (
          <ul aria-label="Allowed addresses" className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto border-b border-slate-100 p-2">
            {value.map((email) => (
              <li key={email} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-700">
                <span className="max-w-[14rem] truncate">{email}</span>
                <button type="button" disabled={disabled} aria-label={`Remove ${email}`}
                  onClick={() => onChange(value.filter((e) => e !== email))}
                  className="rounded-full p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700">
                  <CloseIcon className="h-3 w-3" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <textarea
          id={id} rows={2} disabled={disabled} value={draft}
          placeholder="Paste or type addresses — separate with commas or new lines, press Enter to add"
          aria-invalid={invalid.length > 0 || overLimit || !!error ? true : undefined}
          aria-describedby={`${id}-status`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft.trim() && commit(draft)}
          onPaste={(e) => {
            e.preventDefault();
            commit(`${draft}\n${e.clipboardData.getData("text")}`);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              commit(draft);
            }
          }}
          className={bareInputClass}
        />
      </div>
      <div id={`${id}-status`} className="mt-1.5 space-y-1 text-xs">
        {invalid.length > 0 && (
          <p className="font-medium text-red-600" data-testid="invalid-addresses">
            {invalid.length === 1 ? "Not an email address" : `${invalid.length} entries are not email addresses`}: {invalid.slice(0, 5).join(", ")}
            {invalid.length > 5 ? "…" : ""}
          </p>
        )}
        {listProblem && <p className="font-medium text-red-600">{listProblem}</p>}
        {error && <p className="font-medium text-red-600">{error}</p>}
        {!invalid.length && !listProblem && !error && (
          <p className="text-slate-500">Up to {max} addresses. They are matched case-insensitively.</p>
        )}
        {value.length > 1 && !disabled && (
          <button type="button" onClick={() => onChange([])} className="font-medium text-slate-500 underline hover:text-slate-800">
            Remove all
          </button>
        )}
      </div>
    </div>
  );
}
