import { verifyDocsMagicLink } from "@/lib/docs/docs-magic-link";
import { formErrorResponse, isHtmlFormPost } from "@/lib/docs/visitor-forms";
import { isFormType, validate } from "@/lib/http/body";
import { assertSameOrigin } from "@/lib/http/origin";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { docsMagicLinkVerifySchema } from "@/lib/schemas/docs-policy";

export const dynamic = "force-dynamic";

// POST { token } (the Continue button's form, or JSON): consumes the token once, sets the
// docs grant cookie. Same-origin only: a foreign page must not log a victim into the
// attacker's grant (login CSRF). Forms get 303 to the docs; JSON clients 200 + cookie.
export const POST = route<{ handle: string }>({ auth: "none", throttle: "docs_magic_link.verify", body: "json-or-form" }, async ({ req, params, body, requestId }) => {
  const form = isFormType(req.headers.get("content-type"));
  try {
    assertSameOrigin(req.headers);
    const { token } = validate(docsMagicLinkVerifySchema, body(), { token: "invalid_magic_link" });
    const verified = await verifyDocsMagicLink({ slug: params.handle, token, requestId });
    const headers = { "Set-Cookie": verified.setCookie, "Referrer-Policy": "no-referrer" };
    if (form) return new Response(null, { status: 303, headers: { ...headers, Location: verified.docsUrl, "Cache-Control": "no-store" } });
    return json({ status: "verified", email: verified.email, docsUrl: verified.docsUrl }, 200, headers);
  } catch (error) {
    if (!isHtmlFormPost(req)) throw error;
    return formErrorResponse(error, params.handle, requestId);
  }
});
