import { actorFrom } from "@/lib/audit/audit";
import { docsPolicyView, etagFor, loadDocsPolicy, parseIfMatch, replaceDocsPolicy } from "@/lib/docs/policy";
import { validate } from "@/lib/http/body";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/http/route";
import { DOCS_POLICY_FIELD_CODES, docsPolicyInputSchema } from "@/lib/schemas/docs-policy";

export const dynamic = "force-dynamic";

type Params = { handle: string };

// docs/internal-docs.md, "Policy API": reading the policy needs VIEWER+ (PAT: files.read), changing it ADMIN+
// (PAT: files.write). PUT replaces the whole policy; If-Match: "<version>" pins the base.
export const GET = route<Params>({ auth: "member", role: "VIEWER", scope: "files.read", throttle: "docs.policy" }, async ({ access }) => {
  const policy = await loadDocsPolicy(access!.handle.id);
  return json(await docsPolicyView(access!.handle.slug, policy), 200, { ETag: etagFor(policy.version) });
});

export const PUT = route<Params>({ auth: "member", role: "ADMIN", scope: "files.write", throttle: "docs.policy" }, async ({ access, body, principal, requestId, req }) => {
  const input = validate(docsPolicyInputSchema, body(), DOCS_POLICY_FIELD_CODES);
  const policy = await replaceDocsPolicy({
    handleId: access!.handle.id,
    input,
    userId: principal!.userId,
    actor: actorFrom(principal, requestId),
    ifMatch: parseIfMatch(req.headers.get("if-match")),
  });
  return json(await docsPolicyView(access!.handle.slug, policy), 200, { ETag: etagFor(policy.version) });
});
