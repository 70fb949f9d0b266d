// Unfinished multipart uploads, remembered in localStorage so that after a reload the upload
// dialog can offer "Resume": the server keeps the parts, the browser only needs the ids and
// enough about the file to check that the one picked again is the same.

export interface PendingUpload {
  fileId: string;
  uploadId: string;
  partSize: number;
  partCount: number;
  name: string;
  size: number;
  lastModified: number;
  startedAt: string;
}

const keyFor = (handle: string) => `gharart.pending-uploads.${handle}`;

export function listPendingUploads(handle: string): PendingUpload[] {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(keyFor(handle)) ?? "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as PendingUpload[]).filter((p) => typeof p?.fileId === "string") : [];
  } catch {
    return []; // storage disabled or corrupted: nothing to resume
  }
}

function write(handle: string, list: PendingUpload[]): void {
  try {
    if (list.length === 0) window.localStorage.removeItem(keyFor(handle));
    else window.localStorage.setItem(keyFor(handle), JSON.stringify(list));
  } catch {
    /* quota or privacy mode: resuming after a reload is then unavailable, uploading is not */
  }
}

export function rememberPendingUpload(handle: string, upload: PendingUpload): void {
  write(handle, [...listPendingUploads(handle).filter((p) => p.fileId !== upload.fileId), upload]);
}

export function forgetPendingUpload(handle: string, fileId: string): void {
  write(handle, listPendingUploads(handle).filter((p) => p.fileId !== fileId));
}

/** The re-selected file must be the one that was uploading: same name, size and last-modified time. */
export function isSameFile(pending: PendingUpload, file: { name: string; size: number; lastModified: number }): boolean {
  return pending.name === file.name && pending.size === file.size && pending.lastModified === file.lastModified;
}
