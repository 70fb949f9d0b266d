import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../http/errors";
import { edgeDocsUrl, parseDocsHandle, parseDocsPath } from "./docs-path";

// Segments arrive decoded ONCE by Next, e.g. `..%2f..%2fetc` → ["../../etc"], `%252e` → ["%2e"].
function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return `${error.status} ${error.code}`;
  }
  return "ok";
}

describe("parseDocsPath (docs/security.md A2 / T42)", () => {
  it("accepts ordinary nested paths", () => {
    assert.equal(parseDocsPath(["brand", "guidelines.md"]), "brand/guidelines.md");
    assert.equal(parseDocsPath(["README.md"]), "README.md");
    assert.equal(parseDocsPath(["a_b-c.v2.md"]), "a_b-c.v2.md");
    assert.equal(parseDocsPath(["...md"]), "...md"); // dots inside a name are not traversal
  });

  it("the index is the empty path", () => {
    assert.equal(parseDocsPath(undefined), "");
    assert.equal(parseDocsPath([]), "");
  });

  const hostile: Array<[string, string[]]> = [
    ["dot-dot segment", ["..", "other", "secret.md"]],
    ["dot segment", [".", "x.md"]],
    ["decoded %2f inside one segment", ["../../etc"]],
    ["..%2fother%2fsecret.md decoded", ["../other/secret.md"]],
    ["%2e%2e decoded", ["..", ""]],
    ["double-encoded %252e%252e%252f", ["%2e%2e%2f"]],
    ["....// filter bypass", ["....", "", "x"]],
    ["....// as one segment", ["....//x"]],
    ["backslashes", ["..\\..\\x"]],
    ["%5c decoded", ["a\\b.md"]],
    ["NUL", ["a\u0000.md"]],
    ["control character", ["a\u0007.md"]],
    ["CRLF", ["a\r\nb.md"]],
    ["absolute path", ["/etc/passwd"]],
    ["empty segment", ["brand", "", "x.md"]],
    ["space", ["a b.md"]],
    ["unicode full-width dots", ["．．", "x"]],
    ["overlong utf-8 decoded", ["\u00c0\u00ae\u00c0\u00ae"]],
    ["colon (drive letters / schemes)", ["c:", "x"]],
    ["percent", ["%00"]],
    ["too long", ["a".repeat(301)]],
    ["too many segments", Array.from({ length: 17 }, () => "a")],
  ];
  for (const [name, segments] of hostile) {
    it(`refuses ${name} with 400 invalid_docs_path`, () => {
      assert.equal(codeOf(() => parseDocsPath(segments)), "400 invalid_docs_path");
    });
  }
});

describe("parseDocsHandle (T43)", () => {
  it("accepts a canonical slug", () => assert.equal(parseDocsHandle("acme-co"), "acme-co"));
  it("no case folding: ACME is 404", () => assert.equal(codeOf(() => parseDocsHandle("ACME")), "404 handle_not_found"));
  it("underscores and single letters are not handles: 404", () => {
    assert.equal(codeOf(() => parseDocsHandle("a_b")), "404 handle_not_found");
    assert.equal(codeOf(() => parseDocsHandle("a")), "404 handle_not_found");
    assert.equal(codeOf(() => parseDocsHandle("acme.")), "404 handle_not_found");
  });
  it("traversal in the handle segment: 400", () => {
    for (const bad of ["..", ".", "../acme", "acme%20", "acme ", "ac\\me", ""]) {
      assert.equal(codeOf(() => parseDocsHandle(bad)), "400 invalid_docs_path", JSON.stringify(bad));
    }
  });
});

describe("edgeDocsUrl", () => {
  it("builds index and doc URLs", () => {
    assert.equal(edgeDocsUrl("acme"), "/_edge/docs/acme/");
    assert.equal(edgeDocsUrl("acme", "brand/x.md"), "/_edge/docs/acme/brand/x.md");
  });
});
