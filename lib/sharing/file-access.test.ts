import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decideFileAccess, FILE_REFUSALS, type FileAccessFacts, type FileRefusal, type FileVisitor, type FileWant } from "./file-access";
import { fileAccessProblem } from "./file-access-problem";

const NOW = new Date("2026-03-01T12:00:00Z");
const at = (secondsFromNow: number) => new Date(NOW.getTime() + secondsFromNow * 1000);
const file = (over: Partial<FileAccessFacts> = {}): FileAccessFacts => ({
  docsPath: null, expiresAt: null, status: "ready", accessMode: "PUBLIC", allowedEmails: [],
  allowedDomains: [], availableFrom: null, maxDownloads: null, downloadCount: 0, ...over,
});
const allowlist = (over: Partial<FileAccessFacts> = {}) => file({ accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@partner.com"], ...over });
const as = (wants: FileWant, email: string | null = null): FileVisitor => ({ wants, email });

function outcome(f: FileAccessFacts | null, v: FileVisitor, now = NOW): string {
  const d = decideFileAccess(f, v, now);
  return d.allowed ? `allow ${d.as}${d.email ? ` ${d.email}` : ""}` : d.refusal;
}

describe("decideFileAccess: every want against every file state", () => {
  const wants: FileWant[] = ["download", "request_link", "verify_link", "share_page"];
  // [file, expected outcome per want in the order above]
  const matrix: Array<[string, FileAccessFacts | null, FileVisitor["email"], [string, string, string, string]]> = [
    ["no row", null, null, ["not_found", "not_found", "not_found", "not_found"]],
    ["an internal doc", file({ docsPath: "guide.md" }), null, ["not_found", "not_found", "not_found", "not_found"]],
    ["expired", file({ expiresAt: at(-1) }), null, ["expired", "expired", "expired", "expired"]],
    ["expiring this instant", file({ expiresAt: NOW }), null, ["expired", "expired", "expired", "expired"]],
    ["expired and pending", allowlist({ expiresAt: at(-60), status: "pending" }), "ann@partner.com", ["expired", "expired", "expired", "expired"]],
    ["PUBLIC, pending", file({ status: "pending" }), null, ["not_ready", "not_allowlist_mode", "not_allowlisted", "not_ready"]],
    ["PUBLIC, ready", file(), null, ["allow public", "not_allowlist_mode", "not_allowlisted", "allow public"]],
    ["PUBLIC, ready, a stale grant's email", file(), "ann@partner.com", ["allow public", "not_allowlist_mode", "not_allowlisted", "allow public"]],
    ["ALLOWLIST, pending, listed email", allowlist({ status: "pending" }), "ann@partner.com", ["not_ready", "allow visitor ann@partner.com", "allow visitor ann@partner.com", "not_ready"]],
    ["ALLOWLIST, ready, no email", allowlist(), null, ["magic_link_required", "email_required", "magic_link_required", "magic_link_required"]],
    ["ALLOWLIST, ready, listed email", allowlist(), "ann@partner.com", ["allow visitor ann@partner.com", "allow visitor ann@partner.com", "allow visitor ann@partner.com", "allow visitor ann@partner.com"]],
    ["ALLOWLIST, ready, unlisted email", allowlist(), "eve@evil.com", ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
    ["ALLOWLIST, removed from the list", allowlist({ allowedEmails: ["bob@partner.com"] }), "ann@partner.com", ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
    ["ALLOWLIST, same domain is not enough", allowlist(), "bob@partner.com", ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
    ["ALLOWLIST, an empty list", allowlist({ allowedEmails: [] }), "ann@partner.com", ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
  ];
  for (const [name, f, email, expected] of matrix) {
    wants.forEach((want, i) => {
      it(`${name}: ${want}`, () => assert.equal(outcome(f, as(want, email)), expected[i]));
    });
  }
});

describe("decideFileAccess: expiry and the download URL's lifetime", () => {
  it("counts seconds left until expiry", () => {
    const d = decideFileAccess(file({ expiresAt: at(90.5) }), as("download"), NOW);
    assert.deepEqual(d, { allowed: true, as: "public", email: null, secondsLeft: 90 });
  });
  it("has no limit without an expiry", () => {
    const d = decideFileAccess(file(), as("download"), NOW);
    assert.equal(d.allowed && d.secondsLeft, Infinity);
  });
  it("refuses a download in the file's last second (a URL must live at least one)", () => {
    assert.equal(outcome(file({ expiresAt: at(0.5) }), as("download")), "expired");
    assert.equal(outcome(file({ expiresAt: at(1) }), as("download")), "allow public");
  });
  it("the last second does not stop the page or the link steps", () => {
    assert.equal(outcome(file({ expiresAt: at(0.5) }), as("share_page")), "allow public");
    assert.equal(outcome(allowlist({ expiresAt: at(0.5) }), as("request_link", "ann@partner.com")), "allow visitor ann@partner.com");
    assert.equal(outcome(allowlist({ expiresAt: at(0.5) }), as("verify_link", "ann@partner.com")), "allow visitor ann@partner.com");
  });
  it("uses the given instant, not the wall clock", () => {
    const f = file({ expiresAt: new Date("2020-01-01T00:00:00Z") });
    assert.equal(outcome(f, as("download"), new Date("2019-12-31T00:00:00Z")), "allow public");
    assert.equal(outcome(f, as("download"), new Date("2020-01-01T00:00:00Z")), "expired");
  });
});

describe("decideFileAccess: order of checks", () => {
  it("file refusals come before anything about the visitor", () => {
    for (const email of [null, "eve@evil.com", "ann@partner.com"]) {
      assert.equal(outcome(allowlist({ expiresAt: at(-1) }), as("request_link", email)), "expired");
      assert.equal(outcome(allowlist({ status: "pending" }), as("download", email)), "not_ready");
    }
  });
  it("PUBLIC answers not_allowlist_mode before looking at the asked-for address", () => {
    assert.equal(outcome(file(), as("request_link", null)), "not_allowlist_mode");
  });
  it("every refusal is labelled file or visitor", () => {
    const seen = new Set<string>();
    for (const f of [null, file({ expiresAt: at(-1) }), file({ status: "pending" }), allowlist(), file(), file({ availableFrom: at(60) }), file({ maxDownloads: 1, downloadCount: 1 })]) {
      for (const want of ["download", "request_link", "verify_link", "share_page"] as const) {
        for (const email of [null, "eve@evil.com"]) {
          const d = decideFileAccess(f, as(want, email), NOW);
          if (!d.allowed) {
            assert.equal(d.about, FILE_REFUSALS[d.refusal]);
            seen.add(d.refusal);
          }
        }
      }
    }
    assert.deepEqual([...seen].sort(), Object.keys(FILE_REFUSALS).sort(), "every refusal is reachable");
  });
});

describe("fileAccessProblem: each refusal's problem", () => {
  const expected: Record<FileRefusal, [number, string]> = {
    not_found: [404, "file_not_found"],
    expired: [410, "file_expired"],
    not_yet_available: [403, "file_not_yet_available"],
    download_limit_reached: [410, "download_limit_reached"],
    not_ready: [409, "upload_incomplete"],
    magic_link_required: [401, "magic_link_required"],
    not_allowlist_mode: [409, "not_allowlist_mode"],
    email_required: [400, "invalid_email"],
    not_allowlisted: [403, "email_not_allowlisted"],
  };
  const row = { expiresAt: at(-1), objectDeletedAt: null, availableFrom: at(90) };
  for (const [refusal, [status, code]] of Object.entries(expected) as Array<[FileRefusal, [number, string]]>) {
    it(`${refusal} → ${status} ${code}`, () => {
      const problem = fileAccessProblem(refusal, "f_abc", row, NOW);
      assert.equal(problem.status, status);
      assert.equal(problem.code, code);
    });
  }
  it("magic_link_required links the request endpoint", () => {
    process.env.APP_URL ??= "http://localhost:3000";
    const problem = fileAccessProblem("magic_link_required", "f_abc", null);
    assert.match(problem.headers.Link, /\/v2\/public\/files\/f_abc\/magic-link>; rel="magic-link"$/);
  });
  it("expired says when, and whether the content is gone", () => {
    assert.match(fileAccessProblem("expired", "f_abc", row).detail, /expired on 2026-03-01T11:59:59.000Z\.$/);
    assert.match(fileAccessProblem("expired", "f_abc", { ...row, objectDeletedAt: NOW }).detail, /content has been removed/);
  });
});

describe("decideFileAccess: campaign rules (campaign delivery: docs/decisions.md)", () => {
  const wants: FileWant[] = ["download", "request_link", "verify_link", "share_page"];
  const ann = "ann@partner.com";
  const matrix: Array<[string, FileAccessFacts, FileVisitor["email"], boolean, [string, string, string, string]]> = [
    ["embargoed PUBLIC", file({ availableFrom: at(60) }), null, false, ["not_yet_available", "not_yet_available", "not_yet_available", "not_yet_available"]],
    ["embargoed allowlist, listed visitor", allowlist({ availableFrom: at(60) }), ann, false, ["not_yet_available", "not_yet_available", "not_yet_available", "not_yet_available"]],
    ["embargo lifting this instant", file({ availableFrom: NOW }), null, false, ["allow public", "not_allowlist_mode", "not_allowlisted", "allow public"]],
    ["embargo in the past", allowlist({ availableFrom: at(-60) }), ann, false, [`allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`]],
    ["PUBLIC under its limit", file({ maxDownloads: 2, downloadCount: 1 }), null, false, ["allow public", "not_allowlist_mode", "not_allowlisted", "allow public"]],
    ["PUBLIC at its limit", file({ maxDownloads: 2, downloadCount: 2 }), null, false, ["download_limit_reached", "download_limit_reached", "download_limit_reached", "download_limit_reached"]],
    ["allowlist full, new visitor", allowlist({ maxDownloads: 1, countedVisitors: 1 }), ann, false, ["download_limit_reached", "download_limit_reached", "download_limit_reached", `allow visitor ${ann}`]],
    ["allowlist full, counted visitor comes back", allowlist({ maxDownloads: 1, countedVisitors: 1 }), ann, true, [`allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`]],
    ["allowlist full, no email yet", allowlist({ maxDownloads: 1, countedVisitors: 1 }), null, false, ["download_limit_reached", "download_limit_reached", "download_limit_reached", "magic_link_required"]],
    ["allowlist with room", allowlist({ maxDownloads: 2, countedVisitors: 1 }), ann, false, [`allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`, `allow visitor ${ann}`]],
    ["domain visitor", allowlist({ allowedEmails: [], allowedDomains: ["partner.com"] }), "bob@partner.com", false, ["allow visitor bob@partner.com", "allow visitor bob@partner.com", "allow visitor bob@partner.com", "allow visitor bob@partner.com"]],
    ["a subdomain is not the domain", allowlist({ allowedEmails: [], allowedDomains: ["partner.com"] }), "bob@eu.partner.com", false, ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
    ["a look-alike is not the domain", allowlist({ allowedEmails: [], allowedDomains: ["partner.com"] }), "bob@partner.com.evil.io", false, ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
    ["a suffix is not the domain", allowlist({ allowedEmails: [], allowedDomains: ["partner.com"] }), "bob@mypartner.com", false, ["not_allowlisted", "not_allowlisted", "not_allowlisted", "not_allowlisted"]],
  ];
  for (const [name, f, email, counted, expected] of matrix) {
    wants.forEach((want, i) => {
      it(`${name}: ${want}`, () => assert.equal(outcome(f, { wants: want, email, counted }), expected[i]));
    });
  }
  it("order: expiry before embargo, embargo before the limit, the limit before the access mode", () => {
    assert.equal(outcome(file({ expiresAt: at(-1), availableFrom: at(60) }), as("download")), "expired");
    assert.equal(outcome(file({ availableFrom: at(60), maxDownloads: 1, downloadCount: 1 }), as("download")), "not_yet_available");
    assert.equal(outcome(allowlist({ maxDownloads: 1, countedVisitors: 1 }), as("download", "eve@evil.com")), "download_limit_reached");
  });
  it("the embargo's problem names availableFrom and the seconds to wait", () => {
    const problem = fileAccessProblem("not_yet_available", "fil_x", { expiresAt: null, objectDeletedAt: null, availableFrom: at(90.2) }, NOW);
    assert.equal(problem.status, 403);
    assert.equal(problem.extensions.availableFrom, at(90.2).toISOString());
    assert.equal(problem.headers["Retry-After"], "91");
  });
});
