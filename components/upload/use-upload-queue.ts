"use client";

import { useCallback, useRef, useState } from "react";
import { ApiProblem, api, asProblem, handlePath } from "@/lib/ui/api";
import type { AccessMode, CreatedUpload, FileItem } from "@/lib/ui/api-types";
import { fileProblem } from "@/lib/ui/form-checks";
import { uploadMultipart, type MultipartTarget } from "@/lib/ui/multipart";
import { forgetPendingUpload, rememberPendingUpload, type PendingUpload } from "@/lib/ui/pending-uploads";
import { UploadFailed, putWithProgress } from "@/lib/ui/upload";

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
  /** A multipart upload already created (resumed after a reload, or retried): no new record. */
  resume?: PendingUpload;
}

export interface UploadSettings {
  accessMode: AccessMode;
  allowedEmails: string[];
  expiresAt: string | null;
  /** Campaign fields (campaign delivery: docs/decisions.md); sent only when set, so the defaults stay the API's. */
  allowedDomains?: string[];
  availableFrom?: string | null;
  maxDownloads?: number | null;
  notifyOnDownload?: boolean;
  /** For internal docs: the docs path for a given file name. */
  docsPathFor?: (fileName: string) => string;
}

const PARALLEL = 2;
let nextKey = 1;

type Job = { upload?: { abort(): void }; fileId?: string; canceled: boolean };

/**
 * The upload queue: create the record (POST), PUT the bytes with progress, then GET the
 * file so the server marks it ready. Items can be canceled (xhr.abort + delete the
 * pending record) and retried (a fresh record: an upload URL is meant for one PUT).
 * Files above the server's threshold go in parts (lib/ui/multipart.ts) and are remembered
 * until done, so a failed or reloaded upload resumes instead of starting over.
 */
