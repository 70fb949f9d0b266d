"use client";

import { useDropzone } from "react-dropzone";
import { formatBytes } from "@/lib/ui/format";
import { MAX_FILE_BYTES } from "@/lib/schemas/files";
import { UploadIcon } from "../ui/icons";

/** Drag and drop or pick; every file is accepted here and checked by the queue (same rules as the API). */
export function FileDropzone({ onFiles, disabled, compact }: { onFiles: (files: File[]) => void; disabled?: boolean; compact?: boolean }) {
  const { getRootProps, getInputProps, isDragActive } = useDropzone({ onDrop: onFiles, multiple: true, disabled });
  return (
    <div
      {...getRootProps({
        "aria-label": "Choose files to upload, or drop them here",
        role: "button",
      })}
      data-testid="dropzone"
      className={`flex cursor-pointer flex-col items-center justify-center rounded-xl border-2 border-dashed text-center transition ${compact ? "px-4 py-5" : "px-6 py-10"} ${
        isDragActive ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50/60 hover:border-brand-400 hover:bg-brand-50/40"
      }`}
    >
      <input {...getInputProps()} data-testid="file-input" />
      <span className="mb-3 grid h-11 w-11 place-items-center rounded-full bg-white text-brand-600 shadow-sm ring-1 ring-slate-200">
        <UploadIcon className="h-5 w-5" />
      </span>
      <p className="text-sm font-medium text-slate-900">
        {isDragActive ? "Drop to add" : <>Drag files here or <span className="text-brand-600 underline underline-offset-2">browse</span></>}
      </p>
      <p className="mt-1 text-xs text-slate-500">Any type, up to {formatBytes(MAX_FILE_BYTES)} each. Add several at once.</p>
    </div>
  );
}
