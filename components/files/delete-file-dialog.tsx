"use client";

import { useState } from "react";
import { asProblem, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";
import { ProblemAlert } from "../support/problem-alert";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
import { deleteFile } from "./file-api";

/** "Delete report.pdf?": the link dies at once and the bytes are removed, so ask first. */
export function DeleteFileDialog({ handle, file, onClose, onDeleted }: {
  handle: string; file: FileItem | null; onClose: () => void; onDeleted: (file: FileItem) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  async function confirm() {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      await deleteFile(handle, file);
      onDeleted(file);
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setProblem(null);
    onClose();
  };
  return (
    <Modal open={file !== null} onClose={close} role="alertdialog" size="sm"
      title={file ? `Delete ${file.fileName}?` : "Delete file?"}
      description="Its link stops working immediately and the file is removed from storage. This cannot be undone."
      footer={
        <>
          <Button variant="secondary" onClick={close} data-autofocus>Keep file</Button>
          <Button variant="danger" onClick={confirm} disabled={busy}>{busy ? "Deleting…" : "Delete file"}</Button>
        </>
      }
    >
      {problem ? <ProblemAlert problem={problem} /> : <p className="text-sm text-slate-600">Anyone who has the link will see a “not found” page.</p>}
    </Modal>
  );
}
