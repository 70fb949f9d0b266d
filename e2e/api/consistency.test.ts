import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { admin, newTenant, unique } from "../support/admin";
import { baseUrl } from "../support/env";
import { createFile, download, readyFile, upload } from "../support/files";
import { assertProblem, call, type CallOptions } from "../support/http";
import { signIn } from "../support/session";

// Consistency (docs/decisions.md, "API behaviour"; the OpenAPI document): the same rule reads the same way on create and PATCH, on every
// route, for every kind of file.
const inFuture = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe("consistency", async () => {
  const acme = await newTenant("consist");
  const filesUrl = `/v2/handles/${acme.handle}/files`;
  const patch = (id: string, body: unknown) => call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body });

  test("expiresAt: null means never, on create and on PATCH alike", async () => {
    const created = await call(filesUrl, { method: "POST", token: acme.token, body: { fileName: "n.txt", sizeBytes: 3, accessMode: "PUBLIC", expiresAt: null } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.file.expiresAt, null);
    const id = created.json.file.id;
    assert.equal((await patch(id, { expiresAt: inFuture(3600) })).json.expiresAt !== null, true);
    const cleared = await patch(id, { expiresAt: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.json.expiresAt, null);
    assertProblem(await call(filesUrl, { method: "POST", token: acme.token, body: { fileName: "n.txt", sizeBytes: 3, accessMode: "PUBLIC", expiresAt: "" } }), 400, "invalid_expires_at");
  });

  test("PATCH renames: same rules as create, same bytes, the download carries the new name", async () => {
    const { id, bytes, publicUrl } = await readyFile(acme, { fileName: "draft.pdf", contentType: "application/pdf" });
    for (const fileName of ["", "a/b.pdf", "x\r\ny", "é".repeat(91), 42]) {
      assertProblem(await patch(id, { fileName }), 400, "invalid_file_name");
    }
    const renamed = await patch(id, { fileName: "Rapport final — 2027.pdf" });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.fileName, "Rapport final — 2027.pdf");
    assert.equal(renamed.json.status, "ready", "the object is untouched");
    assert.equal(renamed.json.contentType, "application/pdf");
    const { response, bytes: got } = await download(publicUrl);
    assert.ok(got.equals(bytes));
    const disposition = response.headers.get("content-disposition") ?? "";
    assert.match(disposition, /filename\*=UTF-8''Rapport%20final%20%E2%80%94%202027\.pdf/);
    assert.doesNotMatch(disposition, /draft/);
    const events = (await call(`${filesUrl}/${id}/events`, { token: acme.token })).json.events as { action: string; detail: Record<string, unknown> | null }[];
    assert.ok(events.some((e) => e.action === "file.updated" && e.detail?.fileName === "Rapport final — 2027.pdf"), "the rename is in the audit trail");
  });

  test("switching to PUBLIC clears allowedEmails; switching back needs a new list", async () => {
    const created = await createFile(acme, { fileName: "s.txt", sizeBytes: 3, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.example"] });
    const id = created.file.id;
    const opened = await patch(id, { accessMode: "PUBLIC" });
    assert.equal(opened.status, 200, opened.text);
    assert.deepEqual(opened.json.allowedEmails, []);
    assert.deepEqual((await call(`${filesUrl}/${id}`, { token: acme.token })).json.allowedEmails, [], "stored, not only shown");
    assertProblem(await patch(id, { accessMode: "EMAIL_ALLOWLIST" }), 400, "allowed_emails_required");
    const both = await patch(id, { accessMode: "PUBLIC", allowedEmails: ["bob@partner.example"] });
    assert.deepEqual(both.json.allowedEmails, [], "a PUBLIC file keeps no list");
    const publicWithList = await createFile(acme, { fileName: "p.txt", sizeBytes: 3, accessMode: "PUBLIC", allowedEmails: ["bob@partner.example"] });
    assert.deepEqual(publicWithList.file.allowedEmails, [], "create follows the same rule");
    const back = await patch(id, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["cy@partner.example"] });
    assert.deepEqual(back.json.allowedEmails, ["cy@partner.example"]);
  });

  test("internal docs carry their edge URL, not a public URL that answers 404", async () => {
    const bytes = Buffer.from("# Kit\n");
    const doc = await createFile(acme, { fileName: "kit.md", sizeBytes: bytes.length, accessMode: "PUBLIC", contentType: "text/markdown", docsPath: "brand/kit.md" });
    const expected = `${baseUrl}/_edge/docs/${acme.handle}/brand/kit.md`;
    assert.equal(doc.publicUrl, null);
    assert.equal(doc.docsUrl, expected);
    assert.equal(doc.file.publicUrl, null);
    assert.equal(doc.file.docsUrl, expected);
    assert.equal(await upload(doc, bytes), 200);
    const listed = (await call(filesUrl, { token: acme.token })).json.files.find((f: { id: string }) => f.id === doc.file.id);
    assert.equal(listed.docsUrl, expected);
    assert.equal(listed.publicUrl, null);
    const read = await call(expected, { token: acme.readToken });
    assert.equal(read.status, 200, "the edge URL serves the doc");
    const plain = await createFile(acme, { fileName: "plain.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    assert.equal(plain.file.docsUrl, null);
    assert.equal(plain.file.publicUrl, `${baseUrl}/v2/public/files/${plain.file.id}`);
  });

  test("create-token for a user who is not a member of the handle is refused", async () => {
    const outsider = `${unique("outsider")}@example.com`;
    await admin("create-user", { email: outsider });
    await assert.rejects(admin("create-token", { handle: acme.handle, email: outsider, scopes: "files.read" }), /404 .*not a member/);
    await admin("add-member", { handle: acme.handle, email: outsider, role: "CREATOR" });
    assert.match(await admin("create-token", { handle: acme.handle, email: outsider, scopes: "files.read" }), /^ghf_/);
  });
});

describe("an unknown handle and a handle you may not see answer alike", async () => {
  const hidden = await newTenant("hidden"); // docs policy: the default, MEMBERS
  const mine = await newTenant("mine");
  const unknown = unique("nohandle");
  const hiddenFile = await createFile(hidden, { fileName: "h.txt", sizeBytes: 3, accessMode: "PUBLIC" });
  const outsiderCookie = await signIn(`${unique("nosy")}@example.com`);

  /** The parts of an answer that could tell the two apart (the slug itself aside). */
  async function answer(path: (handle: string) => string, handle: string, options: CallOptions = {}) {
    const res = await call(path(handle), options);
    const scrub = (text: string) => text.replaceAll(handle, "{handle}").replaceAll(res.headers.get("x-request-id") ?? "-", "{requestId}");
    return {
      status: res.status,
      code: res.json?.code,
      detail: res.json?.detail,
      contentType: res.headers.get("content-type"),
      wwwAuthenticate: res.headers.get("www-authenticate"),
      body: res.json ? undefined : scrub(res.text),
    };
  }

  async function same(label: string, path: (handle: string) => string, options: CallOptions = {}) {
    const seen = await answer(path, hidden.handle, options);
    const none = await answer(path, unknown, options);
    assert.deepEqual(none, seen, `${label}: unknown ${JSON.stringify(none)} vs hidden ${JSON.stringify(seen)}`);
    assert.ok(seen.status >= 400, `${label} was not refused: ${seen.status}`);
    return seen;
  }

  test("the /v2 API, with a PAT of another handle and with an outsider's session", async () => {
    const id = hiddenFile.file.id;
    const write = { fileName: "x.txt", sizeBytes: 3, accessMode: "PUBLIC" };
    for (const [who, auth] of [["pat", { token: mine.token }], ["session", { headers: { cookie: outsiderCookie } }]] as const) {
      const routes: [string, (h: string) => string, CallOptions][] = [
        ["list", (h) => `/v2/handles/${h}/files`, {}],
        ["create", (h) => `/v2/handles/${h}/files`, { method: "POST", body: write }],
        ["get", (h) => `/v2/handles/${h}/files/${id}`, {}],
        ["patch", (h) => `/v2/handles/${h}/files/${id}`, { method: "PATCH", body: { accessMode: "PUBLIC" } }],
        ["delete", (h) => `/v2/handles/${h}/files/${id}`, { method: "DELETE" }],
        ["events", (h) => `/v2/handles/${h}/files/${id}/events`, {}],
        ["docs policy", (h) => `/v2/handles/${h}/internal-docs/access`, {}],
        ["docs policy put", (h) => `/v2/handles/${h}/internal-docs/access`, { method: "PUT", body: { mode: "PUBLIC", confidential: false } }],
        ...(who === "pat"
          ? [["public family", (h: string) => `/v2/public/handles/${h}/files`, {}] as [string, (h: string) => string, CallOptions]]
          : [
              ["tokens", (h: string) => `/v2/handles/${h}/tokens`, {}] as [string, (h: string) => string, CallOptions],
              ["members", (h: string) => `/v2/handles/${h}/members`, {}] as [string, (h: string) => string, CallOptions],
            ]),
      ];
      for (const [label, path, options] of routes) {
        const seen = await same(`${who} ${label}`, path, { ...options, ...auth });
        assert.equal(seen.code, "handle_not_found", `${who} ${label}`);
      }
    }
    assert.equal((await call(`/v2/handles/${hidden.handle}/files/${id}`, { token: hidden.token })).status, 200, "the file is still there");
  });

  test("/_edge/docs: anonymous, signed in elsewhere, a browser; and the docs magic link", async () => {
    const edge = (h: string) => `/_edge/docs/${h}`;
    const anonymous = await same("edge anonymous", edge);
    assert.equal(anonymous.status, 401);
    assert.equal((await same("edge doc path", (h) => `/_edge/docs/${h}/brand/kit.md`)).status, 401);
    assert.equal((await same("edge with another handle's PAT", edge, { token: mine.readToken })).status, 403);
    assert.equal((await same("edge with an outsider's session", edge, { headers: { cookie: outsiderCookie } })).status, 403);
    const page = await same("edge page for a browser", edge, { headers: { accept: "text/html" } });
    assert.match(page.contentType ?? "", /^text\/html/);
    await same("edge HEAD", edge, { method: "HEAD" });
    const link = await same("docs magic link", (h) => `/v2/public/docs/${h}/magic-link`, { method: "POST", body: { email: "ann@partner.example" } });
    assert.equal(link.code, "handle_not_found");
    await same("docs magic link verify", (h) => `/v2/public/docs/${h}/magic-link/verify`, { method: "POST", body: { token: "x".repeat(43) } });
  });
});
