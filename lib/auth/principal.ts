import { ApiError } from "../http/errors";
import { authenticatePat, invalidToken, type PatPrincipal } from "./pats";
import { sessionUser } from "./session";

export interface SessionPrincipal {
  kind: "session";
  userId: string;
  email: string;
}

export type Principal = SessionPrincipal | PatPrincipal;
export type AcceptedCredentials = "session-or-pat" | "pat";

/**
 * Who is calling. A Bearer header wins over cookies (and is never read from the query
 * string or a cookie). No credentials at all: 401.
 */
export async function authenticate(req: Request, accepted: AcceptedCredentials): Promise<Principal> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) throw invalidToken("Send the token as 'Authorization: Bearer ghf_…'.");
    return authenticatePat(match[1]);
  }
  if (accepted === "session-or-pat") {
    const user = await sessionUser(req);
    if (user) return { kind: "session", userId: user.id, email: user.email };
  }
  throw new ApiError(401, "unauthenticated", "Sign in, or send a personal access token as 'Authorization: Bearer ghf_…'.", {
    "WWW-Authenticate": 'Bearer realm="gharart-files"',
  });
}
