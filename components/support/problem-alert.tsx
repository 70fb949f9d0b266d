"use client";

import { useState } from "react";
import type { ApiProblem } from "@/lib/ui/api";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { AlertIcon } from "../ui/icons";
import { ReportProblemDialog } from "./report-problem-dialog";

interface ProblemAlertProps {
  problem: ApiProblem;
  onRetry?: () => void;
  onDismiss?: () => void;
  className?: string;
}

/** Every error the UI shows: the server's words, its request id (copyable) and a way to report it. */
export function ProblemAlert({ problem, onRetry, onDismiss, className = "" }: ProblemAlertProps) {
  const [reporting, setReporting] = useState(false);
  const signedOut = problem.status === 401 && problem.code === "unauthenticated";
  return (
    <div role="alert" data-testid="problem" className={`rounded-xl border border-red-200 bg-red-50 p-4 text-sm ${className}`}>
      <div className="flex gap-3">
        <AlertIcon className="mt-0.5 h-5 w-5 shrink-0 text-red-500" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold text-red-900">{problem.action ? `${problem.action} failed` : problem.title}</p>
          <p className="mt-1 text-red-800">{problem.detail}</p>
          {problem.requestId && (
            <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-red-700">
              <span>Request id</span>
              <code data-testid="request-id" className="break-all rounded bg-white/70 px-1.5 py-0.5 font-mono">{problem.requestId}</code>
              <CopyButton value={problem.requestId} label="Copy request id" toast="Request id copied" variant="ghost" className="text-red-700" />
            </p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            {signedOut && <a href={`/signin?callbackUrl=${encodeURIComponent(location.pathname)}`} className="font-semibold text-red-900 underline">Sign in again</a>}
            {onRetry && <Button size="sm" variant="secondary" onClick={onRetry}>Try again</Button>}
            <Button size="sm" variant="secondary" onClick={() => setReporting(true)}>Report a problem</Button>
            {onDismiss && <Button size="sm" variant="ghost" onClick={onDismiss}>Dismiss</Button>}
          </div>
        </div>
      </div>
      <ReportProblemDialog problem={problem} open={reporting} onClose={() => setReporting(false)} />
    </div>
  );
}
