import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { requestFileMagicLink } from "@/lib/sharing/magic-link";

export const dynamic = "force-dynamic";

export const POST = route<{ fileId: string }>({ auth: "none" }, async ({ params, body, clientIp, requestId }) => {
  await requestFileMagicLink(params.fileId, body().email, clientIp, requestId);
  return json({ status: "sent", expiresInSeconds: 600 }, 202);
});
