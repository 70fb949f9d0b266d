import { z } from "zod";
import { createFileSchema, updateFileSchema, magicLinkRequestSchema, magicLinkVerifySchema } from "../schemas/files";
import { supportReportSchema } from "../schemas/support";
import { docsMagicLinkRequestSchema, docsMagicLinkVerifySchema, docsPolicyInputSchema, docsPolicyViewSchema } from "../schemas/docs-policy";

// OpenAPI 3.1 generated from the same zod schemas that validate requests, so the
// description cannot drift from what the API accepts.
const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

const problem = { $ref: "#/components/schemas/Problem" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Problem details (RFC 9457)", content: { "application/problem+json": { schema: problem } } }]));
const jsonBody = (s: z.ZodType) => ({ required: true, content: { "application/json": { schema: schema(s) } } });
const ok = (description: string, ref?: string) => ({
  description,
  ...(ref ? { content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } } : {}),
});
const idempotencyKey = { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } };
const handleParam = { name: "handle", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{1,38}$" } };
const fileIdParam = { name: "fileId", in: "path", required: true, schema: { type: "string", pattern: "^fil_[A-Za-z0-9]+$" } };

function filesPaths(prefix: string, security: unknown[]) {
  return {
    [`${prefix}/{handle}/files`]: {
      parameters: [handleParam],
      get: { summary: "List files (newest first, at most 500)", security, parameters: [{ name: "status", in: "query", schema: { enum: ["expired"] } }], responses: { 200: ok("Files", "FileList"), ...errors(401, 403, 404, 429) } },
      post: { summary: "Create a file record and a presigned upload URL", security, parameters: [idempotencyKey], requestBody: jsonBody(createFileSchema), responses: { 201: ok("Created", "CreatedFile"), ...errors(400, 401, 403, 404, 409, 422, 429, 503) } },
    },
    [`${prefix}/{handle}/files/{fileId}`]: {
      parameters: [handleParam, fileIdParam],
      get: { summary: "One file", security, responses: { 200: ok("File", "File"), ...errors(401, 403, 404, 410) } },
      patch: { summary: "Change access mode, allowlist or expiry (revives an expired file in its grace window)", security, parameters: [idempotencyKey], requestBody: jsonBody(updateFileSchema), responses: { 200: ok("File", "File"), ...errors(400, 401, 403, 404, 410, 422) } },
      delete: { summary: "Delete the object and the record", security, parameters: [idempotencyKey], responses: { 204: ok("Deleted"), ...errors(401, 403, 404, 503) } },
    },
    [`${prefix}/{handle}/files/{fileId}/events`]: {
      parameters: [handleParam, fileIdParam],
      get: { summary: "The file's audit trail", security, responses: { 200: ok("Events"), ...errors(401, 403, 404) } },
    },
  };
}

export function openApiDocument(serverUrl: string) {
  const sessionOrPat = [{ bearerPat: [] }, { session: [] }];
  const patOnly = [{ bearerPat: [] }];
  return {
    openapi: "3.1.0",
    info: { title: "Gharart Files API", version: "2.0.0", description: "Files, sharing and internal docs behind a handle. Errors are RFC 9457 problem details with `code` and `requestId`." },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearerPat: { type: "http", scheme: "bearer", description: "Personal access token: ghf_ + 36 base62 + 6-char CRC32 checksum" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: {
        Problem: { type: "object", required: ["type", "title", "status", "code", "requestId"], properties: { type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, code: { type: "string" }, requestId: { type: "string" } } },
        File: { type: "object", properties: { id: { type: "string" }, handle: { type: "string" }, fileName: { type: "string" }, sizeBytes: { type: "integer" }, contentType: { type: "string" }, accessMode: { enum: ["PUBLIC", "EMAIL_ALLOWLIST"] }, allowedEmails: { type: "array", items: { type: "string" } }, expiresAt: { type: ["string", "null"], format: "date-time" }, status: { enum: ["pending", "ready"] }, publicUrl: { type: "string" }, docsPath: { type: ["string", "null"] }, createdAt: { type: "string" }, updatedAt: { type: "string" } } },
        FileList: { type: "object", properties: { files: { type: "array", items: { $ref: "#/components/schemas/File" } } } },
        CreatedFile: { type: "object", properties: { file: { $ref: "#/components/schemas/File" }, uploadUrl: { type: "string" }, uploadMethod: { const: "PUT" }, uploadHeaders: { type: "object", additionalProperties: { type: "string" } }, uploadExpiresAt: { type: "string" }, publicUrl: { type: "string" } } },
      },
    },
    paths: {
      ...filesPaths("/v2/handles", sessionOrPat),
      ...filesPaths("/v2/public/handles", patOnly),
      "/v2/public/files/{fileId}": {
        parameters: [fileIdParam],
        get: { summary: "Download: 302 to a URL valid ≤ 5 minutes", security: [], responses: { 302: ok("Redirect to the bytes"), ...errors(401, 403, 404, 409, 410, 429) } },
      },
      "/v2/public/files/{fileId}/magic-link": {
        parameters: [fileIdParam],
        post: { summary: "Email a one-time link to an allowlisted address", security: [], requestBody: jsonBody(magicLinkRequestSchema), responses: { 202: ok("Sent"), ...errors(400, 403, 404, 409, 410, 429) } },
      },
      "/v2/public/files/{fileId}/magic-link/verify": {
        parameters: [fileIdParam],
        post: { summary: "Consume the token; sets the visitor grant cookie", security: [], requestBody: jsonBody(magicLinkVerifySchema), responses: { 200: ok("Verified"), 303: ok("Redirect to the download (form posts)"), ...errors(400, 403, 404, 410, 429) } },
      },
      "/v2/handles/{handle}/internal-docs/access": {
        parameters: [handleParam],
        get: { summary: "The internal-docs access policy (VIEWER+)", security: sessionOrPat, responses: { 200: { description: "Policy, with warnings", content: { "application/json": { schema: schema(docsPolicyViewSchema) } } }, ...errors(401, 403, 404) } },
        put: { summary: "Replace the policy (ADMIN+); 422 policy_too_permissive for confidential docs exposed too widely", security: sessionOrPat, parameters: [{ name: "If-Match", in: "header", required: false, schema: { type: "string" } }], requestBody: jsonBody(docsPolicyInputSchema), responses: { 200: { description: "Policy, with warnings", content: { "application/json": { schema: schema(docsPolicyViewSchema) } } }, ...errors(400, 401, 403, 404, 412, 422) } },
      },
      "/v2/public/docs/{handle}/magic-link": {
        parameters: [handleParam],
        post: { summary: "Email a one-time docs link to an allowlisted address or domain", security: [], requestBody: jsonBody(docsMagicLinkRequestSchema), responses: { 202: ok("Sent"), ...errors(400, 403, 404, 409, 429) } },
      },
      "/v2/public/docs/{handle}/magic-link/verify": {
        parameters: [handleParam],
        post: { summary: "Consume the token; sets the docs grant cookie", security: [], requestBody: jsonBody(docsMagicLinkVerifySchema), responses: { 200: ok("Verified"), 303: ok("Redirect to the docs index (form posts)"), ...errors(400, 403, 404, 409, 429) } },
      },
      "/_edge/docs/{handle}/{docsPath}": {
        parameters: [handleParam, { name: "docsPath", in: "path", required: true, schema: { type: "string" } }],
        get: { summary: "An internal doc: Markdown rendered to sanitized HTML, other types streamed; the index at /_edge/docs/{handle}/", security: [{ bearerPat: [] }, { session: [] }, {}], responses: { 200: ok("The doc"), ...errors(400, 401, 403, 404, 410) } },
      },
      "/v2/support/report": {
        post: { summary: "File a support report", security: [], requestBody: jsonBody(supportReportSchema), responses: { 201: ok("Stored"), ...errors(400, 413, 429) } },
      },
      "/v2/handles": {
        get: { summary: "Handles of the signed-in user", security: [{ session: [] }], responses: { 200: ok("Handles"), ...errors(401) } },
        post: { summary: "Create a handle", security: [{ session: [] }], responses: { 201: ok("Created"), ...errors(400, 401, 409) } },
      },
      "/v2/handles/{handle}/tokens": {
        parameters: [handleParam],
        get: { summary: "List personal access tokens (never the secret)", security: [{ session: [] }], responses: { 200: ok("Tokens"), ...errors(401, 403, 404) } },
        post: { summary: "Create a token (secret shown once)", security: [{ session: [] }], responses: { 201: ok("Created"), ...errors(400, 401, 403, 404) } },
      },
      "/v2/handles/{handle}/tokens/{tokenId}": {
        parameters: [handleParam, { name: "tokenId", in: "path", required: true, schema: { type: "string" } }],
        delete: { summary: "Revoke a token", security: [{ session: [] }], responses: { 204: ok("Revoked"), ...errors(401, 403, 404) } },
      },
      "/v2/handles/{handle}/members": {
        parameters: [handleParam],
        get: { summary: "Members and roles", security: [{ session: [] }], responses: { 200: ok("Members"), ...errors(401, 403, 404) } },
        post: { summary: "Add a member by email", security: [{ session: [] }], responses: { 201: ok("Added"), ...errors(400, 401, 403, 404) } },
      },
      "/v2/handles/{handle}/members/{userId}": {
        parameters: [handleParam, { name: "userId", in: "path", required: true, schema: { type: "string" } }],
        patch: { summary: "Change a member's role", security: [{ session: [] }], responses: { 200: ok("Changed"), ...errors(400, 401, 403, 404, 409) } },
        delete: { summary: "Remove a member", security: [{ session: [] }], responses: { 204: ok("Removed"), ...errors(401, 403, 404, 409) } },
      },
    } as Record<string, unknown>,
  };
}
