import { actorFrom } from "@/lib/audit/audit";
import { createHandle, handlesForUser, toHandleItemView } from "@/lib/handles/handles";
import { created, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

// The handles the signed-in user belongs to, and "create your handle".
export const GET = route({ auth: "session", throttle: "handles" }, async ({ principal }) =>
  json({ handles: (await handlesForUser(principal!.userId)).map(toHandleItemView) }),
);

export const POST = route({ auth: "session", throttle: "handles" }, async ({ principal, body, requestId }) => {
  const { handle } = body();
  const createdHandle = await createHandle(String(handle ?? ""), principal!.userId, actorFrom(principal, requestId));
  return created({ handle: { slug: createdHandle.slug, role: "OWNER" } });
});
