import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ApiError } from "../http/errors";
import { assertNotTooPermissive, policyWarnings, type PolicyFacts } from "./policy-rules";
import { isPublicMailDomain } from "./public-mail-domains";

const NOW = new Date("2026-03-01T00:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const facts = (over: Partial<PolicyFacts> = {}): PolicyFacts => ({
  mode: "MEMBERS", allowedEmails: [], allowedDomains: [], confidential: true, startsAt: null, endsAt: null, ...over,
});

function guard(p: PolicyFacts): string {
  try {
    assertNotTooPermissive(p);
    return "ok";
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return `${error.status} ${error.code} ${error.detail}`;
  }
}

const codes = (p: PolicyFacts) => policyWarnings(p, NOW).map((w) => w.code).sort();

describe("assertNotTooPermissive (422 policy_too_permissive)", () => {
  it("confidential + PUBLIC is refused", () => {
    assert.match(guard(facts({ mode: "PUBLIC" })), /^422 policy_too_permissive/);
  });
  it("a public mail provider on a confidential allowlist is refused, naming the domain", () => {
    for (const domain of ["gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "mail.com", "yandex.com", "zoho.com"]) {
      const result = guard(facts({ mode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.com", domain] }));
      assert.match(result, /^422 policy_too_permissive/, domain);
      assert.ok(result.includes(`'${domain}'`), result);
    }
  });
  it("also while the allowlist is inactive (it would apply the moment the mode changes)", () => {
    assert.match(guard(facts({ mode: "MEMBERS", allowedDomains: ["gmail.com"] })), /^422/);
  });
  it("accepts confidential allowlists of company domains, and non-confidential PUBLIC", () => {
    assert.equal(guard(facts({ mode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.com"] })), "ok");
    assert.equal(guard(facts({ mode: "PUBLIC", confidential: false })), "ok");
    assert.equal(guard(facts({ mode: "EMAIL_ALLOWLIST", confidential: false, allowedDomains: ["gmail.com"] })), "ok");
  });
  it("the provider list is exact, not a suffix match", () => {
    assert.equal(isPublicMailDomain("gmail.com"), true);
    assert.equal(isPublicMailDomain("notgmail.com"), false);
    assert.equal(isPublicMailDomain("acme.gmail.com.au"), false);
  });
});

describe("policyWarnings", () => {
  it("the default policy has no warnings", () => assert.deepEqual(codes(facts()), []));
  it("broad_domain_allowlist for a whole domain on a confidential allowlist", () => {
    const warnings = policyWarnings(facts({ mode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.com"] }), NOW);
    assert.deepEqual(warnings.map((w) => w.code), ["broad_domain_allowlist"]);
    assert.match(warnings[0].message, /partner\.com/);
  });
  it("public_mail_domain when not confidential", () => {
    assert.deepEqual(codes(facts({ mode: "EMAIL_ALLOWLIST", confidential: false, allowedDomains: ["gmail.com"] })), ["public_mail_domain"]);
  });
  it("public_without_end_date", () => {
    assert.deepEqual(codes(facts({ mode: "PUBLIC", confidential: false })), ["public_without_end_date"]);
    assert.deepEqual(codes(facts({ mode: "PUBLIC", confidential: false, endsAt: new Date(NOW.getTime() + 10 * DAY) })), []);
  });
  it("long_window over 90 days (from now or startsAt)", () => {
    assert.deepEqual(codes(facts({ mode: "PUBLIC", confidential: false, endsAt: new Date(NOW.getTime() + 91 * DAY) })), ["long_window"]);
    assert.deepEqual(codes(facts({ mode: "PUBLIC", confidential: false, endsAt: new Date(NOW.getTime() + 89 * DAY) })), []);
    const startsLater = { startsAt: new Date(NOW.getTime() + 30 * DAY), endsAt: new Date(NOW.getTime() + 100 * DAY) };
    assert.deepEqual(codes(facts({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["a@b.co"], ...startsLater })), []);
  });
  it("window_ended when endsAt is already past", () => {
    assert.deepEqual(codes(facts({ mode: "EMAIL_ALLOWLIST", allowedEmails: ["a@b.co"], endsAt: new Date(NOW.getTime() - DAY) })), ["window_ended"]);
  });
  it("allowlist_inactive when lists are kept outside EMAIL_ALLOWLIST", () => {
    assert.deepEqual(codes(facts({ mode: "MEMBERS", allowedEmails: ["a@b.co"] })), ["allowlist_inactive"]);
  });
});
