"use client";

import { ApiProblem } from "@/lib/ui/api";
import { BrandShell } from "../brand-shell";
import { Button, buttonClass } from "../ui/button";
import { CopyButton } from "../ui/copy-button";

/**
 * What a route shows when rendering fails (app/error.tsx, the dashboard's error.tsx and
 * global-error.tsx): our frame, a plain sentence, and the id support needs — the API's
 * request id when an API call failed, else the server's error digest.
 */
export function ErrorPage({ error, reset, inDashboard = false }: { error: Error & { digest?: string }; reset?: () => void; inDashboard?: boolean }) {
  const reference = error instanceof ApiProblem ? error.requestId : error.digest ?? null;
  const title = "Something went wrong on this page";
  const body = (
      <div data-testid="error-page" className="space-y-4 text-sm text-slate-600">
        <p>The page hit an error and could not be shown. Your files and links are not affected. Try again, or go back to your dashboard.</p>
        {reference && (
          <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
            <span>{error instanceof ApiProblem ? "Request id" : "Error reference"}</span>
            <code data-testid="error-reference" className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800">{reference}</code>
            <CopyButton value={reference} label="Copy error reference" variant="ghost" />
          </p>
        )}
        <p className="text-xs text-slate-500">
          {reference
            ? "If it keeps happening, send the reference above to your Gharart Files administrator."
            : "If it keeps happening, tell your Gharart Files administrator what you were doing and when."}
        </p>
        <div className="flex flex-col gap-2 pt-2 sm:flex-row">
          {reset && <Button onClick={() => reset()} className="sm:flex-1">Try again</Button>}
          {/* A full navigation: the client router may be the thing that failed. */}
          <a href="/dashboard" className={buttonClass("secondary", "md", "sm:flex-1")}>Go to the dashboard</a>
        </div>
      </div>
  );
  // Inside the dashboard the header and <main> are already there: a card, not a second frame.
  return inDashboard ? (
    <section className="mx-auto max-w-lg rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="mb-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {body}
    </section>
  ) : <BrandShell title={title}>{body}</BrandShell>;
}
