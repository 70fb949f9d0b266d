export const ROLES = ["VIEWER", "CREATOR", "ADMIN", "OWNER"] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ["files.read", "files.write"] as const;
export type Scope = (typeof SCOPES)[number];

/** OWNER > ADMIN > CREATOR > VIEWER. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
