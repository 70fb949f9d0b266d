import { requestSignInLink } from "@/lib/auth/sign-in-link";
import { assertSameOrigin } from "@/lib/http/origin";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ auth: "none" }, async ({ req, body, clientIp }) => {
  assertSameOrigin(req.headers);
  const { email, callbackUrl } = body();
  await requestSignInLink(email, callbackUrl, clientIp);
  return json({ status: "sent" }, 202);
});
