"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "./button";
import { Modal } from "./modal";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  busyLabel?: string;
  /** Throws (an ApiProblem) to keep the dialog open and show the error. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** A destructive action's "are you sure", focused on the safe choice. */
export function ConfirmDialog({ open, title, description, confirmLabel, busyLabel = "Working…", onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const close = () => {
    setProblem(null);
    onClose();
  };
  return (
    <Modal open={open} onClose={close} role="alertdialog" size="sm" title={title} description={description}
      footer={
        <>
          <Button variant="secondary" onClick={close} data-autofocus>Cancel</Button>
          <Button variant="danger" disabled={busy} onClick={async () => {
            setBusy(true);
            setProblem(null);
            try {
              await onConfirm();
              setProblem(null);
            } catch (e) {
              setProblem(asProblem(e));
            } finally {
              setBusy(false);
            }
          }}>{busy ? busyLabel : confirmLabel}</Button>
        </>
      }>
      {problem ? <ProblemAlert problem={problem} /> : <p className="text-sm text-slate-600">You can’t undo this.</p>}
    </Modal>
  );
}
