import { clock } from "../clock";
import { config } from "../config";
import { fileExpired, fileNotFound } from "../files/expiry";
import type { FileRow } from "../files/file-view";
import { ApiError } from "../http/errors";
import type { FileRefusal } from "./file-access";

type Refused = { fileId: string; file: Pick<FileRow, "expiresAt" | "objectDeletedAt" | "availableFrom"> | null };

// Every refusal of decideFileAccess as the problem the API answers: the one place codes,
// statuses and texts for shared files are chosen (codes: lib/http/error-codes.ts).
const FILE_ACCESS_PROBLEMS: Record<FileRefusal, (refused: Refused & { now: Date }) => ApiError> = {
  not_found: () => fileNotFound(),
  expired: ({ file }) => fileExpired(file!),
  not_yet_available: ({ file, now }) => {
    const from = file!.availableFrom!;
    const wait = Math.max(1, Math.ceil((from.getTime() - now.getTime()) / 1000));
    return new ApiError(403, "file_not_yet_available", `This file is available from ${from.toISOString()}.`, { "Retry-After": String(wait) }, { availableFrom: from.toISOString() });
  },
  download_limit_reached: () => new ApiError(410, "download_limit_reached", "This file reached its download limit. Ask the sender to raise it."),
  not_ready: () => new ApiError(409, "upload_incomplete", "This file has not finished uploading yet."),
  magic_link_required: ({ fileId }) =>
    new ApiError(401, "magic_link_required", "This file is shared with an email allowlist: request a magic link first.", {
      Link: `<${config().appUrl}/v2/public/files/${fileId}/magic-link>; rel="magic-link"`,
    }),
  not_allowlist_mode: () => new ApiError(409, "not_allowlist_mode", "This file is public: download it directly, no link needed."),
  email_required: () => new ApiError(400, "invalid_email", "Enter one plain email address."),
  not_allowlisted: () => new ApiError(403, "email_not_allowlisted", "This email address is not (or no longer) on the file's allowlist."),
};

export function fileAccessProblem(refusal: FileRefusal, fileId: string, file: Refused["file"], now = clock.now()): ApiError {
  return FILE_ACCESS_PROBLEMS[refusal]({ fileId, file, now });
}
