import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalizeEmail, emailDomain, isCanonicalEmail } from "./address";

describe("canonicalizeEmail: address tricks (docs/security.md M6 / T24)", () => {
  const rejected: Array<[string, string]> = [
    ["quoted local part", `"v@allowed.com"@evil.com`],
    ["comma list", "v@allowed.com,a@evil.com"],
    ["semicolon list", "v@allowed.com;a@evil.com"],
    ["comment", "v@allowed.com(x)evil.com"],
    ["CRLF header injection", "v@allowed.com\r\nBcc: a@evil.com"],
    ["bare LF", "v@allowed.com\nx"],
    ["angle brackets", "Victim <v@allowed.com>"],
    ["angle brackets only", "<v@allowed.com>"],
    ["two @", "v@allowed.com@evil.com"],
    ["quoted local, one @", `"v"@allowed.com`],
    ["comma in local", "v,a@allowed.com"],
    ["semicolon in local", "v;a@allowed.com"],
    ["comment in local", "v(x)@allowed.com"],
    ["angle in local", "v<a@allowed.com"],
    ["full-width @ twice", "v＠allowed.com＠evil.com"],
    ["space inside", "v @allowed.com"],
    ["tab inside", "v@allowed\t.com"],
    ["NBSP inside", "v\u00a0x@allowed.com"],
    ["backslash", "v\\@allowed.com"],
    ["NUL", "v\u0000@allowed.com"],
    ["DEL", "v\u007f@allowed.com"],
    ["bidi override", "v\u202e@allowed.com"],
    ["zero-width space", "v\u200b@allowed.com"],
    ["percent routing", "v%evil.com@allowed.com"],
    ["bang routing", "evil.com!v@allowed.com"],
    ["square brackets / IP literal", "v@[127.0.0.1]"],
    ["colon", "v:x@allowed.com"],
    ["empty local", "@allowed.com"],
    ["empty domain", "v@"],
    ["no @", "allowed.com"],
    ["empty", ""],
    ["whitespace only", "   "],
    ["single-label domain", "v@localhost"],
    ["numeric TLD", "v@host.123"],
    ["one-letter TLD", "v@allowed.c"],
    ["leading hyphen label", "v@-allowed.com"],
    ["trailing hyphen label", "v@allowed-.com"],
    ["underscore in domain", "v@al_lowed.com"],
    ["empty label", "v@allowed..com"],
    ["trailing dot domain", "v@allowed.com."],
    ["leading dot local", ".v@allowed.com"],
    ["trailing dot local", "v.@allowed.com"],
    ["double dot local", "v..x@allowed.com"],
    ["non-ASCII local", "vé@allowed.com"],
    ["non-ASCII (IDN) domain", "v@bücher.de"],
    ["Cyrillic homoglyph", "v@аllowed.com"],
    ["local over 64", `${"a".repeat(65)}@allowed.com`],
    ["label over 63", `v@${"a".repeat(64)}.com`],
    ["address over 254", `${"l".repeat(60)}@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.com`],
    ["domain over 253", `v@${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com`],
  ];
  for (const [name, input] of rejected) {
    it(`rejects ${name}`, () => assert.equal(canonicalizeEmail(input), null));
  }

  it("rejects non-strings", () => {
    for (const v of [undefined, null, 42, {}, ["v@allowed.com"], true]) assert.equal(canonicalizeEmail(v), null);
  });

  it("rejects very long input before normalizing", () => {
    assert.equal(canonicalizeEmail(`${" ".repeat(2000)}v@allowed.com`), null);
  });

  it("accepts full-width @ (U+FF20) only as exactly the NFKC address", () => {
    // The checked address is the delivered address: `v@allowed.com`, nothing else.
    assert.equal(canonicalizeEmail("v\uff20allowed.com"), "v@allowed.com");
  });

  it("applies NFKC before validating (full-width letters, ligatures)", () => {
    assert.equal(canonicalizeEmail("ｖ@ａｌｌｏｗｅｄ.ｃｏｍ"), "v@allowed.com");
    assert.equal(canonicalizeEmail("\ufb01@allowed.com"), "fi@allowed.com");
  });

  it("trims and lower-cases", () => {
    assert.equal(canonicalizeEmail("  V@Allowed.COM "), "v@allowed.com");
    assert.equal(canonicalizeEmail("\tV@Allowed.COM\r\n"), "v@allowed.com");
  });
});

describe("canonicalizeEmail: ordinary addresses", () => {
  const valid: Array<[string, string]> = [
    ["v@allowed.com", "v@allowed.com"],
    ["first.last@example.co.uk", "first.last@example.co.uk"],
    ["user+tag@sub-domain.example.org", "user+tag@sub-domain.example.org"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["a_b-c@x1.io", "a_b-c@x1.io"],
    ["1234@123.example.com", "1234@123.example.com"],
    ["v@xn--bcher-kva.de", "v@xn--bcher-kva.de"],
    [`${"a".repeat(64)}@example.com`, `${"a".repeat(64)}@example.com`],
  ];
  for (const [input, expected] of valid) {
    it(`accepts ${input}`, () => assert.equal(canonicalizeEmail(input), expected));
  }

  it("accepts an address of exactly 254 characters", () => {
    const domain = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.com`; // 4 labels, 195 chars
    const local = "l".repeat(254 - 1 - domain.length);
    assert.equal(canonicalizeEmail(`${local}@${domain}`), `${local}@${domain}`);
    assert.equal(canonicalizeEmail(`${local}x@${domain}`), null);
  });
});

describe("isCanonicalEmail / emailDomain", () => {
  it("isCanonicalEmail only for the exact canonical string", () => {
    assert.equal(isCanonicalEmail("v@allowed.com"), true);
    assert.equal(isCanonicalEmail("V@allowed.com"), false);
    assert.equal(isCanonicalEmail(" v@allowed.com"), false);
    assert.equal(isCanonicalEmail("v\uff20allowed.com"), false);
    assert.equal(isCanonicalEmail("v@allowed.com,a@evil.com"), false);
  });

  it("emailDomain returns the canonical domain or null", () => {
    assert.equal(emailDomain("V@Allowed.COM"), "allowed.com");
    assert.equal(emailDomain("v\uff20allowed.com"), "allowed.com");
    assert.equal(emailDomain(`"v@allowed.com"@evil.com`), null);
    assert.equal(emailDomain("nope"), null);
  });
});
