"use client";

import { useCallback, useRef, useState } from "react";
import { ApiProblem, api, asProblem, handlePath } from "@/lib/ui/api";
import type { AccessMode, CreatedUpload, FileItem } from "@/lib/ui/api-types";
import { fileProblem } from "@/lib/ui/form-checks";
import { UploadFailed, putWithProgress, type UploadHandle } from "@/lib/ui/upload";

export type UploadPhase =
  | { phase: "invalid"; message: string }
  | { phase: "queued" }
  | { phase: "waiting" }
  | { phase: "creating" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "finishing" }
  | { phase: "done"; file: FileItem }
  | { phase: "failed"; problem: ApiProblem }
  | { phase: "canceled" };

export interface QueueItem {
  key: string;
  file: File;
  state: UploadPhase;
}

export interface UploadSettings {
  accessMode: AccessMode;
  allowedEmails: string[];
  expiresAt: string | null;
  /** For internal docs: the docs path for a given file name. */
  docsPathFor?: (fileName: string) => string;
}

const PARALLEL = 2;
let nextKey = 1;

/**
 * The upload queue: create the record (POST), PUT the bytes with progress, then GET the
 * file so the server marks it ready. Items can be canceled (xhr.abort + delete the
 * pending record) and retried (a fresh record: an upload URL is meant for one PUT).
 */
export function useUploadQueue(handle: string, onUploaded: (file: FileItem) => void) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const running = useRef(new Map<string, { upload?: UploadHandle; fileId?: string; canceled: boolean }>());
  const settingsRef = useRef<UploadSettings | null>(null);
  // Items canceled or removed while waiting for a slot (state updates land too late to check).
  const skip = useRef(new Set<string>());
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const update = useCallback((key: string, state: UploadPhase) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, state } : item)));
  }, []);

  const add = useCallback((files: File[]) => {
    const added = files.map((file) => {
      const message = fileProblem(file);
      return { key: `u${nextKey++}`, file, state: message ? { phase: "invalid", message } : { phase: "queued" } } as QueueItem;
    });
    setItems((list) => [...list, ...added]);
  }, []);

  const remove = useCallback((key: string) => {
    skip.current.add(key);
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const discardRecord = useCallback(async (fileId: string | undefined) => {
    if (!fileId) return;
    await api(handlePath(handle, "files", fileId), { method: "DELETE" }).catch(() => undefined); // best effort: the sweeper removes stale uploads anyway
  }, [handle]);

  const runOne = useCallback(async (item: QueueItem) => {
    const settings = settingsRef.current!;
    const job: { upload?: UploadHandle; fileId?: string; canceled: boolean } = { canceled: false };
    running.current.set(item.key, job);
    const action = `Uploading ${item.file.name}`;
    try {
      update(item.key, { phase: "creating" });
      const created = await api<CreatedUpload>(handlePath(handle, "files"), {
        method: "POST",
        action,
        body: {
          fileName: item.file.name,
          sizeBytes: item.file.size,
          accessMode: settings.accessMode,
          ...(item.file.type ? { contentType: item.file.type } : {}),
          ...(settings.accessMode === "EMAIL_ALLOWLIST" ? { allowedEmails: settings.allowedEmails } : {}),
          ...(settings.expiresAt ? { expiresAt: settings.expiresAt } : {}),
          ...(settings.docsPathFor ? { docsPath: settings.docsPathFor(item.file.name) } : {}),
        },
      });
      job.fileId = created.file.id;
      if (job.canceled) throw new UploadFailed(0, null, "Upload canceled.", true);
      update(item.key, { phase: "uploading", loaded: 0, total: item.file.size });
      if ("upload" in created) throw new Error("Multipart uploads are not supported yet.");
      job.upload = putWithProgress(created, item.file, (loaded, total) => update(item.key, { phase: "uploading", loaded, total }));
      await job.upload.done;
      update(item.key, { phase: "finishing" });
      // The GET is what flips the record to "ready" (the API checks the stored object).
      const file = await api<FileItem>(handlePath(handle, "files", created.file.id), { action });
      update(item.key, { phase: "done", file });
      onUploaded(file);
    } catch (error) {
      if (error instanceof UploadFailed) {
        await discardRecord(job.fileId);
        if (error.aborted) return update(item.key, { phase: "canceled" });
        return update(item.key, {
          phase: "failed",
          problem: new ApiProblem({
            status: error.status, code: error.status ? `upload_http_${error.status}` : "upload_interrupted",
            title: "Upload failed", detail: error.message, requestId: error.requestId, action, method: "PUT", path: "(presigned upload URL)",
          }),
        });
      }
      if (job.canceled) {
        await discardRecord(job.fileId);
        return update(item.key, { phase: "canceled" });
      }
      update(item.key, { phase: "failed", problem: asProblem(error, action) });
    } finally {
      running.current.delete(item.key);
    }
  }, [discardRecord, handle, onUploaded, update]);

  /** Runs the given items, at most PARALLEL at a time. */
  const runAll = useCallback(async (batch: QueueItem[]) => {
    batch.forEach((item) => {
      skip.current.delete(item.key);
      update(item.key, { phase: "waiting" });
    });
    const pending = [...batch];
    const worker = async () => {
      for (let item = pending.shift(); item; item = pending.shift()) {
        if (running.current.has(item.key) || skip.current.has(item.key)) continue;
        await runOne(item);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }, [runOne, update]);

  const start = useCallback((settings: UploadSettings) => {
    settingsRef.current = settings;
    void runAll(itemsRef.current.filter((item) => item.state.phase === "queued"));
  }, [runAll]);

  const retry = useCallback((key: string) => {
    const item = itemsRef.current.find((i) => i.key === key);
    if (item && settingsRef.current) void runAll([item]);
  }, [runAll]);

  const cancel = useCallback((key: string) => {
    const job = running.current.get(key);
    if (!job) {
      skip.current.add(key); // still waiting for a slot
      return update(key, { phase: "canceled" });
    }
    job.canceled = true;
    job.upload?.abort();
  }, [update]);

  const clearFinished = useCallback(() => {
    setItems((list) => list.filter((item) => !["done", "invalid", "canceled"].includes(item.state.phase)));
  }, []);

  const busy = items.some((item) => ["waiting", "creating", "uploading", "finishing"].includes(item.state.phase));
  return { items, add, remove, start, retry, cancel, clearFinished, busy };
}
