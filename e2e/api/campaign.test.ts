import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newTenant, type Tenant } from "../support/admin";
import { baseUrl, dataDir } from "../support/env";
import { createFile, download, latestMailTo, linkIn, readyFile, sameOrigin } from "../support/files";
import { assertProblem, call, fetchApi } from "../support/http";
import { mailTo } from "../support/mailbox";

// Campaign delivery (campaign delivery: docs/decisions.md): embargo, domain allowlists, download limits,
// invitations, stats and the creator's download notifications, over real HTTP.
const hour = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function patch(tenant: Tenant, id: string, body: Record<string, unknown>, family = "handles", headers: Record<string, string> = {}) {
  return call(`/v2/${family}/${tenant.handle}/files/${id}`, { method: "PATCH", token: tenant.token, body, headers });
}

async function createRaw(tenant: Tenant, body: Record<string, unknown>) {
  return call(`/v2/handles/${tenant.handle}/files`, { method: "POST", token: tenant.token, body: { fileName: "kit.zip", sizeBytes: 10, accessMode: "PUBLIC", ...body } });
}

/** A visitor's grant cookie for an allowlisted file, through the mailbox as a person would get it. */
async function grantFor(fileId: string, email: string): Promise<string> {
  const sent = await call(`/v2/public/files/${fileId}/magic-link`, { method: "POST", body: { email } });
  assert.equal(sent.status, 202, sent.text);
  const token = new URL(linkIn(await latestMailTo(email), `/share/${fileId}/verify`)).searchParams.get("token")!;
  const verified = await call(`/v2/public/files/${fileId}/magic-link/verify`, { method: "POST", body: { token }, headers: sameOrigin });
  assert.equal(verified.status, 200, verified.text);
  return verified.headers.get("set-cookie")!.split(";")[0];
}

