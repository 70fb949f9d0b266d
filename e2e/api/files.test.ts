import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { admin, newTenant } from "../support/admin";
import { baseUrl, signedUrlExpiry, storageDriver, wrongLengthStatus } from "../support/env";
import { createFile, download, readyFile, upload } from "../support/files";
import { assertProblem, call, fetchApi } from "../support/http";

const inFuture = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("files API contract", async () => {
  const acme = await newTenant("files");
  const rival = await newTenant("rival");
  const filesUrl = `/v2/handles/${acme.handle}/files`;
  const list = async () => (await call(filesUrl, { token: acme.token })).json.files as { id: string; fileName: string }[];

  test("validation: every documented code, first failing rule wins, nothing written", async () => {
    const before = (await list()).length;
    const ok = { fileName: "a.pdf", sizeBytes: 10, accessMode: "PUBLIC" };
    const cases: [unknown, string][] = [
      [{ ...ok, fileName: "" }, "invalid_file_name"],
      [{ ...ok, fileName: "é".repeat(91) }, "invalid_file_name"], // 182 bytes of UTF-8
      [{ ...ok, fileName: "../../etc/passwd" }, "invalid_file_name"],
      [{ ...ok, fileName: "..\\..\\x" }, "invalid_file_name"],
      [{ ...ok, fileName: "x.pdf\r\nSet-Cookie: a=b" }, "invalid_file_name"],
      [{ ...ok, fileName: "a\u0000.pdf" }, "invalid_file_name"],
      [{ ...ok, fileName: "evil\u202Etxt.exe" }, "invalid_file_name"],
      [{ ...ok, fileName: 42 }, "invalid_file_name"],
      [{ ...ok, sizeBytes: 0 }, "invalid_size_bytes"],
      [{ ...ok, sizeBytes: -1 }, "invalid_size_bytes"],
      [{ ...ok, sizeBytes: 1.5 }, "invalid_size_bytes"],
      [{ ...ok, sizeBytes: "1e9" }, "invalid_size_bytes"],
      [{ ...ok, sizeBytes: 262_144_001 }, "invalid_size_bytes"],
      [{ ...ok, sizeBytes: 2 ** 53 }, "invalid_size_bytes"],
      [{ fileName: "a.pdf", accessMode: "PUBLIC" }, "invalid_size_bytes"],
      [{ ...ok, accessMode: "SECRET" }, "invalid_access_mode"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST" }, "allowed_emails_required"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST", allowedEmails: [] }, "allowed_emails_required"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST", allowedEmails: Array.from({ length: 201 }, (_, i) => `p${i}@x.com`) }, "too_many_allowed_emails"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["not-an-email"] }, "invalid_email"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ['"v@ok.com"@evil.com'] }, "invalid_email"],
      [{ ...ok, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["v@ok.com,a@evil.com"] }, "invalid_email"],
      [{ ...ok, expiresAt: "tomorrow" }, "invalid_expires_at"],
      [{ ...ok, expiresAt: "2020-01-01T00:00:00Z" }, "invalid_expires_at"],
      // First failing rule wins: name before size, size before mode, allowlist before expiry.
      [{ fileName: "", sizeBytes: 0, accessMode: "X" }, "invalid_file_name"],
      [{ fileName: "a", sizeBytes: 0, accessMode: "X" }, "invalid_size_bytes"],
      [{ fileName: "a", sizeBytes: 1, accessMode: "EMAIL_ALLOWLIST", expiresAt: "bad" }, "allowed_emails_required"],
      ["[1,2]", "invalid_json"],
      ["{not json", "invalid_json"],
      ['"text"', "invalid_json"],
    ];
    for (const [body, code] of cases) {
      const res = await call(filesUrl, { method: "POST", token: acme.token, body });
      assertProblem(res, 400, code);
    }
    assert.equal((await list()).length, before, "no file row was created by refused requests");
  });

  test("create answers the documented shape; emails are canonicalised and stored lower-case", async () => {
    const res = await call(filesUrl, {
      method: "POST", token: acme.token,
      body: { fileName: "Report.pdf", sizeBytes: 5, accessMode: "EMAIL_ALLOWLIST", allowedEmails: [" Buyer@Example.COM ", "buyer@example.com"], expiresAt: "2099-06-01T00:00:00Z" },
    });
    assert.equal(res.status, 201);
    const { file, uploadUrl, uploadMethod, uploadHeaders, uploadExpiresAt, publicUrl } = res.json;
    assert.match(file.id, /^fil_[A-Za-z0-9]{24}$/);
    assert.equal(file.handle, acme.handle);
    assert.equal(file.contentType, "application/pdf");
    assert.deepEqual(file.allowedEmails, ["buyer@example.com"]);
    assert.equal(file.expiresAt, "2099-06-01T00:00:00.000Z");
    assert.equal(file.status, "pending");
    assert.equal(publicUrl, `${baseUrl}/v2/public/files/${file.id}`);
    assert.equal(uploadMethod, "PUT");
    assert.equal(uploadHeaders["Content-Type"], "application/pdf");
    const ttl = (Date.parse(uploadExpiresAt) - Date.now()) / 1000;
    assert.ok(ttl > 14 * 60 && ttl <= 15 * 60 + 1, `upload URL lives 15 minutes (got ${ttl}s)`);
    assert.ok(!uploadUrl.includes("Report"), "the object key never comes from the file name");
  });

  test("lifecycle: upload → ready → download → expire → 410 → extend → download again", async () => {
    const bytes = Buffer.from("campaign media kit v1 " + "x".repeat(1000));
    const created = await createFile(acme, { fileName: "kit.txt", sizeBytes: bytes.length, accessMode: "PUBLIC", expiresAt: inFuture(4) });
    assertProblem(await call(created.publicUrl), 409, "upload_incomplete");
    assert.equal(await upload(created, bytes.subarray(0, 10)), wrongLengthStatus("short"), "a short body is refused");
    assertProblem(await call(created.publicUrl), 409, "upload_incomplete");
    assert.equal(await upload(created, bytes), 200);
    const first = await download(created.publicUrl);
    assert.equal(first.redirect.headers.get("cache-control"), "no-store");
    assert.equal(first.redirect.headers.get("referrer-policy"), "no-referrer");
    assert.ok(first.bytes.equals(bytes));
    assert.match(first.response.headers.get("content-disposition")!, /^attachment; filename="kit.txt"; filename\*=UTF-8''kit.txt$/);
    const item = await call(`${filesUrl}/${created.file.id}`, { token: acme.token });
    assert.equal(item.json.status, "ready");

    await sleep(4500);
    assertProblem(await call(created.publicUrl), 410, "file_expired");
    assertProblem(await call(`${filesUrl}/${created.file.id}`, { token: acme.token }), 410, "file_expired");
    assert.ok(!(await list()).some((f) => f.id === created.file.id), "expired files are not listed");
    const expired = await call(`${filesUrl}?status=expired`, { token: acme.token });
    assert.ok(expired.json.files.some((f: { id: string }) => f.id === created.file.id), "…but are listed apart while recoverable");
    assertProblem(await call(`${filesUrl}/${created.file.id}`, { method: "PATCH", token: acme.token, body: { accessMode: "PUBLIC" } }), 410, "file_expired");

    const extended = await call(`${filesUrl}/${created.file.id}`, { method: "PATCH", token: acme.token, body: { expiresAt: inFuture(3600) } });
    assert.equal(extended.status, 200, extended.text);
    assert.equal(extended.json.publicUrl, created.publicUrl, "the same link is revived");
    assert.ok((await download(created.publicUrl)).bytes.equals(bytes), "no re-upload needed");
  });

  test("after the grace window the object is gone: 410 with a re-upload detail, even on PATCH", async () => {
    const { id, publicUrl } = await readyFile(acme, { expiresAt: inFuture(2) });
    await sleep(2500);
    const report = JSON.parse(await admin("sweep", { "grace-hours": "0" }));
    assert.equal(report.ran, true);
    assert.ok(report.expiredObjectsDeleted >= 1);
    const gone = await call(publicUrl);
    assertProblem(gone, 410, "file_expired");
    assert.match(gone.json.detail, /re-upload/);
    const patch = await call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body: { expiresAt: inFuture(3600) } });
    assertProblem(patch, 410, "file_expired");
    assert.match(patch.json.detail, /re-upload/);
    const expired = await call(`${filesUrl}?status=expired`, { token: acme.token });
    assert.ok(!expired.json.files.some((f: { id: string }) => f.id === id), "no longer recoverable");
  });

  test("download URL lifetime is min(5 minutes, time left)", async () => {
    const { publicUrl } = await readyFile(acme, { expiresAt: inFuture(30) });
    const res = await fetchApi(publicUrl, { redirect: "manual" });
    const location = res.headers.get("location")!;
    const ttl = signedUrlExpiry(location) - Date.now() / 1000;
    assert.ok(ttl <= 31 && ttl > 20, `URL clamped to the file's remaining life (got ${ttl}s)`);
    const long = await readyFile(acme);
    const longLocation = (await fetchApi(long.publicUrl, { redirect: "manual" })).headers.get("location")!;
    const longTtl = signedUrlExpiry(longLocation) - Date.now() / 1000;
    assert.ok(longTtl <= 300 && longTtl > 290, `at most 5 minutes (got ${longTtl}s)`);
  });

  test("signed URLs: tampered, replayed and wrong-size uploads are refused", async () => {
    const bytes = Buffer.from("original bytes");
    const created = await createFile(acme, { fileName: "a.txt", sizeBytes: bytes.length, accessMode: "PUBLIC" });
    const tampered = created.uploadUrl.slice(0, -3) + (created.uploadUrl.endsWith("AAA") ? "BBB" : "AAA");
    assert.equal((await fetch(tampered, { method: "PUT", headers: created.uploadHeaders, body: bytes })).status, 403);
    assert.equal((await fetch(created.uploadUrl, { method: "PUT", headers: { "Content-Type": "text/html" }, body: bytes })).status, 403);
    assert.equal(await upload(created, Buffer.concat([bytes, Buffer.from("!")])), wrongLengthStatus("long"));
    assert.equal(await upload(created, bytes), 200);
    assert.equal(await upload(created, Buffer.from("replaced bytes")), 412, "no overwrite after upload");
    assert.ok((await download(created.publicUrl)).bytes.equals(bytes));
    const location = (await fetchApi(created.publicUrl, { redirect: "manual" })).headers.get("location")!;
    assert.equal((await fetch(location, { method: "PUT", body: "x", headers: { "Content-Type": "text/plain" } })).status, 403, "a download URL cannot upload");
  });

  test("header injection: quotes and non-ASCII names give one well-formed Content-Disposition", async () => {
    for (const name of ['x"; filename="evil.exe', 'setup.bat";x=.txt', "日本語 レポート.pdf", "100% ;done.txt"]) {
      const { publicUrl, bytes } = await readyFile(acme, { fileName: name, contentType: "text/plain" });
      const { response, bytes: got } = await download(publicUrl);
      const header = response.headers.get("content-disposition")!;
      assert.equal(header.match(/; filename="/g)!.length, 1, header);
      assert.equal(header.match(/; filename\*=/g)!.length, 1, header);
      assert.match(header, /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9!#$&+.^_`|~%-]+$/);
      assert.equal(decodeURIComponent(header.split("UTF-8''")[1]), name);
      assert.ok(got.equals(bytes));
    }
  });

  test("active content is never served as such", async () => {
    const html = Buffer.from("<script>alert(document.cookie)</script>");
    const { publicUrl } = await readyFile(acme, { fileName: "x.html", contentType: "text/html" }, html);
    const { response } = await download(publicUrl);
    assert.equal(response.headers.get("content-type"), "application/octet-stream");
    assert.match(response.headers.get("content-disposition")!, /^attachment/);
    // S3 lets a signed URL set only the response-* headers: no nosniff there, but an
    // octet-stream attachment is never rendered; the local driver adds nosniff and a sandbox.
    if (storageDriver === "local") assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  });

  test("another handle's file ids are 404 everywhere", async () => {
    const { id } = await readyFile(rival);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const res = await call(`${filesUrl}/${id}`, { method, token: acme.token, body: method === "PATCH" ? { accessMode: "PUBLIC" } : undefined });
      assertProblem(res, 404, "file_not_found");
    }
    assertProblem(await call(`${filesUrl}/${id}/events`, { token: acme.token }), 404, "file_not_found");
    assertProblem(await call(`/v2/handles/${rival.handle}/files/${id}`, { token: acme.token }), 404, "handle_not_found");
    assertProblem(await call(`/v2/public/handles/${acme.handle}/files/${id}`, { token: acme.token }), 404, "file_not_found");
    assertProblem(await call(`${filesUrl}/fil_does-not-exist`, { token: acme.token }), 404, "file_not_found");
    assert.equal((await call(`/v2/handles/${rival.handle}/files/${id}`, { token: rival.token })).status, 200, "still there for its owner");
  });

  test("scopes: a read-only PAT cannot write, on either family", async () => {
    for (const prefix of ["/v2/handles", "/v2/public/handles"]) {
      const res = await call(`${prefix}/${acme.handle}/files`, { method: "POST", token: acme.readToken, body: { fileName: "a", sizeBytes: 1, accessMode: "PUBLIC" } });
      assertProblem(res, 403, "insufficient_scope");
    }
  });

  test("PATCH changes mode, allowlist and expiry; DELETE removes object and row at once", async () => {
    const { id, publicUrl } = await readyFile(acme);
    const patched = await call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body: { accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["P@Partner.com"], expiresAt: "2099-01-01T00:00:00Z" } });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.accessMode, "EMAIL_ALLOWLIST");
    assert.deepEqual(patched.json.allowedEmails, ["p@partner.com"]);
    assertProblem(await call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body: { allowedEmails: [] } }), 400, "allowed_emails_required");
    assertProblem(await call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body: { expiresAt: "2001-01-01T00:00:00Z" } }), 400, "invalid_expires_at");
    const del = await call(`${filesUrl}/${id}`, { method: "DELETE", token: acme.token });
    assert.equal(del.status, 204);
    assertProblem(await call(publicUrl), 404, "file_not_found");
    assertProblem(await call(`${filesUrl}/${id}`, { token: acme.token }), 404, "file_not_found");
  });

  test("the audit trail answers who did what, when", async () => {
    const { id, publicUrl } = await readyFile(acme);
    await download(publicUrl);
    await call(`${filesUrl}/${id}`, { method: "PATCH", token: acme.token, body: { expiresAt: inFuture(7200) } });
    const res = await call(`${filesUrl}/${id}/events`, { token: acme.token });
    assert.equal(res.status, 200);
    const actions = res.json.events.map((e: { action: string }) => e.action);
    for (const action of ["file.created", "file.uploaded", "file.downloaded", "file.updated"]) assert.ok(actions.includes(action), `${action} in ${actions}`);
    const created = res.json.events.find((e: { action: string }) => e.action === "file.created");
    assert.equal(created.actor.email, acme.ownerEmail);
    assert.equal(created.actor.kind, "token");
  });

  test("list: newest first, pending and ready, sizes as numbers", async () => {
    const a = await readyFile(acme, { fileName: "first.txt" });
    const b = await createFile(acme, { fileName: "second.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    const files = (await call(filesUrl, { token: acme.readToken })).json.files;
    const ids = files.map((f: { id: string }) => f.id);
    assert.ok(ids.indexOf(b.file.id) < ids.indexOf(a.id));
    assert.equal(files.find((f: { id: string }) => f.id === a.id).status, "ready");
    assert.equal(files.find((f: { id: string }) => f.id === b.file.id).status, "pending");
    assert.equal(typeof files[0].sizeBytes, "number");
  });

  test("a sweep keeps pending uploads whose URL is still live", async () => {
    // Removal after the URL expired is tested with a moved clock in lib/files/sweep-files.test.ts.
    const pending = await createFile(acme, { fileName: "never.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    await admin("sweep", {});
    assert.equal((await call(`${filesUrl}/${pending.file.id}`, { token: acme.token })).status, 200);
  });

  test("idempotency: replay, 422 on a changed body, per-caller scope, bad keys", async () => {
    const body = { fileName: "idem.txt", sizeBytes: 4, accessMode: "PUBLIC" };
    const key = `key-${Math.random()}`;
    const first = await call(filesUrl, { method: "POST", token: acme.token, body, headers: { "idempotency-key": key } });
    assert.equal(first.status, 201);
    const again = await call(filesUrl, { method: "POST", token: acme.token, body, headers: { "idempotency-key": `"${key}"` } });
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(again.json.file.id, first.json.file.id);
    const changed = await call(filesUrl, { method: "POST", token: acme.token, body: { ...body, sizeBytes: 5 }, headers: { "idempotency-key": key } });
    assertProblem(changed, 422, "idempotency_key_reused");
    const other = await call(`/v2/handles/${rival.handle}/files`, { method: "POST", token: rival.token, body, headers: { "idempotency-key": key } });
    assert.equal(other.status, 201);
    assert.notEqual(other.json.file.id, first.json.file.id, "another caller's key is its own");
    assert.equal(other.headers.get("idempotent-replayed"), null);
    for (const bad of ["x".repeat(300), "héllo"]) {
      assertProblem(await call(filesUrl, { method: "POST", token: acme.token, body, headers: { "idempotency-key": bad } }), 400, "invalid_idempotency_key");
    }
    const invalid = await call(filesUrl, { method: "POST", token: acme.token, body: { ...body, sizeBytes: 0 }, headers: { "idempotency-key": `k2-${key}` } });
    assertProblem(invalid, 400, "invalid_size_bytes");
    const corrected = await call(filesUrl, { method: "POST", token: acme.token, body, headers: { "idempotency-key": `k2-${key}` } });
    assert.equal(corrected.status, 201, "a refused request does not burn its key");
  });

  test("idempotency: 10 parallel requests with one key create exactly one file", async () => {
    const key = `parallel-${Math.random()}`;
    const fileName = `race-${key}.txt`; // other tests' files expire meanwhile: count only ours
    const body = { fileName, sizeBytes: 4, accessMode: "PUBLIC" };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call(filesUrl, { method: "POST", token: acme.token, body, headers: { "idempotency-key": key } })),
    );
    const statuses = results.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 201 || s === 409), statuses.join(","));
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.json.file.id));
    assert.equal(ids.size, 1);
    assert.equal((await list()).filter((f) => f.fileName === fileName).length, 1);
  });

  test("DELETE with an Idempotency-Key replays 204", async () => {
    const { id } = await readyFile(acme);
    const key = `del-${Math.random()}`;
    assert.equal((await call(`${filesUrl}/${id}`, { method: "DELETE", token: acme.token, headers: { "idempotency-key": key } })).status, 204);
    const replay = await call(`${filesUrl}/${id}`, { method: "DELETE", token: acme.token, headers: { "idempotency-key": key } });
    assert.equal(replay.status, 204);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
  });

  test("support reports: stored for visitors, validated", async () => {
    const res = await call("/v2/support/report", { method: "POST", body: { summary: "file_expired after extension", details: "Extended, still 410", handle: acme.handle, requestId: "req_abcdef123456" } });
    assert.equal(res.status, 201);
    assert.match(res.json.reportId, /^rep_/);
    assert.equal(res.json.requestId, res.headers.get("x-request-id"));
    assertProblem(await call("/v2/support/report", { method: "POST", body: { details: "x" } }), 400, "invalid_summary");
    assertProblem(await call("/v2/support/report", { method: "POST", body: { summary: "x" } }), 400, "invalid_details");
    assertProblem(await call("/v2/support/report", { method: "POST", body: { summary: "x", details: "y".repeat(300_000) } }), 413, "payload_too_large");
    assertProblem(await call("/v2/support/report", { method: "POST", body: { summary: "nul \u0000 byte", details: "x" } }), 400, "invalid_summary");
  });

  test("OpenAPI description covers every files route", async () => {
    const res = await call("/v2/openapi.json");
    assert.equal(res.status, 200);
    assert.equal(res.json.openapi, "3.1.0");
    for (const path of ["/v2/handles/{handle}/files", "/v2/handles/{handle}/files/{fileId}", "/v2/public/handles/{handle}/files", "/v2/public/files/{fileId}", "/v2/public/files/{fileId}/magic-link", "/v2/support/report",
      "/v2/handles/{handle}/internal-docs/access", "/v2/public/docs/{handle}/magic-link", "/_edge/docs/{handle}/{docsPath}"]) {
      assert.ok(res.json.paths[path], path);
    }
    const createRef: string = res.json.paths["/v2/handles/{handle}/files"].post.requestBody.content["application/json"].schema.$ref;
    const create = res.json.components.schemas[createRef.split("/").pop()!];
    assert.ok(create.properties.fileName && create.properties.sizeBytes && create.properties.accessMode);
    assert.equal(create.properties.sizeBytes.maximum, 262144000);
  });

  test("bytes survive a round trip exactly (1 MiB random)", async () => {
    const bytes = Buffer.from(Array.from({ length: 1 << 20 }, () => Math.floor(Math.random() * 256)));
    const { publicUrl } = await readyFile(acme, { fileName: "random.bin" }, bytes);
    const got = (await download(publicUrl)).bytes;
    assert.equal(createHash("sha256").update(got).digest("hex"), createHash("sha256").update(bytes).digest("hex"));
  });
});
