import type { z } from "zod";
import type { ROLES } from "../auth/roles";
import type { ACCESS_MODES, createdFileSchema, fileEventSchema, fileViewSchema } from "../schemas/files";
import type { DOCS_MODES, docsPolicyViewSchema } from "../schemas/docs-policy";
import type { handleItemSchema, memberViewSchema } from "../schemas/handles";
import type { tokenViewSchema } from "../schemas/tokens";

// The JSON the /v2 API answers, as the dashboard sees it: inferred from the same zod
// schemas that type the handlers' views and generate /v2/openapi.json (type-only imports,
// so nothing of the server code reaches the browser bundle).
export type Role = (typeof ROLES)[number];
export type AccessMode = (typeof ACCESS_MODES)[number];
export type DocsMode = (typeof DOCS_MODES)[number];

export type HandleItem = z.infer<typeof handleItemSchema>;
export type FileItem = z.infer<typeof fileViewSchema>;
export type CreatedUpload = z.infer<typeof createdFileSchema>;
export type AuditEventItem = z.infer<typeof fileEventSchema>;
export type TokenItem = z.infer<typeof tokenViewSchema>;
export type MemberItem = z.infer<typeof memberViewSchema>;
export type DocsPolicy = z.infer<typeof docsPolicyViewSchema>;

export const ROLE_ORDER: Role[] = ["VIEWER", "CREATOR", "ADMIN", "OWNER"];

/** Mirrors lib/auth/roles roleAtLeast, for hiding controls only: the API decides. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(required);
}
