import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { attachmentDisposition } from "./content-disposition";

// Tokenizes the header value the way a strict RFC 6266 parser would: parameters separated
// by `;`, values either a token or a quoted-string. Returns null if it does not parse.
function parseDisposition(value: string): { type: string; params: [string, string][] } | null {
  const re = /^\s*;\s*([A-Za-z0-9!#$&+\-.^_`|~*]+)\s*=\s*("(?:[^"\\\x00-\x1f\x7f]|\\[\x20-\x7e])*"|[A-Za-z0-9!#$&+\-.^_`|~%']+)/;
  const head = /^[A-Za-z-]+/.exec(value);
  if (!head) return null;
  let rest = value.slice(head[0].length);
  const params: [string, string][] = [];
  while (rest.trim() !== "") {
    const m = re.exec(rest);
    if (!m) return null;
    params.push([m[1].toLowerCase(), m[2]]);
    rest = rest.slice(m[0].length);
  }
  return { type: head[0], params };
}

const payloads: Array<[string, string]> = [
  ['a".exe', "a%22.exe"],
  ['x"; filename="evil.exe', "x%22%3B%20filename%3D%22evil.exe"],
  ["a\r\nX-Evil: 1.txt", "a%0D%0AX-Evil%3A%201.txt"],
  ['setup.bat";x=.txt', "setup.bat%22%3Bx%3D.txt"],
  ["日本語.pdf", "%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf"],
  ["\u202Efdp.exe", "%E2%80%AEfdp.exe"],
  ["a\u0000b%20;c\\d.txt", "a%00b%2520%3Bc%5Cd.txt"],
];

describe("attachmentDisposition", () => {
  for (const [name, encoded] of payloads) {
    it(`keeps ${JSON.stringify(name)} inside its two parameters`, () => {
      const value = attachmentDisposition(name);
      assert.doesNotMatch(value, /[\r\n\x00-\x1f\x7f]/, "no control characters in the header value");
      assert.match(value, /^[\x20-\x7e]+$/, "header value is printable ASCII");

      const parsed = parseDisposition(value);
      assert.ok(parsed, `parses as a disposition header: ${value}`);
      assert.equal(parsed.type, "attachment");
      assert.deepEqual(parsed.params.map(([k]) => k), ["filename", "filename*"], "exactly one filename and one filename*");

      const fallback = parsed.params[0][1];
      assert.match(fallback, /^"[^"\\%;]*"$/, "fallback is one quoted-string without quote, backslash, % or ;");
      assert.equal(parsed.params[1][1], `UTF-8''${encoded}`);
      assert.equal(decodeURIComponent(encoded), name, "filename* round-trips to the original name");

      const headers = new Headers();
      headers.set("Content-Disposition", value);
      assert.equal(headers.get("content-disposition"), value);
      assert.equal([...headers.keys()].length, 1, "no second header injected");
    });
  }

  it("replaces each unsafe character of the fallback with one underscore", () => {
    assert.equal(attachmentDisposition('a".exe'), `attachment; filename="a_.exe"; filename*=UTF-8''a%22.exe`);
    assert.match(attachmentDisposition("日本語.pdf"), /filename="___\.pdf"/);
    assert.match(attachmentDisposition("\u202Efdp.exe"), /filename="_fdp\.exe"/);
    assert.match(attachmentDisposition("a\r\nX-Evil: 1.txt"), /filename="a__X-Evil: 1\.txt"/);
  });

  it("keeps plain names readable", () => {
    assert.equal(
      attachmentDisposition("report-2026_v1.pdf"),
      `attachment; filename="report-2026_v1.pdf"; filename*=UTF-8''report-2026_v1.pdf`,
    );
  });
});
