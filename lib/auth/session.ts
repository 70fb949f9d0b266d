import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { config } from "../config";
import { activeUser } from "./users";

/** The dashboard user behind a session cookie, re-checked against the database. */
export async function sessionUser(req: Request): Promise<{ id: string; email: string } | null> {
  const cookieHeader = req.headers.get("cookie");
  if (!cookieHeader || !cookieHeader.includes("next-auth.session-token")) return null;
  const token = await getToken({
    req: req as unknown as NextRequest,
    secret: config().authSecret,
    secureCookie: config().appUrl.startsWith("https://"),
  }).catch(() => null);
  if (!token || typeof token.uid !== "string") return null;
  return activeUser(token.uid);
}
