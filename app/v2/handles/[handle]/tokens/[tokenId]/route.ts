import { actorFrom } from "@/lib/audit/audit";
import { revokeToken } from "@/lib/auth/pats";
import { noContent } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const DELETE = route<{ handle: string; tokenId: string }>(
  { auth: "session", role: "ADMIN", throttle: "tokens" },
  async ({ access, params, principal, requestId }) => {
    await revokeToken(access!.handle.id, params.tokenId, actorFrom(principal, requestId));
    return noContent();
  },
);
