"use client";

import { useState } from "react";
import { canonicalDomain, splitAddresses } from "@/lib/ui/form-checks";
import { CloseIcon } from "../ui/icons";
import { bareInputClass } from "../ui/field";

/** Whole mail domains (partner.com): anyone with an address there may ask for a docs link. */
export function DomainListEditor({ id, value, onChange }: { id: string; value: string[]; onChange: (domains: string[]) => void }) {
  const [draft, setDraft] = useState("");
  const [invalid, setInvalid] = useState<string[]>([]);

  function commit(text: string) {
    const valid: string[] = [];
    const bad: string[] = [];
    for (const raw of splitAddresses(text)) {
      const domain = canonicalDomain(raw);
      if (domain) valid.push(domain);
      else bad.push(raw);
    }
    if (valid.length) onChange([...new Set([...value, ...valid])]);
    setInvalid(bad);
    setDraft(bad.join(" "));
  }

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">Allowed domains</label>
      <div className="rounded-xl bg-white shadow-sm ring-1 ring-inset ring-slate-300 focus-within:ring-2 focus-within:ring-brand-500">
        {value.length > 0 && (
          <ul aria-label="Allowed domains" className="flex flex-wrap gap-1.5 border-b border-slate-100 p-2">
            {value.map((domain) => (
              <li key={domain} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-700">
                @{domain}
                <button type="button" aria-label={`Remove ${domain}`} onClick={() => onChange(value.filter((d) => d !== domain))}
                  className="rounded-full p-0.5 text-slate-400 hover:bg-slate-200 hover:text-slate-700">
                  <CloseIcon className="h-3 w-3" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input id={id} value={draft} placeholder="partner.com, agency.co — press Enter to add"
          aria-invalid={invalid.length ? true : undefined} aria-describedby={`${id}-status`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => draft.trim() && commit(draft)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit(draft);
            }
          }}
          className={bareInputClass} />
      </div>
      <p id={`${id}-status`} className={`mt-1.5 text-xs ${invalid.length ? "font-medium text-red-600" : "text-slate-500"}`}>
        {invalid.length ? `Not a domain: ${invalid.join(", ")}` : "Everyone with an address at these domains may request access."}
      </p>
    </div>
  );
}
