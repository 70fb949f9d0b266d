"use client";

import { useCallback, useEffect, useState } from "react";
import { api, asProblem, handlePath, isAbort, type ApiProblem } from "@/lib/ui/api";
import type { FileItem } from "@/lib/ui/api-types";

export type FileListView = "active" | "expired";

/** Loads the handle's files from the API (newest first); `replace`/`drop` keep the table in step after writes. */
export function useFileList(handle: string, view: FileListView) {
  const [files, setFiles] = useState<FileItem[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setProblem(null);
    const query = view === "expired" ? "?status=expired" : "";
    api<{ files: FileItem[] }>(`${handlePath(handle, "files")}${query}`, {
      signal: controller.signal,
      action: view === "expired" ? "Loading expired files" : "Loading files",
    })
      .then((result) => setFiles(result.files))
      .catch((error) => {
        if (!isAbort(error)) setProblem(asProblem(error));
      });
    return () => controller.abort();
  }, [handle, view, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const replace = useCallback((file: FileItem) => {
    setFiles((list) => {
      if (!list) return list;
      const exists = list.some((f) => f.id === file.id);
      return exists ? list.map((f) => (f.id === file.id ? file : f)) : [file, ...list];
    });
  }, []);
  const drop = useCallback((id: string) => setFiles((list) => list?.filter((f) => f.id !== id) ?? list), []);

  return { files, problem, reload, replace, drop, loading: files === null && !problem };
}
