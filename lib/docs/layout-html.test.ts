import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { DOCS_CSS, DOCS_PAGE_CSP } from "./layout-css";
import { renderDocPage, renderIndexPage, renderNoticePage, type DocsChrome } from "./layout-html";

const chrome: DocsChrome = {
  handle: "acme",
  confidential: true,
  viewer: { as: "visitor", email: "ann@partner.com" },
  docs: ["brand/guidelines.md", "README.md", 'x"><script>.md'],
};

describe("renderDocPage", () => {
  const page = renderDocPage({
    ...chrome,
    docsPath: "brand/guidelines.md",
    title: "Brand <guidelines>",
    html: "<h1>Brand</h1><h2 id=\"a\">A</h2><h2 id=\"b\">B</h2>",
    headings: [{ depth: 1, id: "brand", text: "Brand" }, { depth: 2, id: "a", text: "A <x>" }, { depth: 2, id: "b", text: "B" }],
    updatedAt: new Date("2026-03-01T10:00:00Z"),
  });
  it("is a complete, script-free page", () => {
    assert.match(page, /^<!doctype html>/);
    assert.doesNotMatch(page, /<script/i);
    assert.match(page, /<meta name="robots" content="noindex, nofollow">/);
  });
  it("escapes every interpolated value", () => {
    assert.match(page, /<title>Brand &#60;guidelines&#62; · acme docs<\/title>/);
    assert.match(page, /A &#60;x&#62;/);
    assert.doesNotMatch(page, /x"><script>/);
  });
  it("marks the current doc in the navigation and lists the others", () => {
    assert.match(page, /<a href="\/_edge\/docs\/acme\/brand\/guidelines.md" aria-current="page">Guidelines<\/a>/);
    assert.match(page, /href="\/_edge\/docs\/acme\/README.md">Overview</);
  });
  it("shows who is reading and the confidential badge", () => {
    assert.match(page, /Shared with ann@partner.com/);
    assert.match(page, /Confidential/);
  });
  it("has an on-this-page TOC from h2/h3", () => {
    assert.match(page, /On this page/);
    assert.match(page, /href="#a"/);
  });
});

describe("renderIndexPage", () => {
  it("lists docs grouped by folder, with an empty state", () => {
    const page = renderIndexPage(chrome, [
      { docsPath: "brand/guidelines.md", sizeBytes: 2048, contentType: "text/markdown", updatedAt: new Date("2026-03-01T00:00:00Z") },
    ]);
    assert.match(page, /<h1>acme docs<\/h1>/);
    assert.match(page, /<h2>Brand<\/h2>/);
    assert.match(page, /2\.0 KB/);
    assert.match(renderIndexPage({ ...chrome, docs: [] }, []), /No docs have been published here yet/);
  });
});

describe("renderNoticePage", () => {
  it("offers the email form and sign-in when asked", () => {
    const page = renderNoticePage({
      status: 401, title: "Shared by invitation", message: "m", handle: "acme", requestId: "req_1",
      magicLinkAction: "/v2/public/docs/acme/magic-link", signInUrl: "/signin?callbackUrl=%2F_edge%2Fdocs%2Facme%2F",
    });
    assert.match(page, /<form method="post" action="\/v2\/public\/docs\/acme\/magic-link">/);
    assert.match(page, /name="email" type="email"/);
    assert.match(page, /href="\/signin\?callbackUrl=%2F_edge%2Fdocs%2Facme%2F"/);
    assert.match(page, /req_1/);
  });
});

describe("CSP", () => {
  it("allows exactly the inline stylesheet by hash, and no scripts", () => {
    const hash = createHash("sha256").update(DOCS_CSS).digest("base64");
    assert.ok(DOCS_PAGE_CSP.includes(`style-src 'sha256-${hash}'`));
    assert.match(DOCS_PAGE_CSP, /default-src 'none'/);
    assert.doesNotMatch(DOCS_PAGE_CSP, /script-src|unsafe-inline/);
  });
});
