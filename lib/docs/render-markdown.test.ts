import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderMarkdown } from "./render-markdown";

const html = (md: string) => renderMarkdown(md).html;

describe("renderMarkdown: XSS never survives (T9-style payloads in docs)", () => {
  const payloads: Array<[string, string, RegExp]> = [
    ["script tag", "hi <script>alert(1)</script>", /<script|alert\(1\)/i],
    ["img onerror", '<img src="x" onerror="alert(1)">', /onerror/i],
    ["javascript: link", "[x](javascript:alert(1))", /javascript:/i],
    ["javascript: link, entity-obfuscated", '<a href="jav&#x09;ascript:alert(1)">x</a>', /javascript|ascript:/i],
    ["data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", /data:/i],
    ["iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ["svg onload", "<svg onload=alert(1)><circle/></svg>", /<svg|onload/i],
    ["style tag", "<style>body{display:none}</style>", /<style|display:none/i],
    ["style attribute", '<p style="background:url(javascript:alert(1))">x</p>', /style=|javascript/i],
    ["form", '<form action="https://evil.example"><input name="password"></form>', /<form|name="password"/i],
    ["object/embed", '<object data="x.swf"></object><embed src="x.swf">', /<object|<embed/i],
    ["meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta|refresh/i],
    ["base tag", '<base href="https://evil.example/">', /<base/i],
    ["protocol-relative link", '<a href="//evil.example">x</a>', /\/\/evil/],
    ["image with javascript src", "![x](javascript:alert(1))", /javascript/i],
    ["onclick on an allowed tag", '<a href="https://ok.example" onclick="alert(1)">x</a>', /onclick/i],
    ["heading id injection", '<h2 id="x" onmouseover="alert(1)">t</h2>', /onmouseover/i],
  ];
  for (const [name, md, forbidden] of payloads) {
    it(name, () => {
      const out = html(md);
      assert.doesNotMatch(out, forbidden, out);
    });
  }
});

describe("renderMarkdown: the docs features survive", () => {
  const doc = renderMarkdown(`# Brand guidelines

Intro with **bold**, _em_, \`code\` and a [link](https://example.com "Example").

## Colours & type

| Token | Hex | Use |
|:--|:-:|--:|
| brand | #1f5ad6 | buttons |

- one
  - nested
1. first

- [x] done
- [ ] to do

\`\`\`ts
const x = "<b>";
\`\`\`

> A quote

## Colours & type
![logo](./logo.png)
`);

  it("headings get stable, unique ids and feed the TOC", () => {
    assert.equal(doc.title, "Brand guidelines");
    assert.deepEqual(doc.headings.map((h) => [h.depth, h.id, h.text]), [
      [1, "brand-guidelines", "Brand guidelines"],
      [2, "colours-type", "Colours & type"],
      [2, "colours-type-1", "Colours & type"],
    ]);
    assert.match(doc.html, /<h2 id="colours-type">Colours &amp; type<\/h2>/);
  });
  it("links keep href and get rel=noopener noreferrer", () => {
    assert.match(doc.html, /<a href="https:\/\/example.com" title="Example" rel="noopener noreferrer">link<\/a>/);
  });
  it("tables are wrapped for horizontal scrolling and keep alignment", () => {
    assert.match(doc.html, /<div class="table-wrap"><table>/);
    assert.match(doc.html, /<th align="center">Hex<\/th>/);
  });
  it("code blocks are escaped and keep their language class", () => {
    assert.match(doc.html, /<pre><code class="language-ts">const x = "&lt;b&gt;";/);
  });
  it("task lists render disabled checkboxes only", () => {
    assert.match(doc.html, /<input type="checkbox" disabled checked \/> done/);
    assert.doesNotMatch(html('<input type="text" value="x">'), /type="text"/);
  });
  it("relative images and links stay relative (same handle)", () => {
    assert.match(doc.html, /<img src=".\/logo.png" alt="logo" \/>/);
  });
  it("a doc without an H1 has no title", () => {
    assert.equal(renderMarkdown("## Only a section").title, null);
  });
  it("escaped text is never mistaken for a table", () => {
    const out = html("inline `<table>` and &lt;table&gt;");
    assert.match(out, /&lt;table&gt;/);
    assert.doesNotMatch(out, /table-wrap/);
  });
});
