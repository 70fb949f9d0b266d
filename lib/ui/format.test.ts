import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DAY_MS, expiryState, extendedExpiry, formatBytes, formatRelative } from "./format";

const now = new Date("2026-06-01T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * DAY_MS).toISOString();

describe("formatBytes", () => {
  it("uses binary multiples with one decimal below 100", () => {
    assert.equal(formatBytes(512), "512 B");
    assert.equal(formatBytes(1536), "1.5 KB");
    assert.equal(formatBytes(3 * 1024 * 1024), "3.0 MB");
    assert.equal(formatBytes(262_144_000), "250 MB");
  });
});

describe("expiry helpers", () => {
  it("flags files expiring within 7 days", () => {
    assert.equal(expiryState(null, now), "none");
    assert.equal(expiryState(inDays(3), now), "soon");
    assert.equal(expiryState(inDays(7), now), "soon");
    assert.equal(expiryState(inDays(8), now), "ok");
    assert.equal(expiryState(inDays(-1), now), "expired");
  });
  it("extends from the current expiry, or from now once it has passed", () => {
    assert.equal(extendedExpiry(inDays(5), 30, now), inDays(35));
    assert.equal(extendedExpiry(inDays(-2), 30, now), inDays(30));
    assert.equal(extendedExpiry(null, 7, now), inDays(7));
  });
  it("formats relative times both ways", () => {
    assert.equal(formatRelative(inDays(3), now), "in 3 days");
    assert.equal(formatRelative(new Date(now.getTime() - 2 * 3600_000), now), "2 hours ago");
    assert.equal(formatRelative(now, now), "just now");
  });
});
