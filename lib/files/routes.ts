import { actorFrom } from "../audit/audit";
import { validate } from "../http/body";
import { created, json, noContent } from "../http/respond";
import { route, type RouteOptions } from "../http/route";
import { createFile } from "./create-file";
import { deleteFile } from "./delete-file";
import { completeUpload, listUploadedParts, signUploadParts } from "./multipart-upload";
import { fileEvents, getFile, listFiles } from "./query-files";
import { updateFile } from "./update-file";
import { listFilesQuerySchema } from "../schemas/files";
import { sendInvitations } from "../sharing/invitations";
import { fileStats, handleStats } from "./file-stats";

// The files API, mounted twice: /v2/handles/... (session or PAT) and the PAT-only family
// /v2/public/handles/.... Same handlers, same rules; only accepted credentials differ.
type Family = RouteOptions["auth"];
type FileParams = { handle: string; fileId: string };

const read = (auth: Family): RouteOptions => ({ auth, role: "CREATOR", scope: "files.read", throttle: "files.read" });
const write = (auth: Family): RouteOptions => ({ auth, role: "CREATOR", scope: "files.write", throttle: "files.write" });

export function fileCollectionRoutes(auth: Family) {
  return {
    GET: route(read(auth), async ({ access, req }) => {
      const query = validate(listFilesQuerySchema, Object.fromEntries(new URL(req.url).searchParams), { status: "invalid_status" });
      return json({ files: await listFiles(access!.handle, query.status ?? null) });
    }),
    POST: route(write(auth), async ({ access, body, principal, requestId }) =>
      created(await createFile(access!.handle, body(), actorFrom(principal, requestId))),
    ),
  };
}

export function fileItemRoutes(auth: Family) {
  return {
    GET: route<FileParams>(read(auth), async ({ access, params }) => json(await getFile(access!.handle, params.fileId))),
    PATCH: route<FileParams>(write(auth), async ({ access, params, body, principal, requestId }) =>
      json(await updateFile(access!.handle, params.fileId, body(), actorFrom(principal, requestId))),
    ),
    DELETE: route<FileParams>(write(auth), async ({ access, params, principal, requestId }) => {
      await deleteFile(access!.handle, params.fileId, actorFrom(principal, requestId));
      return noContent();
    }),
  };
}

export function fileEventRoutes(auth: Family) {
  return {
    GET: route<FileParams>(read(auth), async ({ access, params }) =>
      json({ events: await fileEvents(access!.handle.id, params.fileId) }),
    ),
  };
}

export function fileStatsRoutes(auth: Family) {
  return {
    GET: route<FileParams>(read(auth), async ({ access, params }) => json(await fileStats(access!.handle.id, params.fileId))),
  };
}

export function handleStatsRoutes(auth: Family) {
  return {
    GET: route<{ handle: string }>(read(auth), async ({ access }) => json(await handleStats(access!.handle.id))),
  };
}

export function invitationRoutes(auth: Family) {
  return {
    POST: route<FileParams>(write(auth), async ({ access, params, body, principal, requestId }) =>
      json(await sendInvitations(access!.handle, params.fileId, body(), actorFrom(principal, requestId)), 202),
    ),
  };
}

/** Multipart uploads (resumable uploads: docs/architecture.md, upload lifecycle): part URLs (POST) and the parts stored so far (GET). */
export function fileUploadPartRoutes(auth: Family) {
  return {
    GET: route<FileParams>(read(auth), async ({ access, params }) =>
      json(await listUploadedParts(access!.handle, params.fileId)),
    ),
    POST: route<FileParams>(write(auth), async ({ access, params, body, principal, requestId }) =>
      json(await signUploadParts(access!.handle, params.fileId, body(), actorFrom(principal, requestId))),
    ),
  };
}

export function fileCompleteRoutes(auth: Family) {
  return {
    POST: route<FileParams>(write(auth), async ({ access, params, body, principal, requestId }) =>
      json(await completeUpload(access!.handle, params.fileId, body(), actorFrom(principal, requestId))),
    ),
  };
}
