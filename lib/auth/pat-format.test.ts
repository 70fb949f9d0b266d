import assert from "node:assert/strict";
import { test } from "node:test";
import { generatePat, isWellFormedPat, PAT_PATTERN } from "./pat-format";

test("generated tokens match the published pattern and checksum", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const token = generatePat();
    assert.match(token, PAT_PATTERN);
    assert.ok(isWellFormedPat(token));
    seen.add(token);
  }
  assert.equal(seen.size, 200);
});

test("a flipped character, wrong prefix or odd length is refused", () => {
  const token = generatePat();
  const flipped = token.slice(0, 10) + (token[10] === "a" ? "b" : "a") + token.slice(11);
  assert.equal(isWellFormedPat(flipped), false);
  assert.equal(isWellFormedPat("ghp_" + token.slice(4)), false);
  assert.equal(isWellFormedPat(token + "x"), false);
  assert.equal(isWellFormedPat(""), false);
  assert.equal(isWellFormedPat("x".repeat(10_000)), false);
  assert.equal(isWellFormedPat(token.slice(0, 20) + "\u0000" + token.slice(21)), false);
});
