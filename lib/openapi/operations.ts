import { z } from "zod";
import { completeUploadSchema, CREATE_RULE_ORDER, PATCH_RULE_ORDER, createdFileSchema, createFileSchema, signedPartListSchema, storedPartListSchema, uploadPartsRequestSchema, fileEventListSchema, fileListSchema, fileMagicLinkSentSchema, fileMagicLinkVerifiedSchema, fileViewSchema, listFilesQuerySchema, magicLinkRequestSchema, magicLinkVerifySchema, updateFileSchema } from "../schemas/files";
import { docsMagicLinkRequestSchema, docsMagicLinkSentSchema, docsMagicLinkVerifiedSchema, docsMagicLinkVerifySchema, docsPolicyInputSchema, docsPolicyViewSchema } from "../schemas/docs-policy";
import { addedMemberSchema, addMemberSchema, changeMemberRoleSchema, createdHandleSchema, createHandleSchema, handleListSchema, memberListSchema, memberRoleChangedSchema } from "../schemas/handles";
import { fileStatsSchema, handleStatsSchema, invitationRequestSchema, invitationsSentSchema } from "../schemas/campaign";
import { supportReportCreatedSchema, supportReportSchema } from "../schemas/support";
import { createdTokenSchema, createTokenSchema, tokenListSchema } from "../schemas/tokens";

// Every /v2 operation in one table: what it accepts, what it answers on success, and every
// error status (with its problem codes) it can answer. /v2/openapi.json is generated from
// it (lib/openapi/document.ts); operations.test.ts checks it against app/v2/**/route.ts.

export type Method = "get" | "post" | "put" | "patch" | "delete";
/** As lib/http/route.ts spells it; "edge" is the docs edge (session, PAT or docs grant). */
export type Auth = "none" | "member" | "pat" | "session" | "edge";
/** Status → the problem `code`s that status can carry on this operation. */
export type ErrorCodes = Partial<Record<number, string[]>>;

export interface Success {
  status: number;
  description: string;
  /** The JSON body; absent for bodiless answers (204, redirects). */
  schema?: z.ZodType;
  /** Named component for the body schema (#/components/schemas/{name}). */
  name?: string;
  /** Other representations of the same answer (e.g. text/html for the docs pages' forms). */
  html?: boolean;
  /** A body that is not JSON (its media types, schema-less). */
  media?: string[];
  headers?: Record<string, string>;
}

export interface Operation {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: Auth;
  /** JSON request body (also accepted as a urlencoded form when `form`). */
  body?: { schema: z.ZodType; name: string; form?: boolean };
  query?: z.ZodObject;
  headers?: { name: string; description: string }[];
  success: Success[];
  errors: ErrorCodes;
  /** The route answers its errors as HTML pages to the docs pages' own form posts. */
  htmlErrors?: boolean;
}

const merge = (...groups: ErrorCodes[]): ErrorCodes => {
  const out: Record<number, string[]> = {};
  for (const group of groups) {
    for (const [status, codes] of Object.entries(group)) {
      out[Number(status)] = [...new Set([...(out[Number(status)] ?? []), ...(codes ?? [])])];
    }
  }
  return out;
};

// What lib/http/route.ts and the HTTP front (scripts/server.ts) answer on any route.
const ANY: ErrorCodes = { 400: ["invalid_path"], 500: ["internal_error"] };
const DATABASE: ErrorCodes = { 503: ["database_unavailable"] };
const STORAGE: ErrorCodes = { 503: ["storage_unavailable"] };
const MAIL: ErrorCodes = { 503: ["email_unavailable"] };
const THROTTLED: ErrorCodes = { 429: ["rate_limited"] };
/** Unsafe methods: the body is read (size, deadline) and Idempotency-Key honoured. */
const WRITE: ErrorCodes = {
  400: ["invalid_idempotency_key"], 408: ["request_timeout"], 409: ["idempotency_key_in_use"],
  413: ["payload_too_large"], 422: ["idempotency_key_reused"],
};
const JSON_BODY: ErrorCodes = { 400: ["invalid_json", "invalid_request"], 415: ["unsupported_media_type"] };
const CROSS_SITE: ErrorCodes = { 403: ["cross_site_request"] };
/** Session or PAT on a handle (requireHandleAccess). */
const MEMBER: ErrorCodes = { 401: ["unauthenticated"], 403: ["forbidden", "insufficient_scope"], 404: ["handle_not_found"] };
/** Dashboard session only: a PAT is refused with 403 forbidden. */
const SESSION: ErrorCodes = { 401: ["unauthenticated"], 403: ["forbidden"] };
const ON_HANDLE: ErrorCodes = { 404: ["handle_not_found"] };

