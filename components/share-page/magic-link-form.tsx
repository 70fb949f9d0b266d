"use client";

import { useState } from "react";
import { api } from "@/lib/ui/api";
import { useSubmit } from "@/lib/ui/use-submit";
import { canonicalizeEmail } from "@/lib/email/address";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Field, inputClass } from "../ui/field";
import { MailIcon } from "../ui/icons";
import { ToastProvider } from "../ui/toast";

/** The visitor asks for a one-time link to an allowlisted file; the email proves who they are. */
export function MagicLinkForm({ fileId }: { fileId: string }) {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problem, run, dismiss } = useSubmit();
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const canonical = canonicalizeEmail(email);
    setError(canonical ? null : "Enter one plain email address.");
    if (!canonical) return;
    await run(async () => {
      await api(`/v2/public/files/${encodeURIComponent(fileId)}/magic-link`, {
        method: "POST", body: { email: canonical }, action: "Requesting a download link",
      });
      setSentTo(canonical);
    });
  }

  return (
    <ToastProvider>
      {sentTo ? (
        <div role="status" className="text-center">
          <div className="mx-auto mb-4 grid h-12 w-12 place-items-center rounded-full bg-emerald-50 text-emerald-600"><MailIcon className="h-6 w-6" /></div>
          <h2 className="text-base font-semibold text-slate-900">Check your inbox</h2>
          <p className="mt-1 text-sm text-slate-600">
            We sent a download link to <strong className="text-slate-900">{sentTo}</strong>. It works once, for 10 minutes.
          </p>
          <button type="button" onClick={() => { setSentTo(null); setEmail(""); }} className="mt-4 text-sm font-medium text-brand-700 underline">
            Use a different address
          </button>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4">
          <p className="text-sm text-slate-600">This file is shared with specific people. Enter your email and we&apos;ll send you a one-time download link.</p>
          <Field id="visitor-email" label="Your email" error={error}>
            <input id="visitor-email" type="email" required autoComplete="email" value={email}
              onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com"
              aria-invalid={error ? true : undefined} aria-describedby={error ? "visitor-email-error" : undefined} className={inputClass} />
          </Field>
          {/* Not being on the list is an expected answer, not a fault: no request id, no report button. */}
          {problem?.code === "email_not_allowlisted" ? (
            <div role="status" data-testid="not-on-list" className="rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm">
              <p className="font-semibold text-slate-900">That address isn’t on the list for this file</p>
              <p className="mt-1 text-slate-600">
                Use the address the file was shared with, or ask the person who sent you the link to add you.
              </p>
            </div>
          ) : problem && <ProblemAlert problem={problem} onDismiss={dismiss} />}
          <Button type="submit" disabled={busy} className="w-full">{busy ? "Sending…" : "Email me a download link"}</Button>
        </form>
      )}
    </ToastProvider>
  );
}
