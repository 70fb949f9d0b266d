import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { validate } from "../http/body";
import { ApiError } from "../http/errors";
import { canonicalDomain, DOCS_POLICY_FIELD_CODES, docsPolicyInputSchema } from "../schemas/docs-policy";
import { parseIfMatch } from "./policy";

// The PUT body schema (lib/schemas/docs-policy.ts) as the route uses it.
function codeOf(body: unknown): string {
  try {
    validate(docsPolicyInputSchema, body, DOCS_POLICY_FIELD_CODES);
    return "ok";
  } catch (error) {
    assert.ok(error instanceof ApiError);
    return `${error.status} ${error.code}`;
  }
}

describe("docsPolicyInputSchema", () => {
  it("defaults: empty lists, confidential on, no window", () => {
    const parsed = docsPolicyInputSchema.parse({ mode: "MEMBERS" });
    assert.deepEqual(parsed, { mode: "MEMBERS", allowedEmails: [], allowedDomains: [], confidential: true, startsAt: null, endsAt: null });
  });
  it("canonicalizes and de-duplicates emails and domains; ignores read-only members", () => {
    const parsed = docsPolicyInputSchema.parse({
      mode: "EMAIL_ALLOWLIST", allowedEmails: [" Ann@Partner.com", "ann@partner.com"], allowedDomains: ["@Agency.IO", "agency.io"],
      version: 7, updatedBy: "x", warnings: [],
    });
    assert.deepEqual(parsed.allowedEmails, ["ann@partner.com"]);
    assert.deepEqual(parsed.allowedDomains, ["agency.io"]);
    assert.equal("version" in parsed, false);
  });
  it("parses the window", () => {
    const parsed = docsPolicyInputSchema.parse({ mode: "PUBLIC", confidential: false, startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-02-01T00:00:00.000Z" });
    assert.equal(parsed.startsAt?.toISOString(), "2026-01-01T00:00:00.000Z");
    assert.equal(parsed.endsAt?.toISOString(), "2026-02-01T00:00:00.000Z");
  });
  const bad: Array<[string, unknown, string]> = [
    ["unknown mode", { mode: "EVERYONE" }, "400 invalid_docs_policy"],
    ["missing mode", {}, "400 invalid_docs_policy"],
    ["confidential as a string", { mode: "MEMBERS", confidential: "yes" }, "400 invalid_docs_policy"],
    ["bad email", { mode: "EMAIL_ALLOWLIST", allowedEmails: ["not-an-email"] }, "400 invalid_email"],
    ["email list trick", { mode: "EMAIL_ALLOWLIST", allowedEmails: ["a@b.com,c@d.com"] }, "400 invalid_email"],
    ["emails not an array", { mode: "EMAIL_ALLOWLIST", allowedEmails: "a@b.com" }, "400 invalid_email"],
    ["wildcard domain", { mode: "EMAIL_ALLOWLIST", allowedDomains: ["*.acme.com"] }, "400 invalid_domain"],
    ["domain with a path", { mode: "EMAIL_ALLOWLIST", allowedDomains: ["acme.com/x"] }, "400 invalid_domain"],
    ["an address as a domain", { mode: "EMAIL_ALLOWLIST", allowedDomains: ["a@acme.com"] }, "400 invalid_domain"],
    ["too many domains", { mode: "EMAIL_ALLOWLIST", allowedDomains: Array.from({ length: 51 }, (_, i) => `d${i}.com`) }, "400 invalid_domain"],
    ["empty allowlist", { mode: "EMAIL_ALLOWLIST" }, "400 allowed_emails_required"],
    ["not an instant", { mode: "PUBLIC", confidential: false, endsAt: "tomorrow" }, "400 invalid_window"],
    ["date without time", { mode: "PUBLIC", confidential: false, endsAt: "2026-01-01" }, "400 invalid_window"],
    ["endsAt before startsAt", { mode: "PUBLIC", confidential: false, startsAt: "2026-02-01T00:00:00Z", endsAt: "2026-01-01T00:00:00Z" }, "400 invalid_window"],
    ["endsAt equal to startsAt", { mode: "PUBLIC", confidential: false, startsAt: "2026-02-01T00:00:00Z", endsAt: "2026-02-01T00:00:00Z" }, "400 invalid_window"],
  ];
  for (const [name, body, expected] of bad) {
    it(`${name}: ${expected}`, () => assert.equal(codeOf(body), expected));
  }
  it("canonicalDomain", () => {
    assert.equal(canonicalDomain(" Partner.COM "), "partner.com");
    assert.equal(canonicalDomain("localhost"), null);
    assert.equal(canonicalDomain("acme..com"), null);
  });
});

describe("parseIfMatch", () => {
  it("reads quoted, weak, bare and * forms", () => {
    assert.equal(parseIfMatch(null), null);
    assert.equal(parseIfMatch('"3"'), 3);
    assert.equal(parseIfMatch('W/"3"'), 3);
    assert.equal(parseIfMatch("3"), 3);
    assert.equal(parseIfMatch("*"), "*");
  });
  it("an unparsable value never matches a version", () => {
    assert.equal(parseIfMatch('"abc"'), -1);
    assert.equal(parseIfMatch('"1", "2"'), -1);
  });
});