describe("campaign fields on create, get, list and PATCH", async () => {
  const acme = await newTenant("camp");

  test("the four fields round-trip on both route families", async () => {
    const availableFrom = hour(2);
    const created = await createFile(acme, {
      fileName: "press-kit.zip", sizeBytes: 10, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["ann@press.example.com"],
      allowedDomains: ["@Partner.Example.COM", "partner.example.com"], availableFrom, expiresAt: hour(48), maxDownloads: 25, notifyOnDownload: true,
    });
    const expect = { allowedDomains: ["partner.example.com"], availableFrom: new Date(availableFrom).toISOString(), maxDownloads: 25, notifyOnDownload: true };
    const pick = (f: Record<string, unknown>) => ({ allowedDomains: f.allowedDomains, availableFrom: f.availableFrom, maxDownloads: f.maxDownloads, notifyOnDownload: f.notifyOnDownload });
    assert.deepEqual(pick(created.file as never), expect);
    for (const family of ["handles", "public/handles"]) {
      const got = await call(`/v2/${family}/${acme.handle}/files/${created.file.id}`, { token: acme.token });
      assert.deepEqual(pick(got.json), expect, family);
      const list = await call(`/v2/${family}/${acme.handle}/files`, { token: acme.token });
      assert.deepEqual(pick(list.json.files.find((f: { id: string }) => f.id === created.file.id)), expect, family);
    }
    const changed = await patch(acme, created.file.id, { availableFrom: null, maxDownloads: null, notifyOnDownload: false, allowedDomains: [] }, "public/handles");
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual(pick(changed.json), { allowedDomains: [], availableFrom: null, maxDownloads: null, notifyOnDownload: false });
    const plain = await createFile(acme, { fileName: "a.txt", sizeBytes: 3, accessMode: "PUBLIC" });
    assert.deepEqual(pick(plain.file as never), { allowedDomains: [], availableFrom: null, maxDownloads: null, notifyOnDownload: false }, "defaults");
    const events = await call(`/v2/handles/${acme.handle}/files/${created.file.id}/events`, { token: acme.token });
    assert.ok(events.json.events.some((e: { action: string; detail: { maxDownloads?: unknown } }) => e.action === "file.updated" && e.detail.maxDownloads === null), "PATCH audited");
  });

  test("domain-only allowlists are enough; neither an email nor a domain is not", async () => {
    const ok = await createRaw(acme, { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.example.com"] });
    assert.equal(ok.status, 201, ok.text);
    assertProblem(await createRaw(acme, { accessMode: "EMAIL_ALLOWLIST", allowedDomains: [] }), 400, "allowed_emails_required");
    assertProblem(await patch(acme, ok.json.file.id, { allowedDomains: [] }), 400, "allowed_emails_required");
  });

  test("validation codes, in the documented order", async () => {
    const cases: Array<[string, Record<string, unknown>, number, string]> = [
      ["availableFrom not an instant", { availableFrom: "next tuesday" }, 400, "invalid_available_from"],
      ["availableFrom a number", { availableFrom: 1767225600 }, 400, "invalid_available_from"],
      ["availableFrom after expiresAt", { availableFrom: hour(5), expiresAt: hour(4) }, 400, "invalid_available_from"],
      ["availableFrom equal to expiresAt", { availableFrom: hour(5), expiresAt: hour(5) }, 400, "invalid_available_from"],
      ["a wildcard domain", { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["*.partner.com"] }, 400, "invalid_domain"],
      ["an address as domain", { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["a@partner.com"] }, 400, "invalid_domain"],
      ["51 domains", { accessMode: "EMAIL_ALLOWLIST", allowedDomains: Array.from({ length: 51 }, (_, i) => `p${i}.example.com`) }, 400, "invalid_domain"],
      ["201 entries in all", {
        accessMode: "EMAIL_ALLOWLIST",
        allowedEmails: Array.from({ length: 160 }, (_, i) => `u${i}@example.com`),
        allowedDomains: Array.from({ length: 41 }, (_, i) => `p${i}.example.com`),
      }, 400, "too_many_allowed_emails"],
      ["a public mail provider", { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["partner.com", "GMAIL.com"] }, 422, "policy_too_permissive"],
      ["maxDownloads 0", { maxDownloads: 0 }, 400, "invalid_max_downloads"],
      ["maxDownloads above a million", { maxDownloads: 1_000_001 }, 400, "invalid_max_downloads"],
      ["maxDownloads a fraction", { maxDownloads: 1.5 }, 400, "invalid_max_downloads"],
      ["maxDownloads a string", { maxDownloads: "5" }, 400, "invalid_max_downloads"],
      ["notifyOnDownload not a boolean", { notifyOnDownload: "yes" }, 400, "invalid_request"],
      ["the earlier rule wins: bad email before bad domain", { accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["nope"], allowedDomains: ["*"] }, 400, "invalid_email"],
      ["the earlier rule wins: bad domain before bad embargo", { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["*"], availableFrom: "x" }, 400, "invalid_domain"],
      ["the earlier rule wins: embargo before limit", { availableFrom: "x", maxDownloads: 0 }, 400, "invalid_available_from"],
    ];
    for (const [name, body, status, code] of cases) {
      const res = await createRaw(acme, body);
      assert.equal(res.status, status, `${name}: ${res.text}`);
      assertProblem(res, status, code);
    }
    assert.equal((await createRaw(acme, { maxDownloads: 1_000_000, availableFrom: hour(-1) })).status, 201, "a past availableFrom and the top limit are fine");
    const file = (await createRaw(acme, { expiresAt: hour(10) })).json.file;
    assertProblem(await patch(acme, file.id, { availableFrom: hour(11) }), 400, "invalid_available_from");
    assertProblem(await patch(acme, file.id, { accessMode: "EMAIL_ALLOWLIST", allowedDomains: ["outlook.com"] }), 422, "policy_too_permissive");
    assertProblem(await patch(acme, file.id, { maxDownloads: -1 }), 400, "invalid_max_downloads");
  });
});

describe("embargo", async () => {
  const acme = await newTenant("embargo");

  test("a storage URL minted before the PATCH stops working; the public URL answers 403 with availableFrom and Retry-After", async () => {
    const { id, publicUrl, bytes } = await readyFile(acme);
    const first = await download(publicUrl);
    assert.ok(first.bytes.equals(bytes));
    const minted = (await fetchApi(publicUrl)).headers.get("location")!;
    const availableFrom = hour(1);
    // Keyed: the write runs in the idempotency transaction; the old object goes after its commit.
    const changed = await patch(acme, id, { availableFrom }, "handles", { "idempotency-key": `embargo-${id}` });
    assert.equal(changed.status, 200, changed.text);

    const refused = await call(publicUrl);
    assertProblem(refused, 403, "file_not_yet_available");
    assert.equal(refused.json.availableFrom, new Date(availableFrom).toISOString());
    const retryAfter = Number(refused.headers.get("retry-after"));
    assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
    for (const url of [minted, first.location]) {
      const stale = await fetch(url);
      await stale.arrayBuffer();
      assert.ok(stale.status >= 400 && stale.status < 500, `a URL minted before the embargo answers ${stale.status}`);
    }
    const browser = await call(publicUrl, { headers: { accept: "text/html" } });
    assert.equal(browser.headers.get("location"), `${baseUrl}/share/${id}?reason=file_not_yet_available`);
    const page = await fetch(`${baseUrl}/share/${id}`);
    assert.match(await page.text(), /Not available yet/, "the share page says when it opens");

    const lifted = await patch(acme, id, { availableFrom: null });
    assert.equal(lifted.status, 200);
    assert.ok((await download(publicUrl)).bytes.equals(bytes), "the same bytes once the embargo is lifted");
  });

  test("magic-link request and verify refuse during the embargo, a link sent before it included", async () => {
    const visitor = `early-${Date.now()}@press.example.com`;
    const { id, publicUrl } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [visitor] });
    assert.equal((await call(`/v2/public/files/${id}/magic-link`, { method: "POST", body: { email: visitor } })).status, 202);
    const token = new URL(linkIn(await latestMailTo(visitor), `/share/${id}/verify`)).searchParams.get("token")!;
    assert.equal((await patch(acme, id, { availableFrom: hour(3) })).status, 200);
    assertProblem(await call(`/v2/public/files/${id}/magic-link`, { method: "POST", body: { email: visitor } }), 403, "file_not_yet_available");
    assertProblem(await call(`/v2/public/files/${id}/magic-link/verify`, { method: "POST", body: { token }, headers: sameOrigin }), 403, "file_not_yet_available");
    assertProblem(await call(publicUrl), 403, "file_not_yet_available");
    // The token was not spent by the refused verify: it works once the embargo lifts.
    assert.equal((await patch(acme, id, { availableFrom: null })).status, 200);
    const verified = await call(`/v2/public/files/${id}/magic-link/verify`, { method: "POST", body: { token }, headers: sameOrigin });
    assert.equal(verified.status, 200, verified.text);
  });
});

