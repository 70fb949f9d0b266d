import { actorFrom } from "@/lib/audit/audit";
import { changeMemberRole, removeMember } from "@/lib/handles/handles";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

type Params = { handle: string; userId: string };

export const PATCH = route<Params>({ auth: "session", role: "ADMIN", throttle: "members" }, async ({ access, params, body, principal, requestId }) => {
  await changeMemberRole(access!.handle.id, params.userId, body().role, access!.role, actorFrom(principal, requestId));
  return json({ userId: params.userId, role: body().role });
});

export const DELETE = route<Params>({ auth: "session", role: "ADMIN", throttle: "members" }, async ({ access, params, principal, requestId }) => {
  await removeMember(access!.handle.id, params.userId, access!.role, actorFrom(principal, requestId));
  return noContent();
});
