import assert from "node:assert/strict";
import { test } from "node:test";
import { availableFromProblem, maxDownloadsProblem } from "./campaign-checks";

test("download limit: empty is unlimited, 1–1000000 whole numbers pass", () => {
  assert.equal(maxDownloadsProblem(""), null);
  assert.equal(maxDownloadsProblem("25"), null);
  assert.match(maxDownloadsProblem("0")!, /at least 1/);
  assert.match(maxDownloadsProblem("2.5")!, /whole number/);
  assert.match(maxDownloadsProblem("1000001")!, /at most 1000000/);
});

test("go-live time must come before the expiry", () => {
  assert.equal(availableFromProblem(null, null), null);
  assert.equal(availableFromProblem("2026-12-03T09:00:00.000Z", "2026-12-10T09:00:00.000Z"), null);
  assert.match(availableFromProblem("2026-12-10T09:00:00.000Z", "2026-12-03T09:00:00.000Z")!, /before the expiry/);
});