describe("domain allowlists through the whole magic-link flow", async () => {
  const acme = await newTenant("domains");
  const domain = `partner-${Date.now()}.example.com`;

  test("any address at the domain gets a link, verifies and downloads; subdomains and look-alikes do not", async () => {
    const { id, publicUrl, bytes } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedDomains: [domain] });
    const bob = `bob@${domain}`;
    const sent = await call(`/v2/public/files/${id}/magic-link`, { method: "POST", body: { email: bob.toUpperCase() } });
    assert.equal(sent.status, 202, sent.text);
    const link = linkIn(await latestMailTo(bob), `/share/${id}/verify`);
    const token = new URL(link).searchParams.get("token")!;
    const verified = await call(`/v2/public/files/${id}/magic-link/verify`, { method: "POST", body: { token }, headers: sameOrigin });
    assert.equal(verified.status, 200, verified.text);
    const got = await download(publicUrl, { cookie: verified.headers.get("set-cookie")!.split(";")[0] });
    assert.ok(got.bytes.equals(bytes));

    for (const outsider of [`eve@eu.${domain}`, `eve@${domain}.evil.io`, `eve@x${domain}`, `eve@${domain.replace("partner", "partnr")}`]) {
      assertProblem(await call(`/v2/public/files/${id}/magic-link`, { method: "POST", body: { email: outsider } }), 403, "email_not_allowlisted");
    }
    // Removing the domain revokes the grant at once.
    assert.equal((await patch(acme, id, { allowedDomains: [], allowedEmails: ["someone@else.example.com"] })).status, 200);
    assertProblem(await call(publicUrl, { headers: { cookie: verified.headers.get("set-cookie")!.split(";")[0] } }), 403, "email_not_allowlisted");
  });
});

