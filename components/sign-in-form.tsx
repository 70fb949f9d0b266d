"use client";

import { useState } from "react";

type State = { kind: "idle" } | { kind: "sending" } | { kind: "sent"; email: string } | { kind: "error"; message: string; requestId?: string };

export function SignInForm({ callbackUrl, outboxEnabled }: { callbackUrl: string; outboxEnabled: boolean }) {
  const [email, setEmail] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "sending" });
    const response = await fetch("/auth/request-link", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, callbackUrl }),
    }).catch(() => null);
    if (response?.ok) return setState({ kind: "sent", email });
    const problem = response ? await response.json().catch(() => ({})) : {};
    setState({ kind: "error", message: problem.detail ?? "Could not send the link. Try again.", requestId: problem.requestId });
  }

  if (state.kind === "sent") {
    return (
      <div role="status" className="space-y-3 text-sm text-slate-700">
        <p>
          We sent a sign-in link to <strong>{state.email}</strong>. It works once, for 10 minutes.
        </p>
        {outboxEnabled && (
          <p>
            Email runs in outbox mode: open the <a className="font-medium text-brand-600 underline" href="/dev/outbox">outbox</a> to find the link.
          </p>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-700">Work email</label>
        <input
          id="email" name="email" type="email" required autoComplete="email" value={email}
          onChange={(e) => setEmail(e.target.value)}
          className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500"
          placeholder="you@brand.com"
        />
      </div>
      {state.kind === "error" && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.message} {state.requestId && <span className="block text-xs text-red-500">Request id: {state.requestId}</span>}
        </p>
      )}
      <button
        type="submit" disabled={state.kind === "sending"}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {state.kind === "sending" ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
