// The browser's PUT of the raw bytes to the presigned upload URL. XMLHttpRequest, not
// fetch: only XHR reports upload progress (upload.onprogress), and it can be aborted.

export interface UploadTarget {
  uploadUrl: string;
  uploadMethod: "PUT";
  uploadHeaders: Record<string, string>;
}

export interface UploadHandle {
  done: Promise<void>;
  abort(): void;
}

export class UploadFailed extends Error {
  constructor(readonly status: number, readonly requestId: string | null, message: string, readonly aborted = false) {
    super(message);
    this.name = "UploadFailed";
  }
}

export function putWithProgress(target: UploadTarget, body: Blob, onProgress: (loaded: number, total: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open(target.uploadMethod, target.uploadUrl);
    // Exactly the headers the server signed: anything else is refused by the storage.
    for (const [name, value] of Object.entries(target.uploadHeaders)) {
      if (name.toLowerCase() !== "content-length") xhr.setRequestHeader(name, value); // browsers set it themselves
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        return resolve();
      }
      let detail = `The storage refused the upload (${xhr.status}).`;
      let requestId = xhr.getResponseHeader("x-request-id");
      try {
        const problem = JSON.parse(xhr.responseText) as { detail?: string; requestId?: string };
        detail = problem.detail ?? detail;
        requestId = problem.requestId ?? requestId;
      } catch {
        /* S3 answers XML */
      }
      reject(new UploadFailed(xhr.status, requestId, detail));
    };
    xhr.onerror = () => reject(new UploadFailed(0, null, "The connection dropped during the upload."));
    xhr.onabort = () => reject(new UploadFailed(0, null, "Upload canceled.", true));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
