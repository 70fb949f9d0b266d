"use client";

import { ROLE_ORDER, type Role } from "@/lib/ui/api-types";
import { inputClass } from "../ui/field";

export const ROLE_HELP: Record<Role, string> = {
  OWNER: "Everything, including owners",
  ADMIN: "Tokens, members, docs policy",
  CREATOR: "Upload and share files",
  VIEWER: "Read internal docs",
};

/** Roles the actor may hand out: only an owner grants OWNER (the API enforces this too). */
export function assignableRoles(actor: Role): Role[] {
  return [...ROLE_ORDER].reverse().filter((r) => r !== "OWNER" || actor === "OWNER");
}

export function RoleSelect({ id, label, value, actor, onChange, disabled, className = "" }: {
  id: string; label: string; value: Role; actor: Role; onChange: (role: Role) => void; disabled?: boolean; className?: string;
}) {
  const options = assignableRoles(actor);
  return (
    <select id={id} aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Role)}
      className={`${inputClass} ${className}`}>
      {!options.includes(value) && <option value={value}>{value.charAt(0) + value.slice(1).toLowerCase()}</option>}
      {options.map((role) => (
        <option key={role} value={role}>{role.charAt(0) + role.slice(1).toLowerCase()}</option>
      ))}
    </select>
  );
}
