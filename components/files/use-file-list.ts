"use client";

import { useCallback } from "react";
import { handlePath } from "@/lib/ui/api";
import { useApiResource } from "@/lib/ui/use-api-resource";
import type { FileItem } from "@/lib/ui/api-types";

export type FileListView = "active" | "expired";

/** Loads the handle's files from the API (newest first); `replace`/`drop` keep the table in step after writes. */
export function useFileList(handle: string, view: FileListView) {
  const query = view === "expired" ? "?status=expired" : "";
  const action = view === "expired" ? "Loading expired files" : "Loading files";
  const { data: files, setData: setFiles, problem, reload } = useApiResource(
    `${handlePath(handle, "files")}${query}`, action, (r: { files: FileItem[] }) => r.files,
  );
  const replace = useCallback((file: FileItem) => {
    setFiles((list) => {
      if (!list) return list;
      const exists = list.some((f) => f.id === file.id);
      return exists ? list.map((f) => (f.id === file.id ? file : f)) : [file, ...list];
    });
  }, [setFiles]);
  const drop = useCallback((id: string) => setFiles((list) => list?.filter((f) => f.id !== id) ?? list), [setFiles]);

  return { files, problem, reload, replace, drop, loading: files === null && !problem };
}
