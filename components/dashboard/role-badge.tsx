import type { Role } from "@/lib/ui/api-types";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<Role, BadgeTone> = { OWNER: "violet", ADMIN: "blue", CREATOR: "green", VIEWER: "slate" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONE[role]}>{role.charAt(0) + role.slice(1).toLowerCase()}</Badge>;
}
