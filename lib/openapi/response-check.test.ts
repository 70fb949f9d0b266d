import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ResponseChecker } from "../../e2e/support/openapi";
import { openApiDocument } from "./document";

// The HTTP suites' response validation (e2e/support/openapi.ts) must refuse what the
// document does not describe: an undeclared status, a wrong content type, a drifted body.
const checker = new ResponseChecker(JSON.parse(JSON.stringify(openApiDocument("https://files.gharart.test"))));
const url = (path: string) => new URL(`https://files.gharart.test${path}`);
const file = {
  id: "fil_abc", handle: "acme", fileName: "a.txt", sizeBytes: 3, contentType: "text/plain", accessMode: "PUBLIC", allowedEmails: [],
  allowedDomains: [], expiresAt: null, availableFrom: null, maxDownloads: null, notifyOnDownload: false,
  status: "ready", publicUrl: "https://files.gharart.test/v2/public/files/fil_abc", docsPath: null, docsUrl: null,
  createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z",
};
const problem = (status: number, code: string) => JSON.stringify({ type: `https://x/problems/${code}`, title: "t", status, detail: "d", code, requestId: "req_12345678" });
const JSON_TYPE = "application/json; charset=utf-8";
const PROBLEM = "application/problem+json; charset=utf-8";

describe("OpenAPI response validation (HTTP harness)", () => {
  it("accepts what the document describes", () => {
    assert.equal(checker.check("GET", url("/v2/handles/acme/files/fil_abc"), 200, JSON_TYPE, JSON.stringify(file)), null);
    assert.equal(checker.check("GET", url("/v2/handles/acme/files"), 403, PROBLEM, problem(403, "insufficient_scope")), null);
    assert.equal(checker.check("DELETE", url("/v2/handles/acme/files/fil_abc"), 204, null, ""), null);
    assert.equal(checker.check("PUT", url("/v2/handles/acme/files/fil_abc"), 405, PROBLEM, problem(405, "method_not_allowed")), null);
    assert.equal(checker.check("GET", url("/v2/no/such/route"), 404, PROBLEM, problem(404, "not_found")), null);
  });

  it("refuses an undeclared status, a wrong content type, a drifted body or an undeclared code", () => {
    assert.match(checker.check("GET", url("/v2/handles"), 418, PROBLEM, problem(418, "teapot")) ?? "", /418 is not declared/);
    assert.match(checker.check("GET", url("/v2/handles/acme/files/fil_abc"), 200, "text/plain", "x") ?? "", /content type/);
    const { status: _dropped, ...drifted } = file;
    assert.match(checker.check("GET", url("/v2/handles/acme/files/fil_abc"), 200, JSON_TYPE, JSON.stringify(drifted)) ?? "", /status/);
    assert.match(checker.check("GET", url("/v2/handles/acme/files/fil_abc"), 200, JSON_TYPE, JSON.stringify({ ...file, extra: 1 })) ?? "", /additional/);
    assert.match(checker.check("GET", url("/v2/handles/acme/files"), 404, PROBLEM, problem(404, "file_not_found")) ?? "", /allowed values/);
    assert.match(checker.check("DELETE", url("/v2/handles/acme/files/fil_abc"), 204, null, "{}") ?? "", /without a body/);
    assert.match(checker.check("PUT", url("/v2/handles/acme/files/fil_abc"), 200, JSON_TYPE, "{}") ?? "", /not declared/);
  });
});
