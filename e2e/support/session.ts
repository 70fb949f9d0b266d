import assert from "node:assert/strict";
import { baseUrl } from "./env";
import { latestMailTo, linkIn } from "./files";

// Signs in over plain HTTP exactly as the browser does: request the link, read the
// outbox, fetch next-auth's CSRF token, post the emailed token. Returns the cookie header.
export async function signIn(email: string): Promise<string> {
  const requested = await fetch(`${baseUrl}/auth/request-link`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, callbackUrl: "/dashboard" }),
  });
  assert.equal(requested.status, 202, await requested.text());
  const link = linkIn(await latestMailTo(email), "/auth/confirm");
  const token = new URL(link).searchParams.get("token")!;
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${baseUrl}/api/auth/callback/email-link`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: baseUrl },
    body: new URLSearchParams({ token, csrfToken, callbackUrl: `${baseUrl}/dashboard`, json: "true" }).toString(),
  });
  const session = callback.headers.getSetCookie().find((c) => c.includes("next-auth.session-token="));
  assert.ok(session, `no session cookie (status ${callback.status})`);
  return session.split(";")[0];
}
