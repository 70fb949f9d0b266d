import assert from "node:assert/strict";
import { test } from "node:test";
import { publicMailDomains, sortEntries } from "./allowlist-entries";

test("emails, domains (with or without @) and junk are told apart", () => {
  const sorted = sortEntries("Jane <Jane@Partner.com>, @agency.co\npartner.com; not an address, x@", true);
  assert.deepEqual(sorted.emails, ["jane@partner.com"]);
  assert.deepEqual(sorted.domains, ["agency.co", "partner.com"]);
  assert.deepEqual(sorted.invalid, ["not", "an", "address", "x@"]);
});

test("without domain support a bare domain is not an address", () => {
  assert.deepEqual(sortEntries("partner.com", false), { emails: [], domains: [], invalid: ["partner.com"] });
});

test("public mail providers are flagged", () => {
  assert.deepEqual(publicMailDomains(["gmail.com", "partner.com"]), ["gmail.com"]);
});
