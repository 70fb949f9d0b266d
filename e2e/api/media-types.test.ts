import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newTenant } from "../support/admin";
import { baseUrl } from "../support/env";
import { createFile } from "../support/files";
import { assertProblem, call } from "../support/http";

// The OpenAPI document's request media types: JSON routes refuse other content types with 415 unsupported_media_type (and
// a body with no Content-Type at all); the HTML form targets also take urlencoded forms.
const json = JSON.stringify({ fileName: "a.txt", sizeBytes: 3, accessMode: "PUBLIC" });
/** A body fetch sends with no Content-Type at all (bytes, unlike strings, get none). */
const untyped = (text: string) => new TextEncoder().encode(text);

describe("request media types", async () => {
  const acme = await newTenant("media");
  const filesUrl = `/v2/handles/${acme.handle}/files`;
  const count = async () => (await call(filesUrl, { token: acme.token })).json.files.length as number;

  test("a JSON route refuses every other body type with 415, before anything is written", async () => {
    const before = await count();
    const noType = await fetch(`${baseUrl}${filesUrl}`, { method: "POST", headers: { authorization: `Bearer ${acme.token}` }, body: untyped(json) });
    assert.equal(noType.headers.get("content-type")?.split(";")[0], "application/problem+json");
    const problem = await noType.json();
    assert.equal(noType.status, 415, JSON.stringify(problem));
    assert.equal(problem.code, "unsupported_media_type", "not a misleading invalid_file_name");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", ""]) {
      const res = await call(filesUrl, { method: "POST", token: acme.token, body: type.startsWith("application/x-www") ? "fileName=a.txt&sizeBytes=3" : json, headers: { "content-type": type } });
      assertProblem(res, 415, "unsupported_media_type");
    }
    assert.equal(await count(), before, "no file was created");
  });

  test("JSON with parameters or a +json suffix is JSON", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"]) {
      const res = await call(filesUrl, { method: "POST", token: acme.token, body: json, headers: { "content-type": type } });
      assert.equal(res.status, 201, `${type}: ${res.text}`);
    }
  });

  test("PATCH and anonymous JSON routes refuse other types too; credentials are checked first", async () => {
    const created = await createFile(acme, { fileName: "p.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    const patched = await call(`${filesUrl}/${created.file.id}`, { method: "PATCH", token: acme.token, body: "accessMode=PUBLIC", headers: { "content-type": "application/x-www-form-urlencoded" } });
    assertProblem(patched, 415, "unsupported_media_type");
    assertProblem(await call("/v2/support/report", { method: "POST", body: "summary=a&details=b", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    assertProblem(await call("/auth/request-link", { method: "POST", body: "email=a@b.example", headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type");
    assertProblem(await call(filesUrl, { method: "POST", body: "x", headers: { "content-type": "text/plain" } }), 401, "unauthenticated");
  });

  test("a DELETE with neither body nor Content-Type is fine; an unknown route stays 404", async () => {
    const created = await createFile(acme, { fileName: "d.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    const res = await fetch(`${baseUrl}${filesUrl}/${created.file.id}`, { method: "DELETE", headers: { authorization: `Bearer ${acme.token}` } });
    assert.equal(res.status, 204);
    assertProblem(await call("/v2/no-such-route", { method: "POST", body: "x", headers: { "content-type": "text/plain" } }), 404, "not_found");
  });

  test("the magic-link form targets take urlencoded forms, and still refuse other types", async () => {
    const sameOrigin = { origin: baseUrl, accept: "text/html" };
    const form = { ...sameOrigin, "content-type": "application/x-www-form-urlencoded" };
    // A stale token through the form: the form's own answer (303 back to the page), not 415.
    const fileVerify = await call("/v2/public/files/fil_nosuchfile/magic-link/verify", { method: "POST", body: "token=stale", headers: form });
    assert.equal(fileVerify.status, 303, fileVerify.text);
    const docsVerify = await call(`/v2/public/docs/${acme.handle}/magic-link/verify`, { method: "POST", body: "token=stale", headers: form });
    assert.notEqual(docsVerify.status, 415, docsVerify.text);
    assert.match(docsVerify.headers.get("content-type") ?? "", /^text\/html/, "the docs form gets a page");
    const docsRequest = await call(`/v2/public/docs/${acme.handle}/magic-link`, { method: "POST", body: "email=a%40b.example", headers: form });
    assert.notEqual(docsRequest.status, 415, docsRequest.text);
    for (const path of ["/v2/public/files/fil_nosuchfile/magic-link/verify", `/v2/public/docs/${acme.handle}/magic-link/verify`]) {
      assertProblem(await call(path, { method: "POST", body: "token=stale", headers: { origin: baseUrl, "content-type": "text/plain" } }), 415, "unsupported_media_type");
    }
  });
});
