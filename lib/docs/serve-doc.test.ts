import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesHeaders, isMarkdownDoc } from "./serve-doc";

describe("bytesHeaders: nothing active renders on the app origin", () => {
  const headersFor = (contentType: string, fileName = "f") => bytesHeaders({ contentType, fileName }, 10);
  for (const active of ["text/html", "image/svg+xml", "text/xml", "application/xml", "application/javascript", "text/javascript", "application/xhtml+xml"]) {
    it(`${active} → octet-stream attachment`, () => {
      const h = headersFor(active);
      assert.equal(h["Content-Type"], "application/octet-stream");
      assert.match(h["Content-Disposition"], /^attachment;/);
    });
  }
  it("passive images and text render inline, text with a charset", () => {
    assert.match(headersFor("image/png")["Content-Disposition"], /^inline;/);
    assert.equal(headersFor("text/plain")["Content-Type"], "text/plain; charset=utf-8");
    assert.match(headersFor("text/plain")["Content-Disposition"], /^inline;/);
  });
  it("other types (PDF, zip…) download", () => {
    assert.match(headersFor("application/pdf")["Content-Disposition"], /^attachment;/);
    assert.match(headersFor("application/zip")["Content-Disposition"], /^attachment;/);
  });
  it("always a sandbox CSP and an injection-proof file name", () => {
    const h = headersFor("image/png", 'a".png\r\nSet-Cookie: x=1');
    assert.match(h["Content-Security-Policy"], /^sandbox;/);
    assert.doesNotMatch(h["Content-Disposition"], /[\r\n]/);
    assert.equal(h["Content-Length"], "10");
  });
});

describe("isMarkdownDoc", () => {
  it("by type, or .md stored as plain text/octet-stream", () => {
    assert.equal(isMarkdownDoc({ contentType: "text/markdown", docsPath: "a.txt" }), true);
    assert.equal(isMarkdownDoc({ contentType: "text/markdown; charset=utf-8", docsPath: "a" }), true);
    assert.equal(isMarkdownDoc({ contentType: "text/plain", docsPath: "a.md" }), true);
    assert.equal(isMarkdownDoc({ contentType: "text/html", docsPath: "a.md" }), false);
    assert.equal(isMarkdownDoc({ contentType: "text/plain", docsPath: "a.txt" }), false);
  });
});
