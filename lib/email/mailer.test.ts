import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";
import { clock } from "../clock";
import { resetConfigForTests } from "../config";
import { ApiError, DependencyUnavailableError } from "../http/errors";
import { listOutbox, outboxEnabled, sendMail, type OutgoingMail } from "./mailer";
import { resendTiming } from "./resend-transport";
import { fileMagicLinkEmail } from "./templates";

const APP_URL = "https://files.example.com";
const LINK = `${APP_URL}/share/fil_abc/verify?token=${"t".repeat(43)}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "gharart-mailer-"));
const outbox = path.join(dataDir, "outbox");
const savedEnv = { ...process.env };
const savedTiming = { ...resendTiming };

function useEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return { to: "v@allowed.com", ...fileMagicLinkEmail({ url: LINK, fileName: "report.pdf", handle: "acme" }), ...overrides };
}

const outboxFiles = () => {
  try {
    return readdirSync(outbox);
  } catch {
    return [];
  }
};

// Address tricks that must never reach a transport (docs/security.md M6 / T24).
const BAD_TO = [
  "v@allowed.com\r\nBcc: a@evil.com",
  "v@allowed.com,a@evil.com",
  "v@allowed.com;a@evil.com",
  `"v@allowed.com"@evil.com`,
  "v@allowed.com(x)evil.com",
  "V@Allowed.com", // valid, but not canonical: callers must pass the checked string
  " v@allowed.com",
  "v\uff20allowed.com",
];

before(() => useEnv({ DATA_DIR: dataDir, APP_URL, RESEND_API_KEY: undefined, RESEND_BASE_URL: undefined }));
after(() => {
  process.env = savedEnv;
  resetConfigForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("outbox transport (RESEND_API_KEY unset)", () => {
  beforeEach(() => {
    rmSync(outbox, { recursive: true, force: true });
    useEnv({ RESEND_API_KEY: undefined });
  });
  afterEach(() => {
    clock.now = () => new Date();
  });

  it("is enabled only without a Resend key", () => {
    assert.equal(outboxEnabled(), true);
    useEnv({ RESEND_API_KEY: "re_x" });
    assert.equal(outboxEnabled(), false);
    useEnv({ RESEND_API_KEY: "" });
    assert.equal(outboxEnabled(), true);
  });

  it("writes one parseable JSON file with every field and the full link in text", async () => {
    clock.now = () => new Date("2026-05-01T10:20:30.456Z");
    const m = mail();
    const { id } = await sendMail(m);
    const files = outboxFiles();
    assert.equal(files.length, 1, `expected exactly one file, got ${files.join(", ")}`);
    assert.match(files[0], /^2026-05-01T10-20-30-456Z-msg_[0-9A-Za-z]{24}\.json$/);
    assert.ok(files[0].endsWith(`-${id}.json`));
    const saved = JSON.parse(readFileSync(path.join(outbox, files[0]), "utf8"));
    assert.deepEqual(saved, { id, to: "v@allowed.com", subject: m.subject, text: m.text, html: m.html, createdAt: "2026-05-01T10:20:30.456Z" });
    assert.ok(saved.text.split("\n").includes(LINK), "the full link stands on its own line");
    assert.equal(statSync(path.join(outbox, files[0])).mode & 0o077, 0, "outbox files are private");
  });

  it("leaves no temp files behind and lists newest first", async () => {
    const times = ["2026-05-01T10:00:00.000Z", "2026-05-01T12:00:00.000Z", "2026-05-01T11:00:00.000Z"];
    for (const [i, t] of times.entries()) {
      clock.now = () => new Date(t);
      await sendMail(mail({ subject: `message ${i}` }));
    }
    assert.equal(outboxFiles().length, 3);
    assert.ok(outboxFiles().every((f) => f.endsWith(".json") && !f.startsWith(".")));
    const listed = await listOutbox();
    assert.deepEqual(
      listed.map((m) => m.subject),
      ["message 1", "message 2", "message 0"],
    );
    assert.deepEqual((await listOutbox(2)).map((m) => m.subject), ["message 1", "message 2"]);
  });

  it("listOutbox is empty when the folder does not exist yet", async () => {
    assert.deepEqual(await listOutbox(), []);
  });

  for (const to of BAD_TO) {
    it(`refuses non-canonical to ${JSON.stringify(to)} and writes nothing`, async () => {
      await assert.rejects(sendMail(mail({ to })), TypeError);
      assert.deepEqual(outboxFiles(), []);
    });
  }

  it("refuses a subject with CR/LF", async () => {
    await assert.rejects(sendMail(mail({ subject: "Hi\r\nBcc: a@evil.com" })), TypeError);
    assert.deepEqual(outboxFiles(), []);
  });
});

// ---------------------------------------------------------------------------------------
// A local fake of the Resend API. It mimics idempotency: one key → at most one email.

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
  at: number;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

class FakeResend {
  server!: Server;
  seen: Seen[] = [];
  accepted = new Map<string, string>(); // idempotency key → email id
  reply: (req: Seen, n: number) => Reply = () => ({ status: 200, body: {} });

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const seen: Seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: raw ? JSON.parse(raw) : null, at: Date.now() };
        this.seen.push(seen);
        let reply = this.reply(seen, this.seen.length);
        if (reply.status === 200) {
          const key = String(req.headers["idempotency-key"] ?? `nokey-${this.seen.length}`);
          if (!this.accepted.has(key)) this.accepted.set(key, `email_${this.accepted.size + 1}`);
          reply = { status: 200, body: { id: this.accepted.get(key) } };
        }
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe("Resend transport (RESEND_API_KEY set) against a local fake", () => {
  const fake = new FakeResend();
  const KEY = "re_test_0123456789";
  const FROM = "Gharart Files <files@mail.example.com>";
  let warnings: string[] = [];
  const realWarn = console.warn;

  before(async () => {
    const base = await fake.start();
    useEnv({ RESEND_API_KEY: KEY, RESEND_BASE_URL: base, EMAIL_FROM: FROM });
  });
  after(async () => {
    Object.assign(resendTiming, savedTiming);
    await fake.stop();
    useEnv({ RESEND_API_KEY: undefined, RESEND_BASE_URL: undefined, EMAIL_FROM: undefined });
  });
  beforeEach(() => {
    fake.seen = [];
    fake.accepted.clear();
    fake.reply = () => ({ status: 200, body: {} });
    Object.assign(resendTiming, { ...savedTiming, backoffMs: [20, 40], minIntervalMs: 0 });
    rmSync(outbox, { recursive: true, force: true });
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.join(" "));
  });
  afterEach(() => {
    console.warn = realWarn;
  });

  it("POSTs /emails with the bearer key, the JSON body and the Idempotency-Key", async () => {
    const m = mail({ idempotencyKey: "magic-link/tok_123", tags: [{ name: "kind", value: "file_magic_link" }] });
    const result = await sendMail(m);
    assert.deepEqual(result, { id: "email_1" });
    assert.equal(fake.seen.length, 1);
    const [req] = fake.seen;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/emails");
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.match(String(req.headers["content-type"]), /^application\/json/);
    assert.equal(req.headers["idempotency-key"], "magic-link/tok_123");
    assert.equal(req.body.from, FROM);
    assert.deepEqual(req.body.to, ["v@allowed.com"]);
    assert.equal(req.body.subject, m.subject);
    assert.equal(req.body.text, m.text);
    assert.equal(req.body.html, m.html);
    assert.ok(req.body.text.includes(LINK));
    assert.deepEqual(req.body.tags, [{ name: "kind", value: "file_magic_link" }]);
    assert.deepEqual(outboxFiles(), [], "nothing goes to the outbox when Resend is configured");
  });

  it("generates an idempotency key when the caller gives none", async () => {
    await sendMail(mail());
    assert.match(String(fake.seen[0].headers["idempotency-key"]), /^mail\/msg_[0-9A-Za-z]{24}$/);
  });

  for (const to of BAD_TO) {
    it(`never calls Resend for to ${JSON.stringify(to)}`, async () => {
      await assert.rejects(sendMail(mail({ to })), TypeError);
      assert.equal(fake.seen.length, 0);
    });
  }

  it("429 once, then 200: retried with the same key, exactly one email accepted", async () => {
    fake.reply = (_req, n) =>
      n === 1
        ? { status: 429, body: { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" }, headers: { "retry-after": "0" } }
        : { status: 200, body: {} };
    const result = await sendMail(mail({ idempotencyKey: "magic-link/tok_429" }));
    assert.equal(fake.seen.length, 2);
    assert.deepEqual(
      fake.seen.map((s) => s.headers["idempotency-key"]),
      ["magic-link/tok_429", "magic-link/tok_429"],
    );
    assert.equal(fake.accepted.size, 1);
    assert.deepEqual(result, { id: "email_1" });
  });

  it("a lost 200 (answered, then retried after a 5xx) is still one email: the key is reused", async () => {
    // First attempt is accepted by the fake but the client sees a 502 from a proxy.
    fake.reply = (req, n) => {
      if (n === 1) {
        fake.accepted.set(String(req.headers["idempotency-key"]), "email_first");
        return { status: 502, body: { statusCode: 502, name: "internal_server_error", message: "bad gateway" } };
      }
      return { status: 200, body: {} };
    };
    const result = await sendMail(mail({ idempotencyKey: "magic-link/tok_502" }));
    assert.equal(fake.seen.length, 2);
    assert.equal(fake.accepted.size, 1);
    assert.deepEqual(result, { id: "email_first" });
  });

  it("always 500: gives up after 3 attempts with email_unavailable (503)", async () => {
    fake.reply = () => ({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } });
    const err = await sendMail(mail({ idempotencyKey: "magic-link/tok_500" })).then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof DependencyUnavailableError);
    assert.ok(err instanceof ApiError);
    assert.equal(err.code, "email_unavailable");
    assert.equal(err.status, 503);
    assert.equal(fake.seen.length, 3);
    assert.ok(fake.seen.every((s) => s.headers["idempotency-key"] === "magic-link/tok_500"));
    assert.equal(fake.accepted.size, 0);
    assert.ok(warnings.some((w) => w.includes("internal_server_error")));
    assert.ok(!warnings.join("\n").includes("v@allowed.com") && !warnings.join("\n").includes(LINK), "logs carry no recipient or link");
  });

  it("waits between retries (backoff)", async () => {
    resendTiming.backoffMs = [120, 120];
    fake.reply = () => ({ status: 503, body: { statusCode: 503, name: "internal_server_error", message: "down" } });
    await assert.rejects(sendMail(mail()), DependencyUnavailableError);
    assert.equal(fake.seen.length, 3);
    assert.ok(fake.seen[1].at - fake.seen[0].at >= 100, "second attempt waited");
    assert.ok(fake.seen[2].at - fake.seen[1].at >= 100, "third attempt waited");
  });

  it("does not retry a 4xx validation error or an exhausted quota", async () => {
    fake.reply = () => ({ status: 422, body: { statusCode: 422, name: "validation_error", message: "bad" } });
    await assert.rejects(sendMail(mail()), (e: unknown) => e instanceof DependencyUnavailableError && e.code === "email_unavailable");
    assert.equal(fake.seen.length, 1);

    fake.seen = [];
    fake.reply = () => ({ status: 429, body: { statusCode: 429, name: "daily_quota_exceeded", message: "quota" } });
    await assert.rejects(sendMail(mail()), DependencyUnavailableError);
    assert.equal(fake.seen.length, 1);
  });

  it("retries a network failure, then reports email_unavailable", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const live = process.env.RESEND_BASE_URL;
    useEnv({ RESEND_BASE_URL: `http://127.0.0.1:${port}` });
    try {
      await assert.rejects(sendMail(mail()), (e: unknown) => e instanceof DependencyUnavailableError && e.code === "email_unavailable");
      assert.equal(fake.seen.length, 0);
    } finally {
      useEnv({ RESEND_BASE_URL: live });
    }
  });

  it("times out a hanging request and retries it", async () => {
    resendTiming.requestTimeoutMs = 150;
    let n = 0;
    const hang = createServer((req, res) => {
      n++;
      req.resume();
      if (n === 1) return; // never answer the first attempt
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "email_after_timeout" }));
    });
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const live = process.env.RESEND_BASE_URL;
    useEnv({ RESEND_BASE_URL: `http://127.0.0.1:${(hang.address() as AddressInfo).port}` });
    try {
      assert.deepEqual(await sendMail(mail()), { id: "email_after_timeout" });
      assert.equal(n, 2);
    } finally {
      useEnv({ RESEND_BASE_URL: live });
      hang.closeAllConnections();
      await new Promise<void>((resolve) => hang.close(() => resolve()));
    }
  });

  it("spaces requests to respect Resend's 2 requests/s", async () => {
    resendTiming.minIntervalMs = 200; // departures 200 ms apart; arrivals jitter by tens of ms
    await Promise.all([1, 2, 3].map((i) => sendMail(mail({ idempotencyKey: `burst/${i}` }))));
    assert.equal(fake.seen.length, 3);
    const at = fake.seen.map((s) => s.at).sort((a, b) => a - b);
    assert.ok(at[1] - at[0] >= 150 && at[2] - at[1] >= 150, `requests were spaced: ${at.map((t) => t - at[0]).join(",")}`);
    assert.equal(fake.accepted.size, 3);
  });

  it("refuses to queue a caller beyond maxQueueWaitMs", async () => {
    Object.assign(resendTiming, { minIntervalMs: 200, maxQueueWaitMs: 250 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => sendMail(mail({ idempotencyKey: `queue/${i}` }))));
    const rejected = results.filter((r) => r.status === "rejected");
    assert.ok(rejected.length >= 1, "the 4th send (600 ms away) is refused");
    assert.ok(rejected.every((r) => (r as PromiseRejectedResult).reason instanceof DependencyUnavailableError));
    assert.equal(fake.seen.length, results.length - rejected.length);
  });
});
