"use client";

import { useState } from "react";
import { publicMailDomains, sortEntries } from "@/lib/ui/allowlist-entries";
import { MAX_ALLOWED_EMAILS, allowlistProblem } from "@/lib/ui/form-checks";
import { Badge } from "../ui/badge";
import { CloseIcon, UsersIcon } from "../ui/icons";
import { bareInputClass } from "../ui/field";

interface AllowlistEditorProps {
  id: string;
  label?: string;
  value: string[];
  onChange: (emails: string[]) => void;
  /** Whole domains ("partner.com"); the editor accepts them only when onDomainsChange is given. */
  domains?: string[];
  onDomainsChange?: (domains: string[]) => void;
  disabled?: boolean;
  /** Shown under the list, e.g. the API's answer to the last save. */
  error?: string | null;
  max?: number;
}

const MAX_DOMAINS = 50;

/**
 * Paste many addresses at once: valid ones become chips (canonicalised exactly like the
 * API does), anything that is not an address stays in the box and is listed as invalid.
 * With domains on, "partner.com" or "@partner.com" becomes a domain chip: everyone there.
 */
export function AllowlistEditor({
  id, label = "Allowed emails", value, onChange, domains = [], onDomainsChange, disabled, error, max = MAX_ALLOWED_EMAILS,
}: AllowlistEditorProps) {
  const [draft, setDraft] = useState("");
  const [invalid, setInvalid] = useState<string[]>([]);
  const acceptDomains = Boolean(onDomainsChange);

  function commit(text: string) {
    const sorted = sortEntries(text, acceptDomains);
    if (sorted.emails.length) onChange([...new Set([...value, ...sorted.emails])]);
    if (sorted.domains.length) onDomainsChange?.([...new Set([...domains, ...sorted.domains])]);
    setInvalid(sorted.invalid);
    setDraft(sorted.invalid.join("\n"));
  }

  const entries = value.length + domains.length;
  const overLimit = entries > max;
  const listProblem = overLimit
    ? (acceptDomains ? `At most ${max} addresses and domains in all (got ${entries}).` : allowlistProblem(value))
    : domains.length > MAX_DOMAINS ? `At most ${MAX_DOMAINS} domains (got ${domains.length}).` : null;
  const tooOpen = publicMailDomains(domains);
  const hasProblem = Boolean(listProblem || error || tooOpen.length);
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">{label}</label>
        <span data-testid="allowlist-count" className={`text-xs tabular-nums ${overLimit ? "font-semibold text-red-600" : "text-slate-500"}`}>
          {entries} / {max}
        </span>
      </div>
      <div className={`rounded-xl bg-white shadow-sm ring-1 ring-inset ${hasProblem ? "ring-red-400" : "ring-slate-300"} focus-within:ring-2 focus-within:ring-brand-500`}>
        {entries > 0 && (
          <ul aria-label="Allowed addresses and domains" className="flex max-h-40 flex-wrap gap-1.5 overflow-y-auto border-b border-slate-100 p-2">
            {domains.map((domain) => (
              <li key={`@${domain}`} data-testid="domain-chip"
                className={`flex items-center gap-1 rounded-full py-0.5 pl-1 pr-1 text-xs ${isTooOpen(tooOpen, domain) ? "bg-red-50 text-red-800 ring-1 ring-inset ring-red-300" : "bg-violet-50 text-violet-800 ring-1 ring-inset ring-violet-200"}`}>
                <Badge tone={isTooOpen(tooOpen, domain) ? "red" : "violet"} className="!px-1.5 !py-0 !ring-0">
                  <UsersIcon className="h-3 w-3" /> Domain
                </Badge>
                <span className="max-w-[14rem] truncate font-medium">@{domain}</span>
                <button type="button" disabled={disabled} aria-label={`Remove domain ${domain}`}
                  onClick={() => onDomainsChange?.(domains.filter((d) => d !== domain))}
                  className="rounded-full p-0.5 text-violet-500 hover:bg-violet-100 hover:text-violet-800">
                  <CloseIcon className="h-3 w-3" />
                </button>
              </li>
            ))}
            {value.map((email) => (
              <li key={email} className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pl-2.5 pr-1 text-xs text-slate-700">
                <span className="max-w-[14rem] truncate">{email}</span>
                <button type="button" disabled={disabled} aria-label={`Remove ${email}`}
                  onClick={() => onChange(value.filter((e) => e !== email))}
                  className="rounded-full p-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-700">
                  <CloseIcon className="h-3 w-3" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <textarea
          id={id} rows={2} disabled={disabled} value={draft}
          placeholder={acceptDomains
            ? "jane@partner.com, or partner.com for everyone there — commas or new lines, Enter to add"
            : "Paste or type addresses — separate with commas or new lines, press Enter to add"}
          aria-invalid={invalid.length > 0 || hasProblem ? true : undefined}
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
            {invalid.length === 1 ? `Not an email address${acceptDomains ? " or a domain" : ""}` : `${invalid.length} entries are not email addresses${acceptDomains ? " or domains" : ""}`}: {invalid.slice(0, 5).join(", ")}
            {invalid.length > 5 ? "…" : ""}
          </p>
        )}
        {tooOpen.length > 0 && !error && (
          <p className="font-medium text-red-600" data-testid="too-open-domains">
            {tooOpen.map((d) => `@${d}`).join(", ")}: anyone can open a mailbox there, so it would let everyone in. Add the people by address instead.
          </p>
        )}
        {listProblem && <p className="font-medium text-red-600">{listProblem}</p>}
        {error && <p className="font-medium text-red-600" data-testid="allowlist-error">{error}</p>}
        {!invalid.length && !hasProblem && (
          <p className="text-slate-600">
            {acceptDomains
              ? `Up to ${max} entries: people by address, or a whole domain (exactly partner.com, not its subdomains). Matched case-insensitively.`
              : `Up to ${max} addresses. They are matched case-insensitively.`}
          </p>
        )}
        {entries > 1 && !disabled && (
          <button type="button" onClick={() => { onChange([]); onDomainsChange?.([]); }} className="font-medium text-slate-600 underline hover:text-slate-800">
            Remove all
          </button>
        )}
      </div>
    </div>
  );
}

const isTooOpen = (tooOpen: string[], domain: string) => tooOpen.includes(domain);