describe("download limits", async () => {
  const acme = await newTenant("limits");

  test("PUBLIC: exactly N of many concurrent downloads succeed, the rest get 410", async () => {
    const { id, publicUrl } = await readyFile(acme, { maxDownloads: 3 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetchApi(publicUrl)));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [302, 302, 302, ...Array(9).fill(410)], `statuses: ${statuses}`);
    for (const r of answers.filter((a) => a.status === 410)) assert.equal((await r.json()).code, "download_limit_reached");
    assertProblem(await call(publicUrl), 410, "download_limit_reached");
    // The owner raises it: one more.
    assert.equal((await patch(acme, id, { maxDownloads: 4 })).status, 200);
    assert.equal((await fetchApi(publicUrl)).status, 302);
    assertProblem(await call(publicUrl), 410, "download_limit_reached");
    const stats = await call(`/v2/handles/${acme.handle}/files/${id}/stats`, { token: acme.token });
    assert.equal(stats.json.downloads, 4, "the count is in stats");
  });

  test("a limit set later counts the downloads made before it", async () => {
    const { id, publicUrl } = await readyFile(acme);
    for (let i = 0; i < 2; i++) assert.equal((await fetchApi(publicUrl)).status, 302);
    await call(`/v2/handles/${acme.handle}/files/${id}/events`, { token: acme.token }); // flushes the write-behind rows
    assert.equal((await patch(acme, id, { maxDownloads: 3 })).status, 200);
    assert.equal((await fetchApi(publicUrl)).status, 302);
    assertProblem(await call(publicUrl), 410, "download_limit_reached");
  });

  test("allowlist: distinct visitors count; a counted visitor comes back; concurrent new visitors never overshoot", async () => {
    const stamp = Date.now();
    const visitors = Array.from({ length: 5 }, (_, i) => `v${i}-${stamp}@press.example.com`);
    const { id, publicUrl } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: visitors, maxDownloads: 2 });
    const cookies: string[] = [];
    for (const v of visitors) cookies.push(await grantFor(id, v));
    const answers = await Promise.all(cookies.map((cookie) => fetchApi(publicUrl, { headers: { cookie } })));
    const won = answers.map((r, i) => (r.status === 302 ? i : -1)).filter((i) => i >= 0);
    assert.equal(won.length, 2, `exactly 2 visitors get through: ${answers.map((r) => r.status)}`);
    assert.ok(answers.every((r) => r.status === 302 || r.status === 410));
    for (const i of won) assert.equal((await fetchApi(publicUrl, { headers: { cookie: cookies[i] } })).status, 302, "a counted visitor downloads again");
    const loser = cookies.findIndex((_, i) => !won.includes(i));
    assertProblem(await call(publicUrl, { headers: { cookie: cookies[loser] } }), 410, "download_limit_reached");
    assertProblem(await call(`/v2/public/files/${id}/magic-link`, { method: "POST", body: { email: visitors[loser] } }), 410, "download_limit_reached");
  });
});

