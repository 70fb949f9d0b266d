import assert from "node:assert/strict";
import http from "node:http";
import { describe, test } from "node:test";
import { admin, newTenant, unique, type Tenant } from "../support/admin";
import { baseUrl } from "../support/env";
import { createFile, latestMailTo, linkIn, sameOrigin, upload } from "../support/files";
import { assertProblem, call, type CallOptions } from "../support/http";

// docs/internal-docs.md over real HTTP: the internal-docs policy API, /_edge/docs serving, the
// docs magic link, and the docs/security.md rows A1–A4 / T42–T47 / M1–M8 / C1 that apply to them.

const SECRET = "OTHER-HANDLE-SECRET-7f3a";

async function putPolicy(tenant: Tenant, body: Record<string, unknown>, options: CallOptions = {}) {
  return call(`/v2/handles/${tenant.handle}/internal-docs/access`, { method: "PUT", token: tenant.token, body, ...options });
}

async function setPolicy(tenant: Tenant, body: Record<string, unknown>) {
  const res = await putPolicy(tenant, body);
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** Creates and uploads an internal doc at docsPath. */
async function publishDoc(tenant: Tenant, docsPath: string, content: string, contentType = "text/markdown", extra: Record<string, unknown> = {}) {
  const bytes = Buffer.from(content);
  const created = await createFile(tenant, {
    fileName: docsPath.split("/").pop(), sizeBytes: bytes.length, accessMode: "PUBLIC", contentType, docsPath, ...extra,
  });
  assert.equal(await upload(created, bytes), 200);
  return created;
}

const edgeUrl = (handle: string, docsPath = "") => `/_edge/docs/${handle}/${docsPath}`;
const edge = (handle: string, docsPath = "", options: CallOptions = {}) => call(edgeUrl(handle, docsPath), options);
const asBrowser = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

/** A request whose path is sent byte for byte (fetch would normalize `..` and `%2e`). */
function raw(path: string, options: { method?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(baseUrl);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method: options.method ?? "GET", headers: options.headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function requestLink(handle: string, email: string, headers: Record<string, string> = {}) {
  return call(`/v2/public/docs/${handle}/magic-link`, { method: "POST", body: { email }, headers });
}

async function tokenFromMail(handle: string, email: string) {
  const link = linkIn(await latestMailTo(email), `/docs-access/${handle}/verify`);
  return { link, token: new URL(link).searchParams.get("token")! };
}

async function verifyToken(handle: string, token: string, headers: Record<string, string> = sameOrigin) {
  return call(`/v2/public/docs/${handle}/magic-link/verify`, { method: "POST", body: { token }, headers });
}

const cookieOf = (res: { headers: Headers }) => res.headers.get("set-cookie")!.split(";")[0];

/** The whole visitor flow: request → email → verify POST → the grant cookie. */
async function grantFor(handle: string, email: string): Promise<string> {
  const sent = await requestLink(handle, email);
  assert.equal(sent.status, 202, sent.text);
  const { token } = await tokenFromMail(handle, email);
  const verified = await verifyToken(handle, token);
  assert.equal(verified.status, 200, verified.text);
  return cookieOf(verified);
}

/** A member of `tenant` with `role` and a files.read PAT. */
async function memberToken(tenant: Tenant, role: string) {
  const email = `${unique(role.toLowerCase())}@member.example.com`;
  await admin("add-member", { handle: tenant.handle, email, role });
  return admin("create-token", { handle: tenant.handle, email, scopes: "files.read,files.write" });
}

describe("internal docs", async () => {
  const acme = await newTenant("docs");
  const other = await newTenant("docs-other");
  await publishDoc(acme, "brand/guidelines.md", "# Brand guidelines\n\nUse the **blue**.\n\n## Colours\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  await publishDoc(acme, "README.md", "# Welcome\n\nStart here.\n");
  await publishDoc(other, "other/secret.md", `# Secret\n\n${SECRET}\n`);
  await publishDoc(other, "brand/guidelines.md", `# Other brand\n\n${SECRET}\n`);
  await setPolicy(other, { mode: "PUBLIC", confidential: false }); // even a PUBLIC neighbour must never leak through acme's URLs

  describe("policy API: GET/PUT /v2/handles/{handle}/internal-docs/access", () => {
    test("the default when nothing was set: MEMBERS, confidential, version 0", async () => {
      const fresh = await newTenant("docs-fresh");
      const res = await call(`/v2/handles/${fresh.handle}/internal-docs/access`, { token: fresh.readToken });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json, {
        handle: fresh.handle, mode: "MEMBERS", allowedEmails: [], allowedDomains: [], confidential: true,
        startsAt: null, endsAt: null, version: 0, updatedAt: null, updatedBy: null, warnings: [],
      });
      assert.equal(res.headers.get("etag"), '"0"');
      assert.equal(res.headers.get("cache-control"), "no-store");
    });

    test("who may read and change it", async () => {
      const path = `/v2/handles/${acme.handle}/internal-docs/access`;
      assertProblem(await call(path), 401, "unauthenticated");
      assertProblem(await call(path, { token: acme.writeToken }), 403, "insufficient_scope");
      assertProblem(await call(path, { token: other.token }), 404, "handle_not_found");
      assertProblem(await putPolicy(acme, { mode: "MEMBERS" }, { token: acme.readToken }), 403, "insufficient_scope");
      const creator = await memberToken(acme, "CREATOR");
      assert.equal((await call(path, { token: creator })).status, 200, "CREATOR (VIEWER+) reads");
      assertProblem(await putPolicy(acme, { mode: "MEMBERS" }, { token: creator }), 403, "forbidden");
      assertProblem(await putPolicy(acme, { mode: "MEMBERS" }, { token: other.token }), 404, "handle_not_found");
    });

    test("PUT replaces, bumps the version, records who, answers with the shape", async () => {
      const tenant = await newTenant("docs-put");
      const first = await putPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [" Ann@Partner.example.com "], confidential: true });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.json.version, 1);
      assert.deepEqual(first.json.allowedEmails, ["ann@partner.example.com"]);
      assert.equal(first.json.updatedBy, tenant.ownerEmail);
      assert.ok(Date.parse(first.json.updatedAt) > Date.now() - 60_000);
      assert.equal(first.headers.get("etag"), '"1"');
      // PUT is a full replacement: what is left out goes back to its default.
      const second = await putPolicy(tenant, { ...first.json, mode: "MEMBERS", allowedEmails: [] });
      assert.equal(second.json.version, 2);
      assert.equal(second.json.confidential, true);
      const read = await call(`/v2/handles/${tenant.handle}/internal-docs/access`, { token: tenant.readToken });
      assert.deepEqual(read.json, second.json);
    });

    test("If-Match: a stale version is 412, the current one applies", async () => {
      const tenant = await newTenant("docs-etag");
      await setPolicy(tenant, { mode: "MEMBERS" });
      const stale = await putPolicy(tenant, { mode: "PRIVATE" }, { headers: { "if-match": '"0"' } });
      assertProblem(stale, 412, "precondition_failed");
      assert.equal(stale.headers.get("etag"), '"1"');
      const fresh = await putPolicy(tenant, { mode: "PRIVATE" }, { headers: { "if-match": '"1"' } });
      assert.equal(fresh.status, 200, fresh.text);
      assert.equal(fresh.json.version, 2);
    });

    test("422 policy_too_permissive: confidential + PUBLIC, or a public mail provider", async () => {
      assertProblem(await putPolicy(acme, { mode: "PUBLIC", confidential: true }), 422, "policy_too_permissive");
      assertProblem(await putPolicy(acme, { mode: "PUBLIC" }), 422, "policy_too_permissive"); // confidential defaults on
      for (const domain of ["gmail.com", "outlook.com", "proton.me", "GMX.de"]) {
        const res = await putPolicy(acme, { mode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.example.com", domain], confidential: true });
        assertProblem(res, 422, "policy_too_permissive");
        assert.match(res.json.detail, new RegExp(domain.toLowerCase().replace(".", "\\.")));
      }
      const read = await call(`/v2/handles/${acme.handle}/internal-docs/access`, { token: acme.token });
      assert.notEqual(read.json.mode, "PUBLIC", "a refused PUT changes nothing");
    });

    test("400 validation codes", async () => {
      const cases: Array<[Record<string, unknown> | string, string]> = [
        [{ mode: "EVERYONE" }, "invalid_docs_policy"],
        [{ mode: "MEMBERS", confidential: "no" }, "invalid_docs_policy"],
        [{ mode: "EMAIL_ALLOWLIST", allowedEmails: ['"a@partner.example.com"@evil.example'] }, "invalid_email"],
        [{ mode: "EMAIL_ALLOWLIST", allowedDomains: ["*.partner.example.com"] }, "invalid_domain"],
        [{ mode: "EMAIL_ALLOWLIST" }, "allowed_emails_required"],
        [{ mode: "PUBLIC", confidential: false, startsAt: "2030-02-01T00:00:00Z", endsAt: "2030-01-01T00:00:00Z" }, "invalid_window"],
        [{ mode: "PUBLIC", confidential: false, endsAt: "next week" }, "invalid_window"],
        ["[1,2]", "invalid_json"],
      ];
      for (const [body, code] of cases) assertProblem(await putPolicy(acme, body as Record<string, unknown>), 400, code);
    });

    test("valid but broad policies come back with warnings (PUT and GET)", async () => {
      const tenant = await newTenant("docs-warn");
      const broad = await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.example.com"], confidential: true });
      assert.deepEqual(broad.warnings.map((w: { code: string }) => w.code), ["broad_domain_allowlist"]);
      assert.match(broad.warnings[0].message, /partner\.example\.com/);
      const open = await setPolicy(tenant, { mode: "PUBLIC", confidential: false, endsAt: new Date(Date.now() + 200 * 86_400_000).toISOString() });
      assert.deepEqual(open.warnings.map((w: { code: string }) => w.code), ["long_window"]);
      const forever = await setPolicy(tenant, { mode: "PUBLIC", confidential: false });
      assert.deepEqual(forever.warnings.map((w: { code: string }) => w.code), ["public_without_end_date"]);
      const read = await call(`/v2/handles/${tenant.handle}/internal-docs/access`, { token: tenant.readToken });
      assert.deepEqual(read.json.warnings, forever.warnings);
    });
  });

  describe("edge serving: who reads what", () => {
    test("MEMBERS (default): a member's PAT reads the rendered doc, outsiders do not", async () => {
      await setPolicy(acme, { mode: "MEMBERS" });
      const ok = await edge(acme.handle, "brand/guidelines.md", { token: acme.readToken });
      assert.equal(ok.status, 200, ok.text);
      assert.match(ok.headers.get("content-type")!, /^text\/html; charset=utf-8/);
      assert.match(ok.text, /<h1 id="brand-guidelines">Brand guidelines<\/h1>/);
      assert.match(ok.text, /<strong>blue<\/strong>/);
      assert.match(ok.text, /<div class="table-wrap"><table>/);
      assert.match(ok.text, /href="\/_edge\/docs\/[^"]+\/README.md">Overview</, "the navigation lists the other docs");
      assert.equal(ok.headers.get("cache-control"), "private, no-store");
      assert.equal(ok.headers.get("x-content-type-options"), "nosniff");
      assert.match(ok.headers.get("content-security-policy")!, /default-src 'none'/);
      assert.doesNotMatch(ok.headers.get("content-security-policy")!, /script-src/);
      assert.ok(ok.headers.get("x-request-id"));

      const anonymous = await edge(acme.handle, "brand/guidelines.md");
      assertProblem(anonymous, 401, "unauthenticated");
      assert.equal(anonymous.headers.get("cache-control"), "private, no-store");
      assertProblem(await edge(acme.handle, "brand/guidelines.md", { token: other.token }), 403, "forbidden");
      assertProblem(await edge(acme.handle, "brand/guidelines.md", { token: acme.writeToken }), 403, "insufficient_scope");
      assertProblem(await edge(acme.handle, "brand/guidelines.md", { headers: { authorization: "Bearer ghf_nope" } }), 401, "unauthenticated");
    });

    test("browsers get branded pages: 401 with a sign-in link", async () => {
      const page = await edge(acme.handle, "brand/guidelines.md", { headers: asBrowser });
      assert.equal(page.status, 401);
      assert.match(page.headers.get("content-type")!, /^text\/html/);
      assert.match(page.text, /Sign in to read these docs/);
      assert.match(page.text, /href="\/signin\?callbackUrl=%2F_edge%2Fdocs%2F[^"]+%2Fbrand%2Fguidelines.md"/);
      assert.doesNotMatch(page.text, /Use the/, "no doc content on a refusal");
      assert.doesNotMatch(page.text, /name="email"/, "no email form outside EMAIL_ALLOWLIST");
      assert.equal(page.headers.get("cache-control"), "private, no-store");
    });

    test("the index lists the readable docs", async () => {
      const index = await edge(acme.handle, "", { token: acme.readToken, redirect: "follow" });
      assert.equal(index.status, 200, index.text);
      assert.match(index.text, new RegExp(`<h1>${acme.handle} docs</h1>`));
      assert.match(index.text, /brand\/guidelines.md/);
      assert.match(index.text, /README.md/);
      assert.doesNotMatch(index.text, /secret\.md|Other brand/);
      assertProblem(await edge(acme.handle, "", { redirect: "follow" }), 401, "unauthenticated");
    });

    test("PRIVATE: ADMIN+ only", async () => {
      await setPolicy(acme, { mode: "PRIVATE" });
      assert.equal((await edge(acme.handle, "README.md", { token: acme.readToken })).status, 200, "OWNER reads");
      const admin_ = await memberToken(acme, "ADMIN");
      assert.equal((await edge(acme.handle, "README.md", { token: admin_ })).status, 200, "ADMIN reads");
      const creator = await memberToken(acme, "CREATOR");
      assertProblem(await edge(acme.handle, "README.md", { token: creator }), 403, "forbidden");
      assertProblem(await edge(acme.handle, "README.md"), 401, "unauthenticated");
      await setPolicy(acme, { mode: "MEMBERS" });
      assert.equal((await edge(acme.handle, "README.md", { token: creator })).status, 200, "back to MEMBERS: CREATOR reads");
    });

    test("PUBLIC (not confidential): anyone, never cached by shared caches", async () => {
      const tenant = await newTenant("docs-public");
      await publishDoc(tenant, "launch.md", "# Launch\n\nPublic notes.\n");
      await setPolicy(tenant, { mode: "PUBLIC", confidential: false, endsAt: new Date(Date.now() + 86_400_000).toISOString() });
      const res = await edge(tenant.handle, "launch.md");
      assert.equal(res.status, 200, res.text);
      assert.match(res.text, /Public notes/);
      assert.equal(res.headers.get("cache-control"), "private, no-store");
      assert.match(res.headers.get("vary") ?? "", /Cookie/);
    });

    test("outside the window: 403 docs_access_window_closed for non-members; members still read", async () => {
      const tenant = await newTenant("docs-window");
      await publishDoc(tenant, "soon.md", "# Soon\n");
      await setPolicy(tenant, { mode: "PUBLIC", confidential: false, startsAt: new Date(Date.now() + 86_400_000).toISOString() });
      assertProblem(await edge(tenant.handle, "soon.md"), 403, "docs_access_window_closed");
      const page = await edge(tenant.handle, "soon.md", { headers: asBrowser });
      assert.equal(page.status, 403);
      assert.match(page.text, /not available right now/);
      assert.equal((await edge(tenant.handle, "soon.md", { token: tenant.readToken })).status, 200);
      await setPolicy(tenant, { mode: "PUBLIC", confidential: false, endsAt: new Date(Date.now() - 1000).toISOString() });
      assertProblem(await edge(tenant.handle, "soon.md"), 403, "docs_access_window_closed");
    });

    test("missing, pending and expired docs", async () => {
      const tenant = await newTenant("docs-state");
      assertProblem(await edge(tenant.handle, "nope.md", { token: tenant.readToken }), 404, "doc_not_found");
      const pending = await createFile(tenant, { fileName: "draft.md", sizeBytes: 10, accessMode: "PUBLIC", contentType: "text/markdown", docsPath: "draft.md" });
      assertProblem(await edge(tenant.handle, "draft.md", { token: tenant.readToken }), 409, "upload_incomplete");
      assert.equal(await upload(pending, Buffer.from("# Draft ok")), 200);
      assert.equal((await edge(tenant.handle, "draft.md", { token: tenant.readToken })).status, 200, "ready once uploaded");
      await publishDoc(tenant, "brief.md", "# Brief\n", "text/markdown", { expiresAt: new Date(Date.now() + 1500).toISOString() });
      assert.equal((await edge(tenant.handle, "brief.md", { token: tenant.readToken })).status, 200);
      await new Promise((r) => setTimeout(r, 1700));
      assertProblem(await edge(tenant.handle, "brief.md", { token: tenant.readToken }), 410, "file_expired");
      const index = await edge(tenant.handle, "", { token: tenant.readToken, redirect: "follow" });
      assert.doesNotMatch(index.text, /brief\.md/, "expired docs leave the index");
      // An unknown handle looks like members-only docs (e2e/api/consistency.test.ts).
      assertProblem(await edge("no-such-handle-zz", "x.md"), 401, "unauthenticated");
    });

    test("internal docs are never served by /v2/public/files", async () => {
      const tenant = await newTenant("docs-pub");
      const created = await publishDoc(tenant, "only-edge.md", "# Edge only\n");
      assert.equal(created.publicUrl, null, "no public URL that would answer 404");
      assertProblem(await call(`/v2/public/files/${created.file.id}`), 404, "file_not_found");
    });
  });

  describe("rendering and content types", () => {
    test("XSS in Markdown is stripped", async () => {
      const tenant = await newTenant("docs-xss");
      await publishDoc(tenant, "xss.md", [
        "# Title",
        "<script>alert('s')</script>",
        '<img src="x" onerror="alert(\'i\')">',
        "[click](javascript:alert('j'))",
        '<iframe src="https://evil.example/"></iframe>',
        '<a href="https://ok.example/" onclick="alert(\'c\')">ok</a>',
        "<svg onload=alert('v')></svg>",
        "<style>body{display:none}</style>",
        "",
      ].join("\n\n"));
      const res = await edge(tenant.handle, "xss.md", { token: tenant.readToken });
      assert.equal(res.status, 200, res.text);
      const article = res.text.slice(res.text.indexOf('<article class="prose">'), res.text.indexOf("</article>"));
      // Tags only: an escaped `&lt;svg onload=…&gt;` is harmless text and may stay.
      const tags = article.match(/<[^>]*>/g) ?? [];
      for (const tag of tags) {
        assert.doesNotMatch(tag, /^<(script|iframe|svg|style|object|embed|form)\b/i, tag);
        assert.doesNotMatch(tag, /\son\w+\s*=/i, tag);
        assert.doesNotMatch(tag, /javascript:/i, tag);
      }
      assert.doesNotMatch(article, /<script|alert\('s'\)/, "script bodies are dropped, not escaped");
      assert.match(article, /<a href="https:\/\/ok.example\/" rel="noopener noreferrer">ok<\/a>/);
      assert.doesNotMatch(res.text, /<script/i, "the layout itself is script-free");
    });

    test("active types are attachments, passive ones inline, always nosniff", async () => {
      const tenant = await newTenant("docs-types");
      await publishDoc(tenant, "files/page.html", "<script>alert(1)</script>", "text/html");
      await publishDoc(tenant, "files/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml");
      await publishDoc(tenant, "files/notes.txt", "plain notes", "text/plain");
      for (const path of ["files/page.html", "files/logo.svg"]) {
        const res = await edge(tenant.handle, path, { token: tenant.readToken });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get("content-type"), "application/octet-stream", path);
        assert.match(res.headers.get("content-disposition")!, /^attachment;/, path);
        assert.equal(res.headers.get("x-content-type-options"), "nosniff");
        assert.match(res.headers.get("content-security-policy")!, /sandbox/);
        assert.equal(res.headers.get("cache-control"), "private, no-store");
      }
      const text = await edge(tenant.handle, "files/notes.txt", { token: tenant.readToken });
      assert.equal(text.headers.get("content-type"), "text/plain; charset=utf-8");
      assert.match(text.headers.get("content-disposition")!, /^inline;/);
      assert.equal(text.text, "plain notes");
    });
  });

  describe("visitors: EMAIL_ALLOWLIST and the docs magic link", async () => {
    const tenant = await newTenant("docs-visit");
    const ann = `ann-${Date.now()}@partner.example.com`;
    await publishDoc(tenant, "brand/guidelines.md", "# Partner guidelines\n\nFor partners.\n");
    await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann], allowedDomains: ["agency.example.org"], confidential: true });

    test("no grant: 401 magic_link_required; browsers get the email form", async () => {
      assertProblem(await edge(tenant.handle, "brand/guidelines.md"), 401, "magic_link_required");
      const page = await edge(tenant.handle, "brand/guidelines.md", { headers: asBrowser });
      assert.equal(page.status, 401);
      assert.match(page.text, new RegExp(`<form method="post" action="/v2/public/docs/${tenant.handle}/magic-link">`));
      assert.match(page.text, /name="email" type="email"/);
      assert.doesNotMatch(page.text, /For partners/);
    });

    test("the whole flow: link by email → scanner-safe page → POST → the doc", async () => {
      const sent = await requestLink(tenant.handle, ann.toUpperCase(), { host: "evil.example", "x-forwarded-host": "evil.example" });
      assert.equal(sent.status, 202, sent.text);
      assert.deepEqual(sent.json, { status: "sent" });
      const mail = await latestMailTo(ann);
      assert.ok(!mail.text.includes("evil.example"), "links are built from APP_URL only");
      const { link, token } = await tokenFromMail(tenant.handle, ann);
      assert.ok(link.startsWith(`${baseUrl}/docs-access/${tenant.handle}/verify?token=`), link);

      for (let i = 0; i < 3; i++) {
        const page = await fetch(link, { headers: { "user-agent": "Mozilla/5.0 (compatible; SafeLinks scanner)" } });
        assert.equal(page.status, 200);
        assert.equal(page.headers.get("set-cookie"), null, "opening the link sets no cookie");
        const html = await page.text();
        assert.match(html, /Continue to the docs/);
        assert.match(html, new RegExp(`action="/v2/public/docs/${tenant.handle}/magic-link/verify"`));
        const head = await fetch(link, { method: "HEAD" });
        assert.equal(head.headers.get("set-cookie"), null);
      }

      // The Continue button is a same-origin form post: 303 to the docs with the grant.
      const form = await call(`/v2/public/docs/${tenant.handle}/magic-link/verify`, {
        method: "POST", body: new URLSearchParams({ token }).toString(),
        headers: { ...sameOrigin, ...asBrowser, "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(form.status, 303, form.text);
      assert.equal(form.headers.get("location"), `${baseUrl}/_edge/docs/${tenant.handle}/`);
      const setCookie = form.headers.get("set-cookie")!;
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.match(setCookie, /Max-Age=86400/);
      assert.match(setCookie, /Path=\//);

      const cookie = cookieOf(form);
      const doc = await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } });
      assert.equal(doc.status, 200, doc.text);
      assert.match(doc.text, /For partners/);
      assert.match(doc.text, new RegExp(`Shared with ${ann.replace(/[.]/g, "\\.")}`));
      assert.equal(doc.headers.get("cache-control"), "private, no-store");
      const index = await edge(tenant.handle, "", { headers: { cookie }, redirect: "follow" });
      assert.equal(index.status, 200);
      assert.match(index.text, /brand\/guidelines\.md/);

      // The grant is for this handle only.
      await setPolicy(other, { mode: "MEMBERS" });
      try {
        assertProblem(await edge(other.handle, "other/secret.md", { headers: { cookie } }), 401, "unauthenticated");
      } finally {
        await setPolicy(other, { mode: "PUBLIC", confidential: false });
      }
    });

    test("a whole allowlisted domain works, JSON verify answers 200 + cookie", async () => {
      const cookie = await grantFor(tenant.handle, `bob-${Date.now()}@agency.example.org`);
      assert.equal((await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } })).status, 200);
    });

    test("request rules: 404, 409, 403, 400, cross-site", async () => {
      assertProblem(await requestLink("no-such-handle-zz", ann), 404, "handle_not_found");
      assertProblem(await requestLink("ACME", ann), 404, "handle_not_found");
      // Members-only docs: the same answer as an unknown handle (acme's policy is MEMBERS here).
      assertProblem(await requestLink(acme.handle, ann), 404, "handle_not_found");
      assertProblem(await requestLink(tenant.handle, `eve-${Date.now()}@evil.example`), 403, "email_not_allowlisted");
      assertProblem(await requestLink(tenant.handle, `bob@eu.agency.example.org`), 403, "email_not_allowlisted");
      assertProblem(await requestLink(tenant.handle, `${ann},eve@evil.example`), 400, "invalid_email");
      assertProblem(await requestLink(tenant.handle, ann, { origin: "https://evil.example" }), 403, "cross_site_request");
      assertProblem(await requestLink(tenant.handle, ann, { origin: "null" }), 403, "cross_site_request");
    });

    test("verify rules: single use, bound to the handle, same-origin only", async () => {
      const second = await newTenant("docs-visit2");
      await setPolicy(second, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann] });
      const sent = await requestLink(tenant.handle, ann);
      assert.equal(sent.status, 202);
      const { token } = await tokenFromMail(tenant.handle, ann);
      assertProblem(await verifyToken(second.handle, token), 400, "invalid_magic_link");
      assertProblem(await verifyToken(tenant.handle, token, { origin: "https://evil.example" }), 403, "cross_site_request");
      assertProblem(await verifyToken(tenant.handle, token, { origin: "null" }), 403, "cross_site_request");
      assertProblem(await verifyToken(tenant.handle, token, { "sec-fetch-site": "cross-site" }), 403, "cross_site_request");
      const ok = await verifyToken(tenant.handle, token);
      assert.equal(ok.status, 200, "the refused attempts did not consume it");
      assert.equal(ok.json.email, ann);
      assertProblem(await verifyToken(tenant.handle, token), 400, "invalid_magic_link");
      assertProblem(await verifyToken(tenant.handle, "A".repeat(43)), 400, "invalid_magic_link");
      assertProblem(await verifyToken(tenant.handle, "short"), 400, "invalid_magic_link");
      const page = await fetch(`${baseUrl}/docs-access/${tenant.handle}/verify?token=${token}`);
      assert.match(await page.text(), /This link no longer works/);
    });

    test("policy changes revoke existing grants at once", async () => {
      const carol = `carol-${Date.now()}@partner.example.com`;
      await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann, carol], allowedDomains: ["agency.example.org"] });
      const cookie = await grantFor(tenant.handle, carol);
      assert.equal((await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } })).status, 200);
      await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann], allowedDomains: ["agency.example.org"] });
      assertProblem(await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } }), 403, "email_not_allowlisted");
      await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann, carol], allowedDomains: ["agency.example.org"] });
      assert.equal((await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } })).status, 200, "re-added: the grant holds again");
      await setPolicy(tenant, { mode: "MEMBERS", allowedEmails: [ann, carol] });
      assertProblem(await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } }), 403, "forbidden");
      await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann, carol], endsAt: new Date(Date.now() - 1000).toISOString() });
      assertProblem(await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie } }), 403, "docs_access_window_closed");
      assertProblem(await requestLink(tenant.handle, carol), 403, "docs_access_window_closed");
      await setPolicy(tenant, { mode: "EMAIL_ALLOWLIST", allowedEmails: [ann], allowedDomains: ["agency.example.org"] });
    });

    test("a forged or foreign grant cookie is no grant", async () => {
      const carol = `forge-${Date.now()}@agency.example.org`;
      const cookie = await grantFor(tenant.handle, carol);
      const [name, value] = cookie.split("=");
      const [payload, signature] = value.split(".");
      const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), email: ann })).toString("base64url");
      assertProblem(await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie: `${name}=${forgedPayload}.${signature}` } }), 401, "magic_link_required");
      assertProblem(await edge(tenant.handle, "brand/guidelines.md", { headers: { cookie: `${name}=${"x".repeat(5000)}` } }), 401, "magic_link_required");
    });

    test("throttled per email+handle: the 6th request in 15 minutes is 429", async () => {
      const dave = `dave-${Date.now()}@agency.example.org`;
      for (let i = 0; i < 5; i++) assert.equal((await requestLink(tenant.handle, dave)).status, 202);
      const limited = await requestLink(tenant.handle, dave);
      assertProblem(limited, 429, "rate_limited");
      assert.ok(Number(limited.headers.get("retry-after")) > 0);
    });

    test("the HTML form flow answers with pages, not JSON", async () => {
      const form = (email: string) => call(`/v2/public/docs/${tenant.handle}/magic-link`, {
        method: "POST", body: new URLSearchParams({ email }).toString(),
        headers: { ...sameOrigin, ...asBrowser, "content-type": "application/x-www-form-urlencoded" },
      });
      const ok = await form(`erin-${Date.now()}@agency.example.org`);
      assert.equal(ok.status, 202);
      assert.match(ok.headers.get("content-type")!, /^text\/html/);
      assert.match(ok.text, /Check your inbox/);
      const refused = await form(`mallory-${Date.now()}@evil.example`);
      assert.equal(refused.status, 403);
      assert.match(refused.text, /does not have access/);
    });
  });

  describe("paths that try to leave the handle (T42–T44)", () => {
    const probes = [
      "../other/secret.md", "..%2fother%2fsecret.md", "..%2F..%2Fother%2Fsecret.md", "%2e%2e/other/secret.md", "%2e%2e%2fother%2fsecret.md",
      "%252e%252e%252fother%252fsecret.md", "....//other/secret.md", "..\\other\\secret.md", "..%5cother%5csecret.md", "a%00.md",
      "%00", "brand/%2e%2e/%2e%2e/other/secret.md", "./brand/guidelines.md", "%2fetc%2fpasswd", "/etc/passwd", "brand//guidelines.md",
      "%e2%80%a4%e2%80%a4/other/secret.md", "%ef%bc%8e%ef%bc%8e%ef%bc%8fother", "brand/guidelines.md%00.png", "brand/guidelines.md%0d%0aX-Evil:%201",
    ];

    test("never another handle's content, never a 5xx", async () => {
      await setPolicy(acme, { mode: "MEMBERS" });
      for (const probe of probes) {
        for (const headers of [{}, { authorization: `Bearer ${acme.readToken}` }]) {
          const res = await raw(`/_edge/docs/${acme.handle}/${probe}`, { headers });
          assert.ok(res.status < 500, `${probe}: ${res.status}`);
          assert.ok(!res.text.includes(SECRET), `${probe} leaked another handle's doc`);
          if (res.status === 200) assert.match(res.text, /Brand guidelines/, `${probe}: only acme's own doc may answer 200`);
          if (res.status >= 300 && res.status < 400) {
            const location = new URL(res.headers.location!, baseUrl).pathname;
            assert.ok(location.startsWith("/_edge/docs/"), `${probe} redirected to ${location}`);
          }
        }
      }
    });

    test("encoded separators and dot segments inside one segment are 400 invalid_docs_path", async () => {
      for (const probe of ["..%2fother%2fsecret.md", "%2e%2e%2fother%2fsecret.md", "%252e%252e%252fother%252fsecret.md", "..%5cother%5csecret.md", "a%00.md", "%2fetc%2fpasswd", "brand/guidelines.md%0d%0aX-Evil:%201", "%ef%bc%8e%ef%bc%8e%ef%bc%8fother"]) {
        const res = await raw(`/_edge/docs/${acme.handle}/${probe}`, { headers: { authorization: `Bearer ${acme.readToken}` } });
        assert.equal(res.status, 400, `${probe}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.equal(JSON.parse(res.text).code, "invalid_docs_path");
      }
    });

    test("handle confusion: uppercase, padded or another handle's path", async () => {
      assertProblem(await edge(acme.handle.toUpperCase(), "brand/guidelines.md", { token: acme.readToken }), 404, "handle_not_found");
      const padded = await raw(`/_edge/docs/${acme.handle}%20/brand/guidelines.md`, { headers: { authorization: `Bearer ${acme.readToken}` } });
      assert.ok([400, 404].includes(padded.status), String(padded.status));
      assertProblem(await edge(acme.handle, "other/secret.md", { token: acme.readToken }), 404, "doc_not_found");
      // Same docsPath in both handles: each URL serves its own handle's bytes only.
      const mine = await edge(acme.handle, "brand/guidelines.md", { token: acme.readToken });
      assert.ok(!mine.text.includes(SECRET));
      const theirs = await edge(other.handle, "brand/guidelines.md", { token: acme.readToken });
      assert.ok(theirs.status === 200 && theirs.text.includes(SECRET), "other is PUBLIC: its own URL serves its own doc");
      await setPolicy(other, { mode: "MEMBERS" });
      try {
        assertProblem(await edge(other.handle, "brand/guidelines.md", { token: acme.readToken }), 403, "forbidden");
      } finally {
        await setPolicy(other, { mode: "PUBLIC", confidential: false });
      }
    });

    test("every spelling of /_edge goes through the same check (A3)", async () => {
      const bypass = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
      assertProblem(await edge(acme.handle, "brand/guidelines.md", { headers: bypass }), 401, "unauthenticated");
      for (const path of [`/%5Fedge/docs/${acme.handle}/brand/guidelines.md`, `/%5fedge/docs/${acme.handle}/brand/guidelines.md`, `//_edge/docs/${acme.handle}/brand/guidelines.md`, `/_edge/./docs/${acme.handle}/brand/guidelines.md`, `/_edge/docs/./${acme.handle}/brand/guidelines.md`]) {
        const res = await raw(path, { headers: bypass });
        assert.ok([301, 302, 307, 308, 400, 401, 404].includes(res.status), `${path}: ${res.status}`);
        assert.doesNotMatch(res.text, /Use the/, `${path} served the doc without credentials`);
        if (res.headers.location) {
          const followed = await raw(new URL(res.headers.location, baseUrl).pathname, { headers: bypass });
          assert.ok([400, 401, 404].includes(followed.status), `${path} → ${res.headers.location}: ${followed.status}`);
          assert.doesNotMatch(followed.text, /Use the/);
        }
      }
    });

    test("overlong UTF-8 (%c0%ae) is a 4xx, not a 500", async () => {
      const res = await raw(`/_edge/docs/${acme.handle}/%c0%ae%c0%ae/other/secret.md`);
      assert.ok(res.status >= 400 && res.status < 500, String(res.status));
    });
  });

  describe("methods and caching (A4, T45, T46)", () => {
    test("HEAD and OPTIONS get GET's decision", async () => {
      await setPolicy(acme, { mode: "MEMBERS" });
      const anonymousHead = await raw(`/_edge/docs/${acme.handle}/brand/guidelines.md`, { method: "HEAD" });
      assert.equal(anonymousHead.status, 401);
      assert.equal(anonymousHead.text, "");
      const memberHead = await raw(`/_edge/docs/${acme.handle}/brand/guidelines.md`, { method: "HEAD", headers: { authorization: `Bearer ${acme.readToken}` } });
      assert.equal(memberHead.status, 200);
      assert.equal(memberHead.text, "");
      assert.match(String(memberHead.headers["content-type"]), /^text\/html/);
      assert.equal(memberHead.headers["cache-control"], "private, no-store");
      const anonymousOptions = await raw(`/_edge/docs/${acme.handle}/brand/guidelines.md`, { method: "OPTIONS" });
      assert.equal(anonymousOptions.status, 401);
      const memberOptions = await raw(`/_edge/docs/${acme.handle}/brand/guidelines.md`, { method: "OPTIONS", headers: { authorization: `Bearer ${acme.readToken}` } });
      assert.equal(memberOptions.status, 204);
      assert.equal(memberOptions.headers.allow, "GET, HEAD, OPTIONS");
      assert.equal((await raw(`/_edge/docs/${acme.handle}/missing.md`, { method: "OPTIONS", headers: { authorization: `Bearer ${acme.readToken}` } })).status, 404);
    });

    test("writes are 405 problem+json with Allow", async () => {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const res = await edge(acme.handle, "brand/guidelines.md", { method, token: acme.token, body: "{}" });
        assertProblem(res, 405, "method_not_allowed");
        assert.equal(res.headers.get("allow"), "GET, HEAD, OPTIONS");
      }
    });

    test("TRACE is 405 problem+json and reflects nothing", async () => {
      const res = await raw(`/_edge/docs/${acme.handle}/brand/guidelines.md`, { method: "TRACE", headers: { authorization: `Bearer ${acme.readToken}` } });
      assert.doesNotMatch(res.text, /Brand guidelines|Bearer/);
      assert.equal(res.status, 405);
      assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    });

    test("a member's cacheable-looking URL stays private for the next anonymous caller (cache deception)", async () => {
      await publishDoc(acme, "assets/page.css", "body{}", "text/css");
      const member = await edge(acme.handle, "assets/page.css", { token: acme.readToken });
      assert.equal(member.status, 200);
      assert.equal(member.headers.get("cache-control"), "private, no-store");
      assertProblem(await edge(acme.handle, "assets/page.css"), 401, "unauthenticated");
    });
  });
});
