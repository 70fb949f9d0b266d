import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowlistProblem, canonicalDomain, fileProblem, parseAddresses, splitAddresses } from "./form-checks";

describe("splitAddresses / parseAddresses: pasting into the allowlist editor", () => {
  it("splits on commas, semicolons, new lines and spaces", () => {
    assert.deepEqual(splitAddresses("a@x.com, b@x.com;c@x.com\nd@x.com e@x.com"), ["a@x.com", "b@x.com", "c@x.com", "d@x.com", "e@x.com"]);
  });
  it("keeps only the address from a mail client's display-name form", () => {
    assert.deepEqual(splitAddresses("Jane Doe <jane@brand.com>; Bob <bob@agency.co>"), ["jane@brand.com", "bob@agency.co"]);
  });
  it("canonicalises, de-duplicates and reports what is not an address", () => {
    assert.deepEqual(parseAddresses("Ana@Partner.COM, ana@partner.com, nope, x@y"), { valid: ["ana@partner.com"], invalid: ["nope", "x@y"] });
  });
});

describe("the API's own messages, client-side", () => {
  it("fileProblem uses the files schema's wording", () => {
    assert.equal(fileProblem({ name: "ok.pdf", size: 0 }), "Files must have at least 1 byte.");
    assert.equal(fileProblem({ name: "a/b.pdf", size: 1 }), "The file name contains a slash, a backslash or a control character.");
    assert.match(fileProblem({ name: "x".repeat(181), size: 1 })!, /longer than 180 bytes/);
    assert.equal(fileProblem({ name: "ok.pdf", size: 10 }), null);
  });
  it("allowlistProblem counts to 200", () => {
    const list = Array.from({ length: 201 }, (_, i) => `p${i}@x.com`);
    assert.equal(allowlistProblem(list.slice(0, 200)), null);
    assert.match(allowlistProblem(list)!, /At most 200 addresses/);
  });
  it("canonicalDomain accepts bare and @-prefixed domains", () => {
    assert.equal(canonicalDomain("@Partner.com"), "partner.com");
    assert.equal(canonicalDomain("not a domain"), null);
  });
});