export function useUploadQueue(handle: string, onUploaded: (file: FileItem) => void, maxFileBytes?: number) {
  const [items, setItems] = useState<QueueItem[]>([]);
  const running = useRef(new Map<string, Job>());
  const settingsRef = useRef<UploadSettings | null>(null);
  // Items canceled or removed while waiting for a slot (state updates land too late to check).
  const skip = useRef(new Set<string>());
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const update = useCallback((key: string, state: UploadPhase, resume?: PendingUpload | null) => {
    setItems((list) => list.map((item) => (item.key === key ? { ...item, state, ...(resume !== undefined ? { resume: resume ?? undefined } : {}) } : item)));
  }, []);

  const add = useCallback((files: File[]) => {
    const added = files.map((file) => {
      const message = fileProblem(file, maxFileBytes);
      return { key: `u${nextKey++}`, file, state: message ? { phase: "invalid", message } : { phase: "queued" } } as QueueItem;
    });
    setItems((list) => [...list, ...added]);
  }, [maxFileBytes]);

  const remove = useCallback((key: string) => {
    skip.current.add(key);
    setItems((list) => list.filter((item) => item.key !== key));
  }, []);

  const discardRecord = useCallback(async (fileId: string | undefined) => {
    if (!fileId) return;
    await api(handlePath(handle, "files", fileId), { method: "DELETE" }).catch(() => undefined); // best effort: the sweeper removes stale uploads anyway
  }, [handle]);

  /** Creates the record; above the threshold the answer is a multipart upload, remembered for resuming. */
  const createRecord = useCallback(async (item: QueueItem, action: string): Promise<{ fileId: string; single?: CreatedUpload; multipart?: PendingUpload }> => {
    const settings = settingsRef.current!;
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
        ...(settings.accessMode === "EMAIL_ALLOWLIST" && settings.allowedDomains?.length ? { allowedDomains: settings.allowedDomains } : {}),
        ...(settings.availableFrom ? { availableFrom: settings.availableFrom } : {}),
        ...(settings.maxDownloads ? { maxDownloads: settings.maxDownloads } : {}),
        ...(settings.notifyOnDownload ? { notifyOnDownload: true } : {}),
        ...(settings.docsPathFor ? { docsPath: settings.docsPathFor(item.file.name) } : {}),
      },
    });
    if (!("upload" in created)) return { fileId: created.file.id, single: created };
    const pending: PendingUpload = {
      fileId: created.file.id, uploadId: created.upload.uploadId, partSize: created.upload.partSize, partCount: created.upload.partCount,
      name: item.file.name, size: item.file.size, lastModified: item.file.lastModified, startedAt: new Date().toISOString(),
    };
    rememberPendingUpload(handle, pending);
    return { fileId: created.file.id, multipart: pending };
  }, [handle]);

  const runOne = useCallback(async (item: QueueItem) => {
    const job: Job = { canceled: false };
    running.current.set(item.key, job);
    const action = `Uploading ${item.file.name}`;
    let multipart: PendingUpload | undefined = item.resume;
    try {
      update(item.key, { phase: "creating" });
      const record = multipart ? { fileId: multipart.fileId } : await createRecord(item, action);
      job.fileId = record.fileId;
      multipart ??= "multipart" in record ? record.multipart : undefined;
      if (job.canceled) throw new UploadFailed(0, null, "Upload canceled.", true);
      update(item.key, { phase: "uploading", loaded: 0, total: item.file.size });
      const progress = (loaded: number, total: number) => update(item.key, { phase: "uploading", loaded, total });
      let file: FileItem;
      if (multipart) {
        const target: MultipartTarget = { handle, fileId: multipart.fileId, partSize: multipart.partSize, partCount: multipart.partCount };
        const upload = uploadMultipart(target, item.file, progress);
        job.upload = upload;
        file = await upload.done; // completing is what turns it ready
        forgetPendingUpload(handle, multipart.fileId);
      } else {
        const single = (record as { single: CreatedUpload & { uploadUrl: string; uploadMethod: "PUT"; uploadHeaders: Record<string, string> } }).single;
        const upload = putWithProgress(single, item.file, progress);
        job.upload = upload;
        await upload.done;
        update(item.key, { phase: "finishing" });
        // The GET is what flips the record to "ready" (the API checks the stored object).
        file = await api<FileItem>(handlePath(handle, "files", record.fileId), { action });
      }
      update(item.key, { phase: "done", file }, null);
      onUploaded(file);
    } catch (error) {
      const canceled = job.canceled || (error instanceof UploadFailed && error.aborted);
      // As before for the single PUT: a refused or dropped PUT discards its record (a URL is for one PUT).
      if (canceled || (!multipart && error instanceof UploadFailed)) {
        await discardRecord(job.fileId);
        if (multipart) forgetPendingUpload(handle, multipart.fileId);
      }
      if (canceled) return update(item.key, { phase: "canceled" }, null);
      // A multipart upload that failed keeps its record and stored parts: Retry resumes it.
      const resume = multipart ?? null;
      if (error instanceof UploadFailed) {
        return update(item.key, {
          phase: "failed",
          problem: new ApiProblem({
            status: error.status, code: error.status ? `upload_http_${error.status}` : "upload_interrupted",
            title: "Upload failed", detail: error.message, requestId: error.requestId, action, method: "PUT", path: "(presigned upload URL)",
          }),
        }, resume);
      }
      update(item.key, { phase: "failed", problem: asProblem(error, action) }, resume);
    } finally {
      running.current.delete(item.key);
    }
  }, [createRecord, discardRecord, handle, onUploaded, update]);

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
    if (item && (settingsRef.current || item.resume)) void runAll([item]);
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

  /** A file picked again for an upload unfinished before a reload: only its missing parts are sent. */
  const resumeUpload = useCallback((pending: PendingUpload, file: File) => {
    const item: QueueItem = { key: `u${nextKey++}`, file, state: { phase: "queued" }, resume: pending };
    setItems((list) => [...list, item]);
    void runAll([item]);
  }, [runAll]);

  const clearFinished = useCallback(() => {
    setItems((list) => list.filter((item) => !["done", "invalid", "canceled"].includes(item.state.phase)));
  }, []);

  const busy = items.some((item) => ["waiting", "creating", "uploading", "finishing"].includes(item.state.phase));
  return { items, add, remove, start, retry, cancel, clearFinished, resumeUpload, busy };
}
