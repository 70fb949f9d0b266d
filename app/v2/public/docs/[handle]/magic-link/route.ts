import { requestDocsMagicLink } from "@/lib/docs/docs-magic-link";
import { edgeDocsUrl } from "@/lib/docs/docs-path";
import { formErrorResponse, isHtmlFormPost, noticeResponse } from "@/lib/docs/visitor-forms";
import { validate } from "@/lib/http/body";
import { assertSameOrigin } from "@/lib/http/origin";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { docsMagicLinkRequestSchema } from "@/lib/schemas/docs-policy";

export const dynamic = "force-dynamic";

// POST { email } → 202 and an email with a link to the scanner-safe Continue page.
// The docs pages' email form posts here too and gets a page instead of JSON.
export const POST = route<{ handle: string }>({ auth: "none", body: "json-or-form" }, async ({ req, params, body, clientIp, requestId }) => {
  const form = isHtmlFormPost(req);
  try {
    assertSameOrigin(req.headers);
    const { email } = validate(docsMagicLinkRequestSchema, body(), { email: "invalid_email" });
    await requestDocsMagicLink({ slug: params.handle, email, clientIp, requestId });
    if (!form) return json({ status: "sent" }, 202);
    return noticeResponse(202, {
      title: "Check your inbox",
      message: "We sent you a one-time link to open these docs. It works once and expires in 10 minutes.",
      handle: params.handle,
      requestId,
      back: { href: edgeDocsUrl(params.handle), label: "Back" },
    });
  } catch (error) {
    if (!form) throw error;
    return formErrorResponse(error, params.handle, requestId);
  }
});
