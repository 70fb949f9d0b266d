import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { admin, unique } from "../support/admin";
import { baseUrl } from "../support/env";
import { latestMailTo, linkIn } from "../support/files";
import { assertProblem, call } from "../support/http";
import { signIn } from "../support/session";

// Dashboard sessions: sign-in by link, CSRF on cookie writes, revocation, token management.
describe("dashboard sessions", async () => {
  const email = `${unique("manager")}@brand.example.com`;
  const cookie = await signIn(email);
  const handle = unique("sess");
  const same = { cookie, origin: baseUrl, "sec-fetch-site": "same-origin" };

  test("first sign-in creates the user; they create a handle and own it", async () => {
    const created = await call("/v2/handles", { method: "POST", headers: same, body: { handle } });
    assert.equal(created.status, 201, created.text);
    const mine = await call("/v2/handles", { headers: { cookie } });
    assert.deepEqual(mine.json.handles.map((h: { slug: string; role: string }) => [h.slug, h.role]), [[handle, "OWNER"]]);
    assertProblem(await call("/v2/handles", { method: "POST", headers: same, body: { handle } }), 409, "handle_taken");
    assertProblem(await call("/v2/handles", { method: "POST", headers: same, body: { handle: "Bad_Handle" } }), 400, "invalid_handle");
  });

  test("the sign-in link is scanner-safe and single-use", async () => {
    const other = `${unique("scanner")}@brand.example.com`;
    await fetch(`${baseUrl}/auth/request-link`, { method: "POST", headers: { "content-type": "application/json", origin: baseUrl }, body: JSON.stringify({ email: other }) });
    const link = linkIn(await latestMailTo(other), "/auth/confirm");
    for (let i = 0; i < 3; i++) {
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.equal(page.headers.getSetCookie().filter((c) => c.includes("session-token")).length, 0);
      assert.match(await page.text(), /Continue and sign in/);
    }
    assert.ok(await signIn(other), "a later sign-in still works");
  });

  test("open redirects in callbackUrl land on the app", async () => {
    for (const evil of ["//evil.com", "/\\evil.com", "https:evil.com", "%2F%2Fevil.com", "javascript:alert(1)", "https://evil.com/x"]) {
      const other = `${unique("redir")}@brand.example.com`;
      await fetch(`${baseUrl}/auth/request-link`, { method: "POST", headers: { "content-type": "application/json", origin: baseUrl }, body: JSON.stringify({ email: other, callbackUrl: evil }) });
      const link = new URL(linkIn(await latestMailTo(other), "/auth/confirm"));
      assert.equal(link.searchParams.get("callbackUrl"), "/dashboard", evil);
    }
  });

  test("CSRF: cookie writes need a same-origin browser request", async () => {
    const url = `/v2/handles/${handle}/files`;
    const body = { fileName: "a.txt", sizeBytes: 3, accessMode: "PUBLIC" };
    for (const headers of [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }]) {
      const res = await call(url, { method: "POST", body, headers: { cookie, ...headers } });
      assertProblem(res, 403, "cross_site_request");
    }
    for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
      const res = await call(url, { method: "POST", body: "fileName=a", headers: { cookie, origin: "https://evil.example", "content-type": type } });
      assertProblem(res, 403, "cross_site_request");
    }
    const before = (await call(url, { headers: { cookie } })).json.files.length;
    assert.equal(before, 0, "nothing was created by refused requests");
    assert.equal((await call(url, { method: "POST", body, headers: same })).status, 201);
    assert.equal((await call(url, { method: "POST", body, headers: { cookie } })).status, 201, "no Origin/Sec-Fetch: not a browser, judged on credentials");
    const login = await call(`/auth/request-link`, { method: "POST", body: { email }, headers: { origin: "https://evil.example" } });
    assertProblem(login, 403, "cross_site_request");
  });

  test("a tampered or forged session cookie is no session", async () => {
    const [name, value] = cookie.split("=");
    const flipped = `${name}=${value.slice(0, 20)}${value[20] === "a" ? "b" : "a"}${value.slice(21)}`;
    assertProblem(await call(`/v2/handles/${handle}/files`, { headers: { cookie: flipped } }), 401, "unauthenticated");
    const none = `${name}=${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"uid":"usr_x"}').toString("base64url")}.`;
    assertProblem(await call(`/v2/handles/${handle}/files`, { headers: { cookie: none } }), 401, "unauthenticated");
  });

  test("tokens: created once with the secret, listed without it, revoked at once; PATs cannot manage tokens", async () => {
    const created = await call(`/v2/handles/${handle}/tokens`, { method: "POST", headers: same, body: { name: "ci", scopes: ["files.read"], expiresInDays: 30 } });
    assert.equal(created.status, 201, created.text);
    const { token, id, last4 } = created.json;
    assert.match(token, /^ghf_/);
    assert.equal(token.slice(-4), last4);
    const listed = await call(`/v2/handles/${handle}/tokens`, { headers: { cookie } });
    assert.ok(!listed.text.includes(token), "the secret is never listed");
    const row = listed.json.tokens.find((t: { id: string }) => t.id === id);
    assert.equal(row.lastUsedAt, null);
    assert.equal((await call(`/v2/handles/${handle}/files`, { token })).status, 200);
    const used = (await call(`/v2/handles/${handle}/tokens`, { headers: { cookie } })).json.tokens.find((t: { id: string }) => t.id === id);
    assert.ok(used.lastUsedAt, "last use recorded");
    assertProblem(await call(`/v2/handles/${handle}/tokens`, { token }), 403, "forbidden");
    assertProblem(await call(`/v2/handles/${handle}/tokens`, { method: "POST", headers: same, body: { name: "x", scopes: ["admin"] } }), 400, "invalid_scopes");
    assertProblem(await call(`/v2/handles/${handle}/tokens`, { method: "POST", headers: same, body: { name: "x", scopes: ["files.read"], expiresInDays: 400 } }), 400, "invalid_expires_in_days");
    assert.equal((await call(`/v2/handles/${handle}/tokens/${id}`, { method: "DELETE", headers: same })).status, 204);
    assertProblem(await call(`/v2/handles/${handle}/files`, { token }), 401, "unauthenticated");
  });

  test("members: roles apply on the next request, even with an old session", async () => {
    const colleagueEmail = `${unique("colleague")}@brand.example.com`;
    const added = await call(`/v2/handles/${handle}/members`, { method: "POST", headers: same, body: { email: colleagueEmail, role: "ADMIN" } });
    assert.equal(added.status, 201, added.text);
    const colleague = await signIn(colleagueEmail);
    assert.equal((await call(`/v2/handles/${handle}/members`, { headers: { cookie: colleague } })).status, 200);
    const userId = added.json.member.userId;
    assert.equal((await call(`/v2/handles/${handle}/members/${userId}`, { method: "PATCH", headers: same, body: { role: "VIEWER" } })).status, 200);
    assertProblem(await call(`/v2/handles/${handle}/members`, { headers: { cookie: colleague } }), 403, "forbidden");
    assertProblem(await call(`/v2/handles/${handle}/files`, { headers: { cookie: colleague } }), 403, "forbidden");
    assert.equal((await call(`/v2/handles/${handle}/members/${userId}`, { method: "DELETE", headers: same })).status, 204);
    assertProblem(await call(`/v2/handles/${handle}/files`, { headers: { cookie: colleague } }), 404, "handle_not_found");
    const ownerId = (await call(`/v2/handles/${handle}/members`, { headers: { cookie } })).json.members[0].userId;
    assertProblem(await call(`/v2/handles/${handle}/members/${ownerId}`, { method: "DELETE", headers: same }), 409, "last_owner");
  });

  test("a disabled user's session stops at once", async () => {
    const victimEmail = `${unique("disabled")}@brand.example.com`;
    const victim = await signIn(victimEmail);
    assert.equal((await call("/v2/handles", { headers: { cookie: victim } })).status, 200);
    await admin("disable-user", { email: victimEmail });
    assertProblem(await call("/v2/handles", { headers: { cookie: victim } }), 401, "unauthenticated");
  });
});
