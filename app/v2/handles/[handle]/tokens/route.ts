import { actorFrom } from "@/lib/audit/audit";
import { createToken, listTokens, toTokenView } from "@/lib/auth/pats";
import { created, json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import type { Scope } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "session", role: "ADMIN", throttle: "tokens" }, async ({ access }) =>
  json({ tokens: (await listTokens(access!.handle.id)).map(toTokenView) }),
);

export const POST = route({ auth: "session", role: "ADMIN", throttle: "tokens" }, async ({ access, principal, body, requestId }) => {
  const { name, scopes, expiresInDays } = body() as { name?: unknown; scopes?: unknown; expiresInDays?: unknown };
  const { token, summary } = await createToken({
    userId: principal!.userId,
    handleId: access!.handle.id,
    name: typeof name === "string" ? name : "",
    scopes: Array.isArray(scopes) ? (scopes as Scope[]) : [],
    expiresInDays: expiresInDays === undefined ? undefined : Number(expiresInDays),
  }, actorFrom(principal, requestId));
  return created({ token, ...toTokenView(summary) });
});
