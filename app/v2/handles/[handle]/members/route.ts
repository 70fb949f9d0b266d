import { actorFrom } from "@/lib/audit/audit";
import { addMember, listMembers } from "@/lib/handles/handles";
import { created, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "session", role: "ADMIN", throttle: "members" }, async ({ access }) =>
  json({ members: await listMembers(access!.handle.id) }),
);

export const POST = route({ auth: "session", role: "ADMIN", throttle: "members" }, async ({ access, body, principal, requestId }) => {
  const { email, role } = body();
  return created({ member: await addMember(access!.handle.id, email, role, access!.role, actorFrom(principal, requestId)) });
});
