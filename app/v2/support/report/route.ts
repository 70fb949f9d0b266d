import { sessionUser } from "@/lib/auth/session";
import { assertSameOrigin } from "@/lib/http/origin";
import { created } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { createSupportReport } from "@/lib/support/create-report";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "none" }, async ({ req, body, clientIp, requestId }) => {
  const user = await sessionUser(req);
  if (user) assertSameOrigin(req.headers); // a cookie-authenticated write
  return created(await createSupportReport(body(), { userId: user?.id ?? null, clientIp, requestId }));
});
