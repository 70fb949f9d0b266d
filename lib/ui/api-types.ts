// The JSON the /v2 API answers, as the dashboard sees it (dates are ISO strings on the wire).
export type Role = "OWNER" | "ADMIN" | "CREATOR" | "VIEWER";
export type AccessMode = "PUBLIC" | "EMAIL_ALLOWLIST";

export interface HandleItem {
  slug: string;
  role: Role;
  createdAt: string;
}

export interface FileItem {
  id: string;
  handle: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
  accessMode: AccessMode;
  allowedEmails: string[];
  expiresAt: string | null;
  status: "pending" | "ready";
  /** Null for internal docs: they are read at docsUrl, never through the public URL. */
  publicUrl: string | null;
  createdAt: string;
  updatedAt: string;
  docsPath?: string | null;
  docsUrl?: string | null;
}

export interface CreatedUpload {
  file: FileItem;
  uploadUrl: string;
  uploadMethod: "PUT";
  uploadHeaders: Record<string, string>;
  uploadExpiresAt: string;
  publicUrl: string | null;
  docsUrl?: string | null;
}

export interface AuditEventItem {
  id: string;
  action: string;
  createdAt: string;
  actor: { kind: string; email: string | null };
  detail: Record<string, unknown> | null;
}

export interface TokenItem {
  id: string;
  name: string;
  last4: string;
  scopes: ("files.read" | "files.write")[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

export interface MemberItem {
  userId: string;
  email: string;
  role: Role;
  createdAt: string;
}

export type DocsMode = "PRIVATE" | "MEMBERS" | "EMAIL_ALLOWLIST" | "PUBLIC";

export interface DocsPolicy {
  mode: DocsMode;
  allowedEmails: string[];
  allowedDomains: string[];
  confidential: boolean;
  startsAt?: string | null;
  endsAt?: string | null;
  version?: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
  warnings?: { code: string; message: string }[];
}

export const ROLE_ORDER: Role[] = ["VIEWER", "CREATOR", "ADMIN", "OWNER"];

/** Mirrors lib/auth/roles roleAtLeast, for hiding controls only: the API decides. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(required);
}
