import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "member", role: "CREATOR", scope: "files.read", throttle: "files.list" }, async ({ access }) => {
  const files = await (await db()).file.findMany({ where: { handleId: access!.handle.id }, take: 500, orderBy: { createdAt: "desc" } });
  return json({ files });
});
