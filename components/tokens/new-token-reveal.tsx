"use client";

import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { AlertIcon } from "../ui/icons";
import type { CreatedToken } from "./create-token-form";

/** The only time the secret is on screen: copy it now; it is stored hashed and never shown again. */
export function NewTokenReveal({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  return (
    <section aria-labelledby="new-token-title" data-testid="new-token"
      className="rounded-2xl border border-emerald-200 bg-emerald-50/70 p-4 shadow-sm sm:p-5">
      <h2 id="new-token-title" className="text-sm font-semibold text-emerald-900">Token “{token.name}” created</h2>
      <p className="mt-1 flex items-start gap-2 text-sm text-emerald-900">
        <AlertIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
        Copy it now. For your security it will not be shown again — if you lose it, revoke it and create another.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <input readOnly aria-label="New token secret" value={token.token} onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-emerald-300" />
        <CopyButton value={token.token} label="Copy token" text="Copy token" variant="primary" size="md" toast="Token copied — keep it somewhere safe" />
      </div>
      <p className="mt-3 text-xs text-emerald-900/80">
        Use it as <code className="rounded bg-white/70 px-1">Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <Button variant="secondary" size="sm" className="mt-3" onClick={onDismiss}>I have copied it</Button>
    </section>
  );
}