/** The multipart routes of one file (resumable uploads; docs/architecture.md, upload lifecycle). */
const MULTIPART: ErrorCodes = { 404: ["file_not_found"], 409: ["not_multipart", "upload_complete", "upload_aborted"], 410: ["file_expired"] };
const FILE_PATCH_CODES = PATCH_RULE_ORDER;
const idempotencyKey = { name: "Idempotency-Key", description: "Replays the first answer for the same key and body within 24 h (1–255 printable characters)." };

function filesFamily(prefix: "/v2/handles" | "/v2/public/handles", auth: "member" | "pat"): Operation[] {
  const suffix = auth === "pat" ? "WithToken" : "";
  const tag = auth === "pat" ? "Files (PAT family)" : "Files";
  // Cookie-authenticated writes are checked for same origin; the PAT family takes no cookies.
  const write = auth === "member" ? merge(WRITE, CROSS_SITE) : WRITE;
  const base = merge(ANY, MEMBER, THROTTLED, DATABASE);
  return [
    {
      method: "get", path: `${prefix}/{handle}/files`, operationId: `listFiles${suffix}`, tag, auth,
      summary: "List files, newest first (at most 500); `?status=expired` lists those still inside the grace window",
      query: listFilesQuerySchema,
      success: [{ status: 200, description: "The files", schema: fileListSchema, name: "FileList" }],
      errors: merge(base, STORAGE, { 400: ["invalid_status"] }),
    },
    {
      method: "post", path: `${prefix}/{handle}/files`, operationId: `createFile${suffix}`, tag, auth,
      summary: "Create a file record and a presigned upload URL (15 minutes, one PUT of exactly sizeBytes); above MULTIPART_THRESHOLD_BYTES (default 16 MiB) a multipart upload instead",
      body: { schema: createFileSchema, name: "CreateFileRequest" }, headers: [idempotencyKey],
      success: [{ status: 201, description: "Created; upload the bytes to uploadUrl, or in parts (upload.method multipart: …/upload-parts, then …/complete)", schema: createdFileSchema, name: "CreatedFile" }],
      errors: merge(base, write, JSON_BODY, STORAGE, { 400: CREATE_RULE_ORDER, 409: ["docs_path_taken"], 422: ["policy_too_permissive"], 429: ["daily_write_limit_exceeded"] }),
    },
    {
      method: "get", path: `${prefix}/{handle}/files/{fileId}`, operationId: `getFile${suffix}`, tag, auth,
      summary: "One file",
      success: [{ status: 200, description: "The file", schema: fileViewSchema, name: "File" }],
      errors: merge(base, STORAGE, { 404: ["file_not_found"], 410: ["file_expired"] }),
    },
    {
      method: "patch", path: `${prefix}/{handle}/files/{fileId}`, operationId: `updateFile${suffix}`, tag, auth,
      summary: "Change access mode, allowlist or expiry (moving expiresAt into the future revives an expired file in its grace window)",
      body: { schema: updateFileSchema, name: "UpdateFileRequest" }, headers: [idempotencyKey],
      success: [{ status: 200, description: "The changed file", schema: fileViewSchema, name: "File" }],
      errors: merge(base, write, JSON_BODY, STORAGE, { 400: FILE_PATCH_CODES, 404: ["file_not_found"], 410: ["file_expired"], 422: ["policy_too_permissive"] }),
    },
    {
      method: "delete", path: `${prefix}/{handle}/files/{fileId}`, operationId: `deleteFile${suffix}`, tag, auth,
      summary: "Delete the stored object and the record",
      headers: [idempotencyKey],
      success: [{ status: 204, description: "Deleted" }],
      errors: merge(base, write, STORAGE, { 404: ["file_not_found"] }),
    },
    {
      method: "post", path: `${prefix}/{handle}/files/{fileId}/upload-parts`, operationId: `signUploadParts${suffix}`, tag, auth,
      summary: "Presigned PUT URLs (15 minutes) for parts of a pending multipart upload; mint them again at any time to resume. Each PUT answers the part's ETag",
      body: { schema: uploadPartsRequestSchema, name: "UploadPartsRequest" }, headers: [idempotencyKey],
      success: [{ status: 200, description: "One URL per part (send exactly the part's size: partSize, the last part the rest)", schema: signedPartListSchema, name: "SignedPartList" }],
      errors: merge(base, write, JSON_BODY, STORAGE, MULTIPART, { 400: ["invalid_part_numbers"] }),
    },
    {
      method: "get", path: `${prefix}/{handle}/files/{fileId}/upload-parts`, operationId: `listUploadedParts${suffix}`, tag, auth,
      summary: "The parts of a pending multipart upload the storage holds, so a client sends only the missing ones",
      success: [{ status: 200, description: "The stored parts, by part number", schema: storedPartListSchema, name: "StoredPartList" }],
      errors: merge(base, STORAGE, MULTIPART),
    },
    {
      method: "post", path: `${prefix}/{handle}/files/{fileId}/complete`, operationId: `completeUpload${suffix}`, tag, auth,
      summary: "Assemble the parts (every part 1..partCount once, with the ETag its PUT answered) and turn the file ready; a file already ready answers as it is",
      body: { schema: completeUploadSchema, name: "CompleteUploadRequest" }, headers: [idempotencyKey],
      success: [{ status: 200, description: "The file, ready", schema: fileViewSchema, name: "File" }],
      errors: merge(base, write, JSON_BODY, STORAGE, MULTIPART, { 400: ["invalid_parts"] }),
    },
    {
      method: "get", path: `${prefix}/{handle}/files/{fileId}/events`, operationId: `listFileEvents${suffix}`, tag, auth,
      summary: "The file's audit trail, newest first",
      success: [{ status: 200, description: "The events", schema: fileEventListSchema, name: "FileEventList" }],
      errors: merge(base, { 404: ["file_not_found"] }),
    },
    {
      method: "get", path: `${prefix}/{handle}/files/{fileId}/stats`, operationId: `getFileStats${suffix}`, tag, auth,
      summary: "Downloads from the audit trail: totals, the last 30 UTC days (zeros included), and the recipients of an allowlisted file",
      success: [{ status: 200, description: "The file's stats", schema: fileStatsSchema, name: "FileStats" }],
      errors: merge(base, { 404: ["file_not_found"] }),
    },
    {
      method: "post", path: `${prefix}/{handle}/files/{fileId}/invitations`, operationId: `sendFileInvitations${suffix}`, tag, auth,
      summary: "Email allowlisted addresses (all, or the listed ones) a link to the share page; never a token",
      body: { schema: invitationRequestSchema, name: "InvitationRequest" }, headers: [idempotencyKey],
      success: [{ status: 202, description: "Sent", schema: invitationsSentSchema, name: "InvitationsSent" }],
      errors: merge(base, write, JSON_BODY, MAIL, {
        400: ["invalid_email", "too_many_allowed_emails"], 403: ["email_not_allowlisted"], 404: ["file_not_found"], 409: ["not_allowlist_mode"], 410: ["file_expired"],
      }),
    },
    {
      method: "get", path: `${prefix}/{handle}/stats`, operationId: `getHandleStats${suffix}`, tag, auth,
      summary: "The handle's downloads: total, the last 30 UTC days (zeros included), and its top 10 files of those days",
      success: [{ status: 200, description: "The handle's stats", schema: handleStatsSchema, name: "HandleStats" }],
      errors: base,
    },
  ];
}

