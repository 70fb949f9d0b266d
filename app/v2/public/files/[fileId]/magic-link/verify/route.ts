import { config } from "@/lib/config";
import { isFormType } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { assertSameOrigin } from "@/lib/http/origin";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { verifyFileMagicLink } from "@/lib/sharing/magic-link";

export const dynamic = "force-dynamic";

// The click on "Continue to download": consumes the token, sets the grant cookie.
// Same-origin only (login CSRF). Forms get 303 to the download; JSON clients get 200.
export const POST = route<{ fileId: string }>({ auth: "none", body: "json-or-form" }, async ({ req, params, body, clientIp, requestId }) => {
  assertSameOrigin(req.headers);
  const isForm = isFormType(req.headers.get("content-type"));
  const publicUrl = `${config().appUrl}/v2/public/files/${params.fileId}`;
  try {
    const { email, cookie } = await verifyFileMagicLink(params.fileId, body().token, requestId, clientIp);
    if (isForm) {
      return new Response(null, {
        status: 303,
        headers: { Location: publicUrl, "Set-Cookie": cookie.header, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
      });
    }
    return json({ status: "verified", email, downloadUrl: publicUrl }, 200, { "Set-Cookie": cookie.header });
  } catch (error) {
    if (isForm && error instanceof ApiError && error.status < 500 && error.status !== 429) {
      const page = `${config().appUrl}/share/${encodeURIComponent(params.fileId)}?reason=${error.code}`;
      return new Response(null, { status: 303, headers: { Location: page, "Cache-Control": "no-store" } });
    }
    throw error;
  }
});
