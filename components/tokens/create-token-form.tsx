"use client";

import { useState } from "react";
import { api, handlePath } from "@/lib/ui/api";
import { useSubmit } from "@/lib/ui/use-submit";
import type { TokenItem } from "@/lib/ui/api-types";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";

type Scope = TokenItem["scopes"][number];
export type CreatedToken = TokenItem & { token: string };

const SCOPES: { scope: Scope; text: string }[] = [
  { scope: "files.read", text: "List files and read their details" },
  { scope: "files.write", text: "Upload, change and delete files" },
];
const LIFETIMES = [7, 30, 90, 180, 366];

/** Name, scopes and lifetime; the server validates all three and returns the secret once. */
export function CreateTokenForm({ handle, onCreated }: { handle: string; onCreated: (token: CreatedToken) => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["files.read"]);
  const [days, setDays] = useState(90);
  const { busy, problem, run, dismiss } = useSubmit();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    await run(async () => {
      const created = await api<CreatedToken>(handlePath(handle, "tokens"), {
        method: "POST", body: { name, scopes, expiresInDays: days }, action: `Creating the token '${name}'`,
      });
      onCreated(created);
      setName("");
    });
  }

  const toggle = (scope: Scope, on: boolean) => setScopes((list) => (on ? [...new Set([...list, scope])] : list.filter((s) => s !== scope)));
  return (
    <form onSubmit={submit} className="space-y-5">
      <Field id="token-name" label="Name" hint="What uses it, e.g. “CI release upload”.">
        <input id="token-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)}
          placeholder="CI release upload" aria-describedby="token-name-hint" className={inputClass} />
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Scopes</legend>
        <div className="space-y-2">
          {SCOPES.map(({ scope, text }) => (
            <label key={scope} className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5 has-[:checked]:border-brand-300 has-[:checked]:bg-brand-50/50">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)}
                className="mt-0.5 h-4 w-4 shrink-0 rounded accent-brand-600" />
              <span>
                <span className="block font-mono text-sm font-medium text-slate-900">{scope}</span>
                <span className="block text-xs text-slate-500">{text}</span>
              </span>
            </label>
          ))}
        </div>
        {scopes.length === 0 && <p className="mt-1.5 text-xs font-medium text-red-600">Pick at least one scope.</p>}
      </fieldset>
      <Field id="token-expiry" label="Expires after">
        <select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))} className={inputClass}>
          {LIFETIMES.map((d) => <option key={d} value={d}>{d} days{d === 90 ? " (default)" : d === 366 ? " (maximum)" : ""}</option>)}
        </select>
      </Field>
      {problem && <ProblemAlert problem={problem} onDismiss={dismiss} />}
      <Button type="submit" disabled={busy || !name.trim() || scopes.length === 0} className="w-full">
        {busy ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}
