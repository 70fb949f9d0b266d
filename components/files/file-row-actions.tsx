"use client";

import type { FileItem } from "@/lib/ui/api-types";
import { shareLinkFor } from "@/lib/ui/links";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { TrashIcon } from "../ui/icons";

export function FileRowActions({ file, onManage, onDelete }: { file: FileItem; onManage: () => void; onDelete: () => void }) {
  return (
    <div className="flex items-center justify-end gap-1.5">
      {/* A pending file's link only answers "upload incomplete": nothing to share yet. */}
      {file.status === "ready" && <CopyButton value={shareLinkFor(file)} label={`Copy link for ${file.fileName}`} text="Copy link" textClassName="hidden xl:inline" toast="Link copied to clipboard" />}
      <Button size="sm" variant="secondary" onClick={onManage} aria-label={`Manage ${file.fileName}`}>Manage</Button>
      <Button size="sm" variant="ghost" onClick={onDelete} aria-label={`Delete ${file.fileName}`} title="Delete" className="!px-2 text-slate-400 hover:!text-red-600">
        <TrashIcon className="h-4 w-4" />
      </Button>
    </div>
  );
}
