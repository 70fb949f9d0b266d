import { db } from "../db/client";
import { ApiError } from "../http/errors";
import type { Principal } from "./principal";
import { roleAtLeast, type Role, type Scope } from "./roles";

export const HANDLE_PATTERN = /^[a-z0-9][a-z0-9-]{1,38}$/;

export interface HandleAccess {
  handle: { id: string; slug: string };
  role: Role;
}

export interface AccessRequirement {
  role: Role;
  scope?: Scope;
}

const handleNotFound = () =>
  new ApiError(404, "handle_not_found", "No such handle, or you are not a member of it.");

/**
 * The one place that decides "may this principal act on this handle": membership is
 * read from the database on every request, so demotions and revocations apply at once.
 */
export async function requireHandleAccess(
  principal: Principal,
  slug: string,
  requirement: AccessRequirement,
): Promise<HandleAccess> {
  if (!HANDLE_PATTERN.test(slug)) throw handleNotFound();
  // One round trip for the handle and the caller's membership (this runs on every request).
  const rows = await (await db()).$queryRaw<{ id: string; slug: string; role: Role | null }[]>`
    SELECT h."id", h."slug", m."role"::text AS "role"
    FROM "handles" h
    LEFT JOIN "memberships" m ON m."handleId" = h."id" AND m."userId" = ${principal.userId}
    WHERE h."slug" = ${slug}`;
  const found = rows[0];
  if (!found) throw handleNotFound();
  const handle = { id: found.id, slug: found.slug };
  if (principal.kind === "pat" && principal.handleId !== handle.id) throw handleNotFound();
  if (!found.role) throw handleNotFound();
  const role = found.role;
  if (principal.kind === "pat") {
    if (requirement.scope && !principal.scopes.includes(requirement.scope)) {
      throw new ApiError(403, "insufficient_scope", `This token lacks the '${requirement.scope}' scope.`, {
        "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${requirement.scope}"`,
      });
    }
    // A token never outlives its owner's right to automate this handle.
    if (!roleAtLeast(role, "CREATOR")) {
      throw new ApiError(403, "forbidden", "The token's owner no longer holds CREATOR or above in this handle.");
    }
  }
  if (!roleAtLeast(role, requirement.role)) {
    throw new ApiError(403, "forbidden", `This action needs the ${requirement.role} role or above.`);
  }
  return { handle, role };
}
