import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideDocsAccess, emailAllowed, windowOpen, type DocsAccessPolicy, type DocsViewer } from "./access";

const NOW = new Date("2026-03-01T12:00:00Z");
const policy = (over: Partial<DocsAccessPolicy> = {}): DocsAccessPolicy => ({
  mode: "MEMBERS", allowedEmails: [], allowedDomains: [], startsAt: null, endsAt: null, ...over,
});
const anonymous: DocsViewer = { memberRole: null, memberDenied: null, visitorEmail: null, hasCredentials: false };
const member = (role: "VIEWER" | "CREATOR" | "ADMIN" | "OWNER"): DocsViewer => ({ ...anonymous, memberRole: role, hasCredentials: true });
const outsider: DocsViewer = { ...anonymous, hasCredentials: true }; // signed in elsewhere
const visitor = (email: string): DocsViewer => ({ ...anonymous, visitorEmail: email, hasCredentials: true });
const readlessPat: DocsViewer = { ...anonymous, hasCredentials: true, memberDenied: { code: "insufficient_scope", detail: "x" } };

function outcome(p: DocsAccessPolicy, v: DocsViewer, now = NOW): string {
  const d = decideDocsAccess(p, v, now);
  return d.allowed ? `allow ${d.as}` : `${d.status} ${d.code}`;
}

describe("decideDocsAccess: the mode matrix", () => {
  const allowlist = policy({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.com"], allowedDomains: ["agency.io"] });
  const cases: Array<[string, DocsAccessPolicy, DocsViewer, string]> = [
    ["PRIVATE: owner", policy({ mode: "PRIVATE" }), member("OWNER"), "allow member"],
    ["PRIVATE: admin", policy({ mode: "PRIVATE" }), member("ADMIN"), "allow member"],
    ["PRIVATE: creator", policy({ mode: "PRIVATE" }), member("CREATOR"), "403 forbidden"],
    ["PRIVATE: viewer", policy({ mode: "PRIVATE" }), member("VIEWER"), "403 forbidden"],
    ["PRIVATE: anonymous", policy({ mode: "PRIVATE" }), anonymous, "401 unauthenticated"],
    ["PRIVATE: grant holder", policy({ mode: "PRIVATE", allowedEmails: ["ann@partner.com"] }), visitor("ann@partner.com"), "403 forbidden"],
    ["MEMBERS: viewer", policy(), member("VIEWER"), "allow member"],
    ["MEMBERS: anonymous", policy(), anonymous, "401 unauthenticated"],
    ["MEMBERS: another handle's user", policy(), outsider, "403 forbidden"],
    ["MEMBERS: member PAT without files.read", policy(), readlessPat, "403 insufficient_scope"],
    ["MEMBERS: stale grant", policy({ allowedEmails: ["ann@partner.com"] }), visitor("ann@partner.com"), "403 forbidden"],
    ["ALLOWLIST: member", allowlist, member("VIEWER"), "allow member"],
    ["ALLOWLIST: listed email", allowlist, visitor("ann@partner.com"), "allow visitor"],
    ["ALLOWLIST: listed domain", allowlist, visitor("bob@agency.io"), "allow visitor"],
    ["ALLOWLIST: subdomain of a listed domain", allowlist, visitor("bob@eu.agency.io"), "403 email_not_allowlisted"],
    ["ALLOWLIST: look-alike domain", allowlist, visitor("bob@agency.io.evil.com"), "403 email_not_allowlisted"],
    ["ALLOWLIST: unlisted email", allowlist, visitor("eve@evil.com"), "403 email_not_allowlisted"],
    ["ALLOWLIST: anonymous", allowlist, anonymous, "401 magic_link_required"],
    ["ALLOWLIST: outsider without grant", allowlist, outsider, "401 magic_link_required"],
    ["PUBLIC: anonymous", policy({ mode: "PUBLIC" }), anonymous, "allow public"],
    ["PUBLIC: member", policy({ mode: "PUBLIC" }), member("VIEWER"), "allow member"],
  ];
  for (const [name, p, v, expected] of cases) {
    it(name, () => assert.equal(outcome(p, v), expected));
  }
});

describe("decideDocsAccess: the window", () => {
  const future = { startsAt: new Date("2026-03-02T00:00:00Z") };
  const past = { endsAt: new Date("2026-03-01T12:00:00Z") }; // endsAt is exclusive
  it("closed for visitors before startsAt and at/after endsAt", () => {
    assert.equal(outcome(policy({ mode: "PUBLIC", ...future }), anonymous), "403 docs_access_window_closed");
    assert.equal(outcome(policy({ mode: "PUBLIC", ...past }), anonymous), "403 docs_access_window_closed");
    const allowlist = policy({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.com"], ...past });
    assert.equal(outcome(allowlist, visitor("ann@partner.com")), "403 docs_access_window_closed");
    assert.equal(outcome(allowlist, anonymous), "403 docs_access_window_closed");
  });
  it("members ignore the window", () => {
    assert.equal(outcome(policy({ mode: "PUBLIC", ...past }), member("VIEWER")), "allow member");
    assert.equal(outcome(policy({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["a@b.co"], ...future }), member("VIEWER")), "allow member");
  });
  it("open inside the window", () => {
    const open = policy({ mode: "PUBLIC", startsAt: new Date("2026-02-01T00:00:00Z"), endsAt: new Date("2026-04-01T00:00:00Z") });
    assert.equal(outcome(open, anonymous), "allow public");
    assert.equal(windowOpen(open, new Date("2026-04-01T00:00:00Z")), false);
    assert.equal(windowOpen(open, new Date("2026-01-31T23:59:59Z")), false);
  });
  it("the magic-link form is offered only where an email could help", () => {
    const allowlist = policy({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.com"] });
    const d1 = decideDocsAccess(allowlist, anonymous, NOW);
    const d2 = decideDocsAccess(policy(), anonymous, NOW);
    assert.ok(!d1.allowed && d1.offerMagicLink);
    assert.ok(!d2.allowed && !d2.offerMagicLink);
  });
});

describe("emailAllowed", () => {
  const lists = { allowedEmails: ["ann@partner.com"], allowedDomains: ["agency.io"] };
  it("compares canonical forms", () => {
    assert.equal(emailAllowed(lists, "Ann@Partner.COM"), true);
    assert.equal(emailAllowed(lists, "x@AGENCY.io"), true);
  });
  it("refuses anything that is not one plain address", () => {
    assert.equal(emailAllowed(lists, `"ann@partner.com"@evil.com`), false);
    assert.equal(emailAllowed(lists, "ann@partner.com,eve@evil.com"), false);
    assert.equal(emailAllowed(lists, "x@agency.io.evil.com"), false);
  });
});