/** The document itself, as far as a client relies on it. */
const openApiDocumentSchema = z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).loose(), paths: z.record(z.string(), z.unknown()) }).loose();

const redirect = (description: string) => ({ description, headers: { Location: "Where to go next" } });

export const OPERATIONS: Operation[] = [
  ...filesFamily("/v2/handles", "member"),
  ...filesFamily("/v2/public/handles", "pat"),
  {
    method: "get", path: "/v2/public/files/{fileId}", operationId: "downloadFile", tag: "Sharing", auth: "none",
    summary: "Download: 302 to a URL valid for at most 5 minutes; browsers (Accept: text/html) that cannot download get 303 to the share page",
    success: [
      { status: 302, ...redirect("Redirect to the bytes (Cache-Control: no-store, Referrer-Policy: no-referrer)") },
      { status: 303, ...redirect("Browsers: redirect to the share page (email form, or the reason)") },
    ],
    errors: merge(ANY, THROTTLED, DATABASE, STORAGE, {
      401: ["magic_link_required"], 403: ["email_not_allowlisted", "file_not_yet_available"], 404: ["file_not_found"], 409: ["upload_incomplete"],
      410: ["file_expired", "download_limit_reached"],
    }),
  },
  {
    method: "post", path: "/v2/public/files/{fileId}/magic-link", operationId: "requestFileMagicLink", tag: "Sharing", auth: "none",
    summary: "Email a one-time link to an allowlisted address",
    body: { schema: magicLinkRequestSchema, name: "MagicLinkRequest", form: true }, headers: [idempotencyKey],
    success: [{ status: 202, description: "Sent", schema: fileMagicLinkSentSchema, name: "FileMagicLinkSent" }],
    errors: merge(ANY, WRITE, JSON_BODY, THROTTLED, DATABASE, MAIL, {
      400: ["invalid_email"], 403: ["email_not_allowlisted", "file_not_yet_available"], 404: ["file_not_found"], 409: ["not_allowlist_mode"],
      410: ["file_expired", "download_limit_reached"],
    }),
  },
  {
    method: "post", path: "/v2/public/files/{fileId}/magic-link/verify", operationId: "verifyFileMagicLink", tag: "Sharing", auth: "none",
    summary: "Consume the token and set the visitor grant cookie (same-origin only); forms get 303 to the download or the share page",
    body: { schema: magicLinkVerifySchema, name: "MagicLinkVerifyRequest", form: true }, headers: [idempotencyKey],
    success: [
      { status: 200, description: "Verified; the grant cookie is set", schema: fileMagicLinkVerifiedSchema, name: "FileMagicLinkVerified", headers: { "Set-Cookie": "The visitor grant (24 h, HttpOnly)" } },
      { status: 303, ...redirect("Form posts: to the download (grant set) or to the share page with the reason") },
    ],
    errors: merge(ANY, WRITE, JSON_BODY, CROSS_SITE, THROTTLED, DATABASE, {
      400: ["invalid_magic_link"], 403: ["email_not_allowlisted", "file_not_yet_available"], 404: ["file_not_found"],
      410: ["file_expired", "download_limit_reached"],
    }),
  },
  {
    method: "get", path: "/v2/handles/{handle}/internal-docs/access", operationId: "getDocsPolicy", tag: "Internal docs", auth: "member",
    summary: "The internal-docs access policy (VIEWER+; PAT: files.read), with warnings; ETag is its version",
    success: [{ status: 200, description: "The policy", schema: docsPolicyViewSchema, name: "DocsPolicy", headers: { ETag: "The policy version, for If-Match" } }],
    errors: merge(ANY, MEMBER, THROTTLED, DATABASE),
  },
  {
    method: "put", path: "/v2/handles/{handle}/internal-docs/access", operationId: "replaceDocsPolicy", tag: "Internal docs", auth: "member",
    summary: "Replace the policy (ADMIN+; PAT: files.write); 422 policy_too_permissive for confidential docs exposed too widely",
    body: { schema: docsPolicyInputSchema, name: "DocsPolicyInput" },
    headers: [idempotencyKey, { name: "If-Match", description: "The version read (ETag): refuse with 412 if it changed since" }],
    success: [{ status: 200, description: "The new policy", schema: docsPolicyViewSchema, name: "DocsPolicy", headers: { ETag: "The new version" } }],
    errors: merge(ANY, MEMBER, WRITE, CROSS_SITE, JSON_BODY, THROTTLED, DATABASE, {
      400: ["invalid_docs_policy", "invalid_email", "too_many_allowed_emails", "invalid_domain", "invalid_window", "allowed_emails_required"],
      409: ["policy_update_conflict"], 412: ["precondition_failed"], 422: ["policy_too_permissive"],
    }),
  },
  {
    method: "post", path: "/v2/public/docs/{handle}/magic-link", operationId: "requestDocsMagicLink", tag: "Internal docs", auth: "none",
    summary: "Email a one-time docs link to an allowlisted address or domain (the docs pages' form gets HTML pages)",
    body: { schema: docsMagicLinkRequestSchema, name: "DocsMagicLinkRequest", form: true }, headers: [idempotencyKey],
    success: [{ status: 202, description: "Sent", schema: docsMagicLinkSentSchema, name: "DocsMagicLinkSent", html: true }],
    htmlErrors: true,
    errors: merge(ANY, WRITE, JSON_BODY, CROSS_SITE, THROTTLED, DATABASE, MAIL, {
      400: ["invalid_email"], 403: ["email_not_allowlisted", "docs_access_window_closed"], 404: ["handle_not_found"], 409: ["not_allowlist_mode"],
    }),
  },
  {
    method: "post", path: "/v2/public/docs/{handle}/magic-link/verify", operationId: "verifyDocsMagicLink", tag: "Internal docs", auth: "none",
    summary: "Consume the token and set the docs grant cookie (same-origin only); forms get 303 to the docs index",
    body: { schema: docsMagicLinkVerifySchema, name: "DocsMagicLinkVerifyRequest", form: true }, headers: [idempotencyKey],
    success: [
      { status: 200, description: "Verified; the grant cookie is set", schema: docsMagicLinkVerifiedSchema, name: "DocsMagicLinkVerified", headers: { "Set-Cookie": "The docs grant (24 h, HttpOnly)" } },
      { status: 303, ...redirect("Form posts: to the docs index (grant set)") },
    ],
    htmlErrors: true,
    errors: merge(ANY, WRITE, JSON_BODY, CROSS_SITE, THROTTLED, DATABASE, {
      400: ["invalid_magic_link"], 403: ["email_not_allowlisted", "docs_access_window_closed"], 404: ["handle_not_found"], 409: ["not_allowlist_mode"],
    }),
  },
  {
    method: "post", path: "/v2/support/report", operationId: "createSupportReport", tag: "Support", auth: "none",
    summary: "File a support report (visitors too; linked to the user when signed in)",
    body: { schema: supportReportSchema, name: "SupportReportRequest" }, headers: [idempotencyKey],
    success: [{ status: 201, description: "Stored", schema: supportReportCreatedSchema, name: "SupportReportCreated" }],
    errors: merge(ANY, WRITE, JSON_BODY, CROSS_SITE, THROTTLED, DATABASE, {
      400: ["invalid_summary", "invalid_details", "invalid_handle", "invalid_session_id", "invalid_request_id", "invalid_repro_artifact"],
    }),
  },
  {
    method: "get", path: "/v2/handles", operationId: "listHandles", tag: "Handles", auth: "session",
    summary: "The signed-in user's handles and roles (dashboard session only)",
    success: [{ status: 200, description: "The handles", schema: handleListSchema, name: "HandleList" }],
    errors: merge(ANY, SESSION, THROTTLED, DATABASE),
  },
  {
    method: "post", path: "/v2/handles", operationId: "createHandle", tag: "Handles", auth: "session",
    summary: "Create a handle, owned by the caller",
    body: { schema: createHandleSchema, name: "CreateHandleRequest" }, headers: [idempotencyKey],
    success: [{ status: 201, description: "Created", schema: createdHandleSchema, name: "CreatedHandle" }],
    errors: merge(ANY, SESSION, WRITE, CROSS_SITE, JSON_BODY, THROTTLED, DATABASE, { 400: ["invalid_handle"], 409: ["handle_taken"] }),
  },
  {
    method: "get", path: "/v2/handles/{handle}/tokens", operationId: "listTokens", tag: "Tokens", auth: "session",
    summary: "Personal access tokens of the handle (ADMIN+; never the secret)",
    success: [{ status: 200, description: "The tokens", schema: tokenListSchema, name: "TokenList" }],
    errors: merge(ANY, SESSION, ON_HANDLE, THROTTLED, DATABASE),
  },
  {
    method: "post", path: "/v2/handles/{handle}/tokens", operationId: "createToken", tag: "Tokens", auth: "session",
    summary: "Create a token for the caller (the secret is shown this once)",
    body: { schema: createTokenSchema, name: "CreateTokenRequest" }, headers: [idempotencyKey],
    success: [{ status: 201, description: "Created", schema: createdTokenSchema, name: "CreatedToken" }],
    errors: merge(ANY, SESSION, ON_HANDLE, WRITE, CROSS_SITE, JSON_BODY, THROTTLED, DATABASE, {
      400: ["invalid_token_name", "invalid_scopes", "invalid_expires_in_days"], 404: ["member_not_found"],
    }),
  },
  {
    method: "delete", path: "/v2/handles/{handle}/tokens/{tokenId}", operationId: "revokeToken", tag: "Tokens", auth: "session",
    summary: "Revoke a token (effective on its next use)",
    headers: [idempotencyKey],
    success: [{ status: 204, description: "Revoked" }],
    errors: merge(ANY, SESSION, ON_HANDLE, WRITE, CROSS_SITE, THROTTLED, DATABASE, { 404: ["token_not_found"] }),
  },
  {
    method: "get", path: "/v2/handles/{handle}/members", operationId: "listMembers", tag: "Members", auth: "session",
    summary: "Members and their roles (ADMIN+)",
    success: [{ status: 200, description: "The members", schema: memberListSchema, name: "MemberList" }],
    errors: merge(ANY, SESSION, ON_HANDLE, THROTTLED, DATABASE),
  },
  {
    method: "post", path: "/v2/handles/{handle}/members", operationId: "addMember", tag: "Members", auth: "session",
    summary: "Add a member by email (or change the role of an existing one); only owners add owners",
    body: { schema: addMemberSchema, name: "AddMemberRequest" }, headers: [idempotencyKey],
    success: [{ status: 201, description: "Added", schema: addedMemberSchema, name: "AddedMember" }],
    errors: merge(ANY, SESSION, ON_HANDLE, WRITE, CROSS_SITE, JSON_BODY, THROTTLED, DATABASE, { 400: ["invalid_email", "invalid_role"], 409: ["last_owner"] }),
  },
  {
    method: "patch", path: "/v2/handles/{handle}/members/{userId}", operationId: "changeMemberRole", tag: "Members", auth: "session",
    summary: "Change a member's role (a handle keeps at least one owner)",
    body: { schema: changeMemberRoleSchema, name: "ChangeMemberRoleRequest" }, headers: [idempotencyKey],
    success: [{ status: 200, description: "Changed", schema: memberRoleChangedSchema, name: "MemberRoleChanged" }],
    errors: merge(ANY, SESSION, ON_HANDLE, WRITE, CROSS_SITE, JSON_BODY, THROTTLED, DATABASE, {
      400: ["invalid_role"], 404: ["member_not_found"], 409: ["last_owner"],
    }),
  },
  {
    method: "delete", path: "/v2/handles/{handle}/members/{userId}", operationId: "removeMember", tag: "Members", auth: "session",
    summary: "Remove a member (effective on their next request)",
    headers: [idempotencyKey],
    success: [{ status: 204, description: "Removed" }],
    errors: merge(ANY, SESSION, ON_HANDLE, WRITE, CROSS_SITE, THROTTLED, DATABASE, { 404: ["member_not_found"], 409: ["last_owner"] }),
  },
  {
    method: "get", path: "/_edge/docs/{handle}/{docsPath}", operationId: "readInternalDoc", tag: "Internal docs", auth: "edge",
    summary: "An internal doc (docsPath may hold slashes): Markdown rendered to sanitized HTML, other types streamed; /_edge/docs/{handle}/ is the index. Browsers get HTML pages for errors",
    success: [{ status: 200, description: "The doc, or the index", media: ["text/html", "*/*"] }],
    htmlErrors: true,
    errors: merge(ANY, DATABASE, STORAGE, {
      400: ["invalid_path"], 401: ["unauthenticated", "magic_link_required"],
      403: ["forbidden", "insufficient_scope", "email_not_allowlisted", "docs_access_window_closed"],
      404: ["handle_not_found", "doc_not_found"], 410: ["file_expired"],
    }),
  },
  {
    method: "get", path: "/v2/openapi.json", operationId: "getOpenApiDocument", tag: "Meta", auth: "none",
    summary: "This document",
    success: [{ status: 200, description: "OpenAPI 3.1", schema: openApiDocumentSchema, name: "OpenApiDocument" }],
    errors: { 500: ["internal_error"] },
  },
];

/** What every /v2 path answers to a method it does not have (scripts/server.ts). */
export const METHOD_NOT_ALLOWED_CODES = ["method_not_allowed"];
/** What any other path under /v2 answers (app/v2/[...rest]/route.ts and the HTTP front). */
export const UNKNOWN_ROUTE: ErrorCodes = { 400: ["invalid_path"], 404: ["not_found"], 405: ["method_not_allowed"], 500: ["internal_error"] };
