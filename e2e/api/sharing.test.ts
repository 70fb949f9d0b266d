import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newTenant } from "../support/admin";
import { baseUrl } from "../support/env";
import { download, latestMailTo, linkIn, readyFile, sameOrigin } from "../support/files";
import { assertProblem, call, fetchApi } from "../support/http";

/** Each URL's origin is named by the CSP's form-action ('self' = the app), nothing is `*`. */
function assertFormActionAllows(csp: string | null, urls: string[]) {
  const sources = /form-action ([^;]+)/.exec(csp ?? "")?.[1].trim().split(/\s+/) ?? [];
  assert.ok(sources.length > 0, `a form-action directive in ${csp}`);
  assert.ok(!sources.some((s) => s.includes("*")), `form-action names origins exactly: ${sources}`);
  const allowed = new Set(sources.map((s) => (s === "'self'" ? new URL(baseUrl).origin : s)));
  for (const url of urls) assert.ok(allowed.has(new URL(url).origin), `form-action ${sources.join(" ")} must allow ${new URL(url).origin}`);
}

// EMAIL_ALLOWLIST sharing through the mailbox, as a visitor would live it.
describe("allowlisted sharing with magic links", async () => {
  const acme = await newTenant("share");
  const visitor = `buyer-${Date.now()}@partner.example.com`;

  async function requestLink(fileId: string, email: string, headers: Record<string, string> = {}) {
    return call(`/v2/public/files/${fileId}/magic-link`, { method: "POST", body: { email }, headers });
  }

  async function tokenFromMail(fileId: string, email: string) {
    const link = linkIn(await latestMailTo(email), `/share/${fileId}/verify`);
    return { link, token: new URL(link).searchParams.get("token")! };
  }

  async function verify(fileId: string, token: string, headers: Record<string, string> = sameOrigin) {
    return call(`/v2/public/files/${fileId}/magic-link/verify`, { method: "POST", body: { token }, headers });
  }

  const cookieOf = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0];

  test("the whole flow: 401 → link by email → scanner-safe page → POST → download", async () => {
    const { id, publicUrl, bytes } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    const denied = await call(publicUrl);
    assertProblem(denied, 401, "magic_link_required");
    const browser = await call(publicUrl, { headers: { accept: "text/html" } });
    assert.equal(browser.status, 303);
    assert.equal(browser.headers.get("location"), `${baseUrl}/share/${id}`);

    const sent = await requestLink(id, visitor.toUpperCase(), { host: "evil.example", "x-forwarded-host": "evil.example" });
    assert.equal(sent.status, 202);
    const mail = await latestMailTo(visitor);
    assert.ok(!mail.text.includes("evil.example"), "links are built from APP_URL only");
    const { link, token } = await tokenFromMail(id, visitor);
    assert.ok(link.startsWith(`${baseUrl}/share/${id}/verify?token=`));

    for (let i = 0; i < 3; i++) {
      const page = await fetch(link, { headers: { "user-agent": "Mozilla/5.0 (compatible; SafeLinks scanner)" } });
      assert.equal(page.status, 200);
      assert.equal(page.headers.get("referrer-policy"), "no-referrer");
      assert.match(page.headers.get("cache-control") ?? "", /no-store/);
      assert.equal(page.headers.get("set-cookie"), null, "opening the link sets no cookie");
      await page.text();
      assert.equal((await fetch(link, { method: "HEAD" })).headers.get("set-cookie"), null);
    }
    const verifyPage = await fetch(link);
    await verifyPage.text();
    const verified = await verify(id, token);
    assert.equal(verified.status, 200, verified.text);
    // Browsers check the page's form-action on every hop of the form's redirects: the
    // app's verify → public URL → the download origin (a second origin in production).
    const got = await download(publicUrl, { cookie: cookieOf(verified) });
    assertFormActionAllows(verifyPage.headers.get("content-security-policy"), [`${baseUrl}/v2/public/files/${id}`, verified.json.downloadUrl, got.location]);
    const setCookie = verified.headers.get("set-cookie")!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    assert.match(setCookie, /Max-Age=86400/);
    assert.ok(got.bytes.equals(bytes));

    const events = await call(`/v2/handles/${acme.handle}/files/${id}/events`, { token: acme.token });
    const downloadedBy = events.json.events.find((e: { action: string }) => e.action === "file.downloaded").actor.email;
    assert.equal(downloadedBy, visitor, "the trail says which visitor downloaded");
    assert.ok(events.json.events.some((e: { action: string }) => e.action === "magic_link.used"));
  });

  test("tokens are single-use, bound to their file, and refused cross-site", async () => {
    const a = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    const b = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    await requestLink(a.id, visitor);
    const { token } = await tokenFromMail(a.id, visitor);
    assertProblem(await verify(b.id, token), 400, "invalid_magic_link");
    assertProblem(await verify(a.id, token, { origin: "https://evil.example" }), 403, "cross_site_request");
    assertProblem(await verify(a.id, token, { origin: "null" }), 403, "cross_site_request");
    assertProblem(await verify(a.id, token, { "sec-fetch-site": "cross-site" }), 403, "cross_site_request");
    assert.equal((await verify(a.id, token)).status, 200, "the refused attempts did not consume it");
    assertProblem(await verify(a.id, token), 400, "invalid_magic_link");
    assertProblem(await verify(a.id, "A".repeat(43)), 400, "invalid_magic_link");
    assertProblem(await verify(a.id, "short"), 400, "invalid_magic_link");
  });

  test("two parallel POSTs of one token: exactly one grant", async () => {
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    await requestLink(id, visitor);
    const { token } = await tokenFromMail(id, visitor);
    const results = await Promise.all(Array.from({ length: 5 }, () => verify(id, token)));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400, 400, 400]);
  });

  test("a form post (the Continue button) gets 303 to the download and the cookie", async () => {
    const { id, publicUrl } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    await requestLink(id, visitor);
    const { token } = await tokenFromMail(id, visitor);
    const res = await fetchApi(`${baseUrl}/v2/public/files/${id}/magic-link/verify`, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...sameOrigin },
      body: new URLSearchParams({ token }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), publicUrl);
    assert.match(res.headers.get("set-cookie") ?? "", /HttpOnly/);
  });

  test("request rules: not listed 403, bad address 400, public file 409, unknown 404", async () => {
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    assertProblem(await requestLink(id, "stranger@else.example.com"), 403, "email_not_allowlisted");
    for (const trick of [`"${visitor}"@evil.com`, `${visitor},a@evil.com`, `${visitor};a@evil.com`, `${visitor}(x)evil.com`, `${visitor}\r\nBcc: a@evil.com`]) {
      const res = await requestLink(id, trick);
      assert.ok(res.status === 400 || res.status === 403, `${JSON.stringify(trick)} → ${res.status}`);
    }
    const fullWidth = visitor.replace("@", "\uFF20");
    assert.equal((await requestLink(id, fullWidth)).status, 202, "NFKC: the full-width @ is the same address");
    const pub = await readyFile(acme);
    assertProblem(await requestLink(pub.id, visitor), 409, "not_allowlist_mode");
    assertProblem(await requestLink("fil_unknown000000000000000", visitor), 404, "file_not_found");
  });

  test("grants follow the file's current settings", async () => {
    const { id, publicUrl } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor, "colleague@partner.example.com"] });
    await requestLink(id, visitor);
    const verified = await verify(id, (await tokenFromMail(id, visitor)).token);
    const cookie = cookieOf(verified);
    assert.equal((await call(publicUrl, { headers: { cookie } })).status, 302);
    // Adding someone else keeps the grant; removing the visitor revokes it at once.
    await call(`/v2/handles/${acme.handle}/files/${id}`, { method: "PATCH", token: acme.token, body: { allowedEmails: [visitor, "third@partner.example.com"] } });
    assert.equal((await call(publicUrl, { headers: { cookie } })).status, 302);
    await call(`/v2/handles/${acme.handle}/files/${id}`, { method: "PATCH", token: acme.token, body: { allowedEmails: ["third@partner.example.com"] } });
    assertProblem(await call(publicUrl, { headers: { cookie } }), 403, "email_not_allowlisted");
    // A grant for one file is nothing on another.
    const other = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    const reused = cookie.replace(id, other.id);
    assertProblem(await call(other.publicUrl, { headers: { cookie: reused } }), 401, "magic_link_required");
    // A forged cookie is nothing either.
    const [name, value] = cookie.split("=");
    const forged = `${name}=${Buffer.from(JSON.stringify({ kind: "file", subject: id, email: "third@partner.example.com", exp: 9999999999 })).toString("base64url")}.${value.split(".")[1]}`;
    assertProblem(await call(publicUrl, { headers: { cookie: forged } }), 401, "magic_link_required");
  });

  test("expired and deleted allowlisted files: 410 and 404 for link requests", async () => {
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor], expiresAt: new Date(Date.now() + 1500).toISOString() });
    await new Promise((r) => setTimeout(r, 1700));
    assertProblem(await requestLink(id, visitor), 410, "file_expired");
    const gone = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    await call(`/v2/handles/${acme.handle}/files/${gone.id}`, { method: "DELETE", token: acme.token });
    assertProblem(await requestLink(gone.id, visitor), 404, "file_not_found");
  });

  test("link requests are throttled per email and file (5 per 15 minutes by default)", async () => {
    const email = `throttle-${Date.now()}@partner.example.com`;
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [email] });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof requestLink>> | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await requestLink(id, email);
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429, 429]);
    assertProblem(limited!, 429, "rate_limited");
    const retryAfter = Number(limited!.headers.get("retry-after"));
    assert.ok(retryAfter > 0 && retryAfter <= 900);
    assert.match(limited!.headers.get("ratelimit-policy") ?? "", /^"magic-link\.email";q=5;w=900$/);
    const t = Number(/t=(\d+)/.exec(limited!.headers.get("ratelimit") ?? "")?.[1]);
    assert.ok(retryAfter >= t, "Retry-After never points earlier than the reset");
  });
});