describe("invitations, stats and notifications", async () => {
  const acme = await newTenant("deliver");
  const stamp = Date.now();
  const ann = `ann-${stamp}@press.example.com`;
  const cy = `cy-${stamp}@press.example.com`;
  const domain = `agency-${stamp}.example.com`;

  test("invitations link the share page, never a token, state the embargo, and are audited", async () => {
    const availableFrom = "2031-05-04T09:30:00.000Z";
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [ann, cy], allowedDomains: [domain], availableFrom });
    const all = await call(`/v2/public/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: {} });
    assert.equal(all.status, 202, all.text);
    assert.deepEqual(all.json, { sent: 2 });
    for (const to of [ann, cy]) {
      const mail = await latestMailTo(to);
      assert.ok(mail.text.includes(`${baseUrl}/share/${id}\n`) || mail.text.includes(`${baseUrl}/share/${id}`), mail.text);
      assert.ok(!/token=|\/verify/.test(mail.text) && !/token=|\/verify/.test(mail.html), "no magic token in an invitation");
      assert.match(mail.text, /2031-05-04 09:30 UTC/, "the mail states when the file opens");
    }
    const one = await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: { emails: [`Dee@${domain}`] } });
    assert.deepEqual(one.json, { sent: 1 }, "a domain address may be invited by name");
    assert.equal(mailTo(`dee@${domain}`, dataDir).length, 1);
    assertProblem(await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: { emails: ["eve@evil.example.com"] } }), 403, "email_not_allowlisted");
    assertProblem(await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: { emails: ["not an email"] } }), 400, "invalid_email");
    assertProblem(await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.readToken, body: {} }), 403, "insufficient_scope");
    const events = await call(`/v2/handles/${acme.handle}/files/${id}/events`, { token: acme.token });
    const invited = events.json.events.filter((e: { action: string }) => e.action === "invitation.sent").map((e: { detail: { to: string } }) => e.detail.to).sort();
    assert.deepEqual(invited, [ann, cy, `dee@${domain}`].sort());
    const pub = await readyFile(acme);
    assertProblem(await call(`/v2/handles/${acme.handle}/files/${pub.id}/invitations`, { method: "POST", token: acme.token, body: {} }), 409, "not_allowlist_mode");
  });

  test("invitations are throttled per recipient", async () => {
    const { id } = await readyFile(acme, { accessMode: "EMAIL_ALLOWLIST", allowedEmails: [`throttled-${stamp}@press.example.com`] });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: {} })).status);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
  });

  test("stats: shapes, 30 UTC days ending today, recipients of an allowlisted file, the handle's top files", async () => {
    const { id, publicUrl } = await readyFile(acme, { fileName: "deck.pdf", accessMode: "EMAIL_ALLOWLIST", allowedEmails: [ann, cy], allowedDomains: [domain] });
    await call(`/v2/handles/${acme.handle}/files/${id}/invitations`, { method: "POST", token: acme.token, body: { emails: [cy] } });
    const bob = `bob@${domain}`;
    const annCookie = await grantFor(id, ann);
    const bobCookie = await grantFor(id, bob);
    for (const cookie of [annCookie, annCookie, bobCookie]) assert.equal((await fetchApi(publicUrl, { headers: { cookie } })).status, 302);
    const pub = await readyFile(acme, { fileName: "logo.png" });
    for (let i = 0; i < 5; i++) assert.equal((await fetchApi(pub.publicUrl)).status, 302);

    for (const family of ["handles", "public/handles"]) {
      const stats = await call(`/v2/${family}/${acme.handle}/files/${id}/stats`, { token: acme.readToken });
      assert.equal(stats.status, 200, stats.text);
      assert.equal(stats.json.downloads, 3);
      assert.equal(stats.json.uniqueVisitors, 2);
      assert.ok(stats.json.lastDownloadedAt);
      assert.equal(stats.json.byDay.length, 30);
      assert.equal(stats.json.byDay[29].day, today());
      assert.equal(stats.json.byDay[29].downloads, 3);
      assert.ok(stats.json.byDay.slice(0, 29).every((d: { downloads: number }) => d.downloads === 0), "zero days included");
      assert.deepEqual(stats.json.byDay.map((d: { day: string }) => d.day), [...stats.json.byDay.map((d: { day: string }) => d.day)].sort(), "oldest first");
      const byEmail = Object.fromEntries(stats.json.recipients.map((r: { email: string }) => [r.email, r]));
      assert.deepEqual(Object.keys(byEmail).sort(), [ann, bob, cy].sort(), "every allowlisted address plus the domain visitor seen");
      assert.equal(byEmail[ann].downloads, 2);
      assert.ok(byEmail[ann].linkRequestedAt && byEmail[ann].verifiedAt && byEmail[ann].firstDownloadedAt && byEmail[ann].lastDownloadedAt);
      assert.equal(byEmail[ann].invitedAt, null);
      assert.ok(byEmail[cy].invitedAt);
      assert.equal(byEmail[cy].downloads, 0);
      assert.equal(byEmail[cy].firstDownloadedAt, null);
      assert.equal(byEmail[bob].downloads, 1);

      const pubStats = await call(`/v2/${family}/${acme.handle}/files/${pub.id}/stats`, { token: acme.token });
      assert.equal(pubStats.json.downloads, 5);
      assert.deepEqual(pubStats.json.recipients, [], "PUBLIC files have no recipients");

      const handle = await call(`/v2/${family}/${acme.handle}/stats`, { token: acme.readToken });
      assert.equal(handle.status, 200, handle.text);
      assert.equal(handle.json.byDay.length, 30);
      assert.equal(handle.json.byDay[29].day, today());
      assert.ok(handle.json.downloads >= 8);
      assert.equal(handle.json.byDay[29].downloads, handle.json.downloads, "every download of this handle is today's");
      assert.ok(handle.json.topFiles.length <= 10);
      assert.deepEqual(handle.json.topFiles.slice(0, 2).map((f: { fileName: string; downloads: number }) => [f.fileName, f.downloads]), [["logo.png", 5], ["deck.pdf", 3]]);
      const counts = handle.json.topFiles.map((f: { downloads: number }) => f.downloads);
      assert.deepEqual(counts, [...counts].sort((a: number, b: number) => b - a), "most first");
    }
    const other = await newTenant("deliver-other");
    assertProblem(await call(`/v2/handles/${acme.handle}/stats`, { token: other.token }), 404, "handle_not_found");
    assertProblem(await call(`/v2/handles/${other.handle}/files/${id}/stats`, { token: other.token }), 404, "file_not_found");
  });

  test("the creator hears of each visitor's first download once, and of a PUBLIC file once a day", async () => {
    const dora = `dora-${stamp}@press.example.com`;
    const { id, publicUrl } = await readyFile(acme, { fileName: "notify.pdf", accessMode: "EMAIL_ALLOWLIST", allowedEmails: [dora], notifyOnDownload: true });
    const before = mailTo(acme.ownerEmail, dataDir).length;
    const cookie = await grantFor(id, dora);
    for (let i = 0; i < 3; i++) assert.equal((await fetchApi(publicUrl, { headers: { cookie } })).status, 302);
    const deadline = Date.now() + 5000;
    while (mailTo(acme.ownerEmail, dataDir).length === before && Date.now() < deadline) await sleep(100);
    await sleep(500);
    const mails = mailTo(acme.ownerEmail, dataDir).slice(0, mailTo(acme.ownerEmail, dataDir).length - before);
    assert.equal(mails.length, 1, "one mail for three downloads by the same visitor");
    assert.match(mails[0].subject, new RegExp(`${dora.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} downloaded notify\\.pdf`));

    const pub = await readyFile(acme, { fileName: "daily.pdf", notifyOnDownload: true });
    const beforePublic = mailTo(acme.ownerEmail, dataDir).length;
    for (let i = 0; i < 3; i++) assert.equal((await fetchApi(pub.publicUrl)).status, 302);
    const until = Date.now() + 5000;
    while (mailTo(acme.ownerEmail, dataDir).length === beforePublic && Date.now() < until) await sleep(100);
    await sleep(500);
    const publicMails = mailTo(acme.ownerEmail, dataDir).length - beforePublic;
    assert.equal(publicMails, 1, "one mail for the day's first download of a PUBLIC file");
    assert.match(mailTo(acme.ownerEmail, dataDir)[0].subject, /Someone downloaded daily\.pdf/);

    const quiet = await readyFile(acme, { fileName: "quiet.pdf" });
    const beforeQuiet = mailTo(acme.ownerEmail, dataDir).length;
    await fetchApi(quiet.publicUrl);
    await sleep(800);
    assert.equal(mailTo(acme.ownerEmail, dataDir).length, beforeQuiet, "no mail without notifyOnDownload");
  });
});
