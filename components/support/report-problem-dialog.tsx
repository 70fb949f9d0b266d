"use client";

import { useState } from "react";
import { api, asProblem, type ApiProblem } from "@/lib/ui/api";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { Modal } from "../ui/modal";
import { reportDraft } from "./report-draft";
import { useSupportScope } from "./support-context";

type State = { kind: "editing" } | { kind: "sending" } | { kind: "sent"; reportId: string } | { kind: "failed"; problem: ApiProblem };

/** Files POST /v2/support/report with the handle, request id and the action pre-filled. */
export function ReportProblemDialog({ problem, open, onClose }: { problem: ApiProblem; open: boolean; onClose: () => void }) {
  const { handle } = useSupportScope();
  const [draft] = useState(() => reportDraft(problem, handle));
  const [summary, setSummary] = useState(draft.summary);
  const [details, setDetails] = useState(draft.details);
  const [state, setState] = useState<State>({ kind: "editing" });

  async function send(event: React.FormEvent) {
    event.preventDefault();
    setState({ kind: "sending" });
    try {
      const result = await api<{ reportId: string }>("/v2/support/report", {
        method: "POST",
        action: "Sending a problem report",
        body: {
          summary, details, reproArtifact: draft.reproArtifact,
          ...(handle ? { handle } : {}),
          ...(problem.requestId ? { requestId: problem.requestId } : {}),
        },
      });
      setState({ kind: "sent", reportId: result.reportId });
    } catch (error) {
      setState({ kind: "failed", problem: asProblem(error) });
    }
  }

  const formId = "report-problem-form";
  return (
    <Modal open={open} onClose={onClose} title="Report a problem"
      description="Our support team sees the request id and what you were doing, so they can find what went wrong."
      footer={state.kind === "sent"
        ? <Button onClick={onClose}>Done</Button>
        : <>
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
            <Button type="submit" form={formId} disabled={state.kind === "sending"}>
              {state.kind === "sending" ? "Sending…" : "Send report"}
            </Button>
          </>}
    >
      {state.kind === "sent" ? (
        <div role="status" className="space-y-3 text-sm text-slate-700">
          <p className="font-medium text-slate-900">Thanks — your report is filed.</p>
          <p className="flex flex-wrap items-center gap-2">
            Report id <code data-testid="report-id" className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{state.reportId}</code>
            <CopyButton value={state.reportId} label="Copy report id" toast="Report id copied" />
          </p>
          <p className="text-slate-500">Quote it if you contact us about this problem.</p>
        </div>
      ) : (
        <form id={formId} onSubmit={send} className="space-y-4">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">
            {handle && <><dt className="font-medium">Handle</dt><dd className="font-mono">{handle}</dd></>}
            <dt className="font-medium">Request id</dt><dd className="break-all font-mono">{problem.requestId ?? "none (the request never reached us)"}</dd>
            <dt className="font-medium">Error</dt><dd className="font-mono">{problem.status || "—"} {problem.code}</dd>
          </dl>
          <div>
            <label htmlFor="report-summary" className="mb-1 block text-sm font-medium text-slate-700">Summary</label>
            <input id="report-summary" required maxLength={200} value={summary} onChange={(e) => setSummary(e.target.value)}
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm" />
          </div>
          <div>
            <label htmlFor="report-details" className="mb-1 block text-sm font-medium text-slate-700">Details</label>
            <textarea id="report-details" required rows={6} maxLength={10000} value={details} onChange={(e) => setDetails(e.target.value)}
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm shadow-sm" />
          </div>
          {state.kind === "failed" && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
              {state.problem.detail}
              {state.problem.requestId && <span className="mt-1 block font-mono text-xs">Request id: {state.problem.requestId}</span>}
            </p>
          )}
        </form>
      )}
    </Modal>
  );
}
