import assert from "node:assert/strict";
import { test } from "node:test";
import { goLiveHint, recipientStatus, summarizeDays, uninvited } from "./delivery";

const base = { email: "a@partner.com", invitedAt: null, linkRequestedAt: null, verifiedAt: null, firstDownloadedAt: null, lastDownloadedAt: null, downloads: 0 };

test("recipient status is the furthest step reached", () => {
  assert.equal(recipientStatus(base), "not_invited");
  assert.equal(recipientStatus({ ...base, invitedAt: "2026-12-01T10:00:00Z" }), "invited");
  assert.equal(recipientStatus({ ...base, invitedAt: "2026-12-01T10:00:00Z", linkRequestedAt: "2026-12-01T11:00:00Z" }), "link_requested");
  assert.equal(recipientStatus({ ...base, linkRequestedAt: "x", verifiedAt: "2026-12-01T11:01:00Z" }), "verified");
  assert.equal(recipientStatus({ ...base, downloads: 2, firstDownloadedAt: "x", lastDownloadedAt: "y" }), "downloaded");
});

test("chart summary names the total and the busiest day, zeros included", () => {
  const days = [{ day: "2026-11-30", downloads: 0 }, { day: "2026-12-01", downloads: 3 }, { day: "2026-12-02", downloads: 1 }];
  assert.equal(summarizeDays(days), "4 downloads in the last 3 days, on 2 days; busiest day 1 Dec with 3.");
  assert.equal(summarizeDays(days.map((d) => ({ ...d, downloads: 0 }))), "No downloads in the last 3 days.");
});

test("go-live hint before and after the embargo", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  assert.equal(goLiveHint("2026-12-04T12:00:00Z", now), "Goes live in 3 days");
  assert.equal(goLiveHint("2026-12-01T10:00:00Z", now), "Live since 2 hours ago");
  assert.equal(goLiveHint(null, now), null);
});

test("send invitations reaches only the not-yet-invited", () => {
  assert.deepEqual(uninvited([{ ...base, invitedAt: "x" }, { ...base, email: "b@partner.com" }]), ["b@partner.com"]);
});
