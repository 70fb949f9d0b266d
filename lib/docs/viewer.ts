import { requireHandleAccess } from "../auth/access";
import { authenticate, type Principal } from "../auth/principal";
import { ApiError } from "../http/errors";
import { readGrant } from "../sharing/grants";
import type { DocsViewer } from "./access";

// Gathers the facts decideDocsAccess needs about the caller. Membership goes through the
// app's one membership check (requireHandleAccess, re-read from the database on every
// request); its refusals are facts here, not errors: an outsider may still be a visitor.
// An unknown handle (null) has no members and no grants: only the credentials count.
export async function resolveDocsViewer(req: Request, handle: { id: string; slug: string } | null): Promise<DocsViewer> {
  const principal = await optionalPrincipal(req);
  let memberRole: DocsViewer["memberRole"] = null;
  let memberDenied: DocsViewer["memberDenied"] = null;
  if (principal && handle) {
    try {
      memberRole = (await requireHandleAccess(principal, handle.slug, { role: "VIEWER", scope: "files.read" })).role;
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 403 && error.status !== 404)) throw error;
      // 404 = not a member (or another handle's PAT); 403 = a member whose token cannot read.
      if (error.status === 403) memberDenied = { code: error.code, detail: error.detail };
    }
  }
  const grant = handle ? readGrant(req.headers, "docs", handle.id) : null;
  return {
    memberRole,
    memberDenied,
    visitorEmail: grant?.email ?? null,
    hasCredentials: principal !== null || grant !== null,
  };
}

/** No credentials → null (anonymous). A Bearer header that does not verify stays a 401. */
async function optionalPrincipal(req: Request): Promise<Principal | null> {
  try {
    return await authenticate(req, "session-or-pat");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && !req.headers.has("authorization")) return null;
    throw error;
  }
}
