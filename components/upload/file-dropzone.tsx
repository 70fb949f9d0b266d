"use client";

import { useDropzone } from "react-dropzone";
import { formatBytes } from "@/lib/ui/format";
import { useMaxFileBytes } from "./upload-limits";
import { UploadIcon } from "../ui/icons";

/**
 * Drag and drop or pick; every file is accepted here and checked by the queue (same rules
 * as the API). The drop area itself is not a control: its one interactive element is the
 * visible "browse files" button, so nothing interactive nests inside another and the
 * button's name is the text it shows.
 */
export function FileDropzone({ onFiles, disabled, compact }: { onFiles: (files: File[]) => void; disabled?: boolean; compact?: boolean }) {
  const maxFileBytes = useMaxFileBytes();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({ onDrop: onFiles, multiple: true, disabled, noClick: true, noKeyboard: true });
  return (
    <div
      {...getRootProps()}
      data-testid="dropzone"
      className={`flex flex-col items-center justify-center rounded-xl border-2 border-dashed text-center transition ${compact ? "px-4 py-5" : "px-6 py-10"} ${
        isDragActive ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50/60"
      }`}
    >
      <input {...getInputProps()} data-testid="file-input" aria-hidden tabIndex={-1} />
      <span aria-hidden className="mb-3 grid h-11 w-11 place-items-center rounded-full bg-white text-brand-600 shadow-sm ring-1 ring-slate-200">
        <UploadIcon className="h-5 w-5" />
      </span>
      <p className="text-sm font-medium text-slate-900">
        {isDragActive ? "Drop to add" : (
          <>Drag files here or{" "}
            <button type="button" onClick={open} disabled={disabled}
              className="rounded font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
              browse files
            </button>
          </>
        )}
      </p>
      <p className="mt-1 text-xs text-slate-500">Any type, up to {formatBytes(maxFileBytes)} each. Add several at once.</p>
    </div>
  );
}
