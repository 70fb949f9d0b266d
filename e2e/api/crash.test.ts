import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, test } from "node:test";
import { newTenant, type Tenant } from "../support/admin";
import { call } from "../support/http";
import { mailTo } from "../support/mailbox";
import { startAppServer, tempDataDir, freePort, type RunningServer } from "../support/server";

// Spec §11: a write acknowledged to an Idempotency-Key is never repeated. Each round fires
// keyed writes of every kind, SIGKILLs the server at a random instant, restarts it on the
// same data, retries every request with its key and body, and counts the effects in the
// database: exactly one per key.
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const RETRY_DEADLINE_MS = Number(process.env.CRASH_RETRY_DEADLINE_MS ?? 90_000);
const serverEnv = {
  SWEEP_INTERVAL_SECONDS: "0",
  MAGIC_LINK_PER_IP_LIMIT: "100000",
  MAGIC_LINK_PER_EMAIL_LIMIT: "100000",
  SUPPORT_REPORT_PER_IP_PER_HOUR: "100000",
  API_RATE_LIMIT_PER_MINUTE: "100000",
  DAILY_WRITE_LIMIT: "100000",
};

interface KeyedRequest {
  kind: "create" | "patch" | "delete" | "report" | "magic";
  key: string;
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  /** What identifies the effect: a file name, a file id, a summary, an email. */
  mark: string;
}

type Answer = { status: number; text: string };

async function send(url: string, r: KeyedRequest): Promise<Answer> {
  const res = await call(`${url}${r.path}`, { method: r.method, token: r.token, body: r.body, headers: { "idempotency-key": r.key } });
  return { status: res.status, text: res.text };
}

/** Counts rows by SQL, on the PostgreSQL of DATABASE_URL or on the server's PGlite folder. */
async function withSql<T>(dataDir: string, run: (q: (sql: string, params: unknown[]) => Promise<number>) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return await run(async (sql, params) => Number((await client.query(sql, params)).rows[0].n));
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = new PGlite(path.join(dataDir, "db"));
  await pglite.waitReady;
  try {
    return await run(async (sql, params) => Number(((await pglite.query(sql, params)).rows[0] as { n: unknown }).n));
  } finally {
    await pglite.close();
  }
}

async function ownerFile(url: string, tenant: Tenant, body: Record<string, unknown>): Promise<string> {
  const res = await call(`${url}/v2/handles/${tenant.handle}/files`, { method: "POST", token: tenant.token, body: { sizeBytes: 4, accessMode: "PUBLIC", ...body } });
  assert.equal(res.status, 201, res.text);
  if (body.accessMode === "EMAIL_ALLOWLIST") {
    const put = await fetch(res.json.uploadUrl, { method: "PUT", headers: res.json.uploadHeaders, body: Buffer.from("abcd") });
    assert.equal(put.status, 200);
  }
  return res.json.file.id;
}

describe("crash: SIGKILL during keyed writes, then retries", () => {
  test(`${ROUNDS} rounds: one effect per Idempotency-Key`, { timeout: 30 * 60_000 }, async () => {
    const figures = { rounds: 0, kills: 0, requests: 0, retried: 0, answeredBeforeKill: 0, duplicates: 0, missing: 0, replayMismatches: 0 };
    const dataDir = tempDataDir("gharart-crash");
    const port = await freePort();
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let server: RunningServer = await startAppServer(serverEnv, { dataDir, port });
      const target = { url: server.url, dataDir };
      const tenant = await newTenant(`crash${round}`, target);
      const tag = `${round}-${randomBytes(3).toString("hex")}`;
      const visitors = [0, 1, 2].map((i) => `crash-${tag}-${i}@visitor.example.com`);
      const allowlisted = await ownerFile(server.url, tenant, { fileName: `allow-${tag}.txt`, accessMode: "EMAIL_ALLOWLIST", allowedEmails: visitors });
      const patchIds = await Promise.all([0, 1, 2, 3].map((i) => ownerFile(server.url, tenant, { fileName: `patch-${tag}-${i}.txt` })));
      const deleteIds = await Promise.all([0, 1, 2].map((i) => ownerFile(server.url, tenant, { fileName: `delete-${tag}-${i}.txt` })));
      const files = `/v2/handles/${tenant.handle}/files`;
      const requests: KeyedRequest[] = [
        ...[0, 1, 2, 3, 4, 5].map((i): KeyedRequest => ({
          kind: "create", key: `create-${tag}-${i}`, method: "POST", path: files, token: tenant.token, mark: `create-${tag}-${i}.txt`,
          body: { fileName: `create-${tag}-${i}.txt`, sizeBytes: 10 + i, accessMode: "PUBLIC" },
        })),
        ...patchIds.map((id, i): KeyedRequest => ({
          kind: "patch", key: `patch-${tag}-${i}`, method: "PATCH", path: `${files}/${id}`, token: tenant.token, mark: id,
          body: { expiresAt: new Date(Date.now() + (i + 2) * 86_400_000).toISOString() },
        })),
        ...deleteIds.map((id, i): KeyedRequest => ({ kind: "delete", key: `delete-${tag}-${i}`, method: "DELETE", path: `${files}/${id}`, token: tenant.token, mark: id })),
        ...[0, 1, 3, 4].map((i): KeyedRequest => ({
          kind: "report", key: `report-${tag}-${i}`, method: "POST", path: "/v2/support/report", mark: `crash report ${tag}-${i}`,
          body: { summary: `crash report ${tag}-${i}`, details: "retried after a crash" },
        })),
        ...visitors.map((email, i): KeyedRequest => ({
          kind: "magic", key: `magic-${tag}-${i}`, method: "POST", path: `/v2/public/files/${allowlisted}/magic-link`, mark: email, body: { email },
        })),
      ];
      figures.requests += requests.length;

      // Fire everything, kill at a random instant.
      const killAfter = 20 + Math.floor(Math.random() * 280);
      const first = requests.map((r) => send(server.url, r).then((a) => a, () => null));
      await new Promise((r) => setTimeout(r, killAfter));
      server.process.kill("SIGKILL");
      figures.kills++;
      const firstAnswers = await Promise.all(first);
      figures.answeredBeforeKill += firstAnswers.filter((a) => a && a.status < 500).length;
      await new Promise<void>((resolve) => (server.process.exitCode !== null || server.process.signalCode !== null ? resolve() : server.process.once("exit", () => resolve())));

      server = await startAppServer(serverEnv, { dataDir, port });
      const finals: Answer[] = [];
      await Promise.all(requests.map(async (r, i) => {
        const deadline = Date.now() + RETRY_DEADLINE_MS;
        let answer: Answer;
        figures.retried++;
        for (;;) {
          answer = await send(server.url, r);
          // Retry what the contract calls transient: the key held by a request still running,
          // or a 503 (not stored: its writes rolled back) from a server still warming up.
          const transient = (answer.status === 409 && answer.text.includes("idempotency_key_in_use")) || answer.status === 503;
          if (!transient || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
        finals[i] = answer;
      }));
      // A later replay answers exactly what the retry answered.
      for (const [i, r] of requests.entries()) {
        const again = await send(server.url, r);
        const before = firstAnswers[i];
        if (again.status !== finals[i].status || again.text !== finals[i].text || (before && before.status < 500 && before.status !== 409 && (before.status !== again.status || before.text !== again.text))) {
          figures.replayMismatches++;
          problems.push(`round ${round} ${r.kind} ${r.key}: first ${before?.status} retry ${finals[i].status} replay ${again.status} ${again.text.slice(0, 120)}`);
        }
      }
      await server.stop();

      // Count the effects, one per key.
      await withSql(dataDir, async (q) => {
        for (const r of requests) {
          let count: number;
          let expected = 1;
          if (r.kind === "create") count = await q(`SELECT count(*) AS n FROM "files" WHERE "fileName" = $1`, [r.mark]);
          else if (r.kind === "patch") count = await q(`SELECT count(*) AS n FROM "audit_events" WHERE "fileId" = $1 AND "action" = 'file.updated'`, [r.mark]);
          else if (r.kind === "delete") {
            count = await q(`SELECT count(*) AS n FROM "audit_events" WHERE "fileId" = $1 AND "action" = 'file.deleted'`, [r.mark]);
            const left = await q(`SELECT count(*) AS n FROM "files" WHERE "id" = $1`, [r.mark]);
            if (left !== 0) problems.push(`round ${round} delete ${r.key}: the file is still there`);
          } else if (r.kind === "report") count = await q(`SELECT count(*) AS n FROM "support_reports" WHERE "summary" = $1`, [r.mark]);
          else {
            count = await q(`SELECT count(*) AS n FROM "audit_events" WHERE "actorEmail" = $1 AND "action" = 'magic_link.sent'`, [r.mark]);
            const mails = mailTo(r.mark, dataDir).length;
            if (mails !== 1) {
              problems.push(`round ${round} magic ${r.key}: ${mails} emails delivered`);
              if (mails > 1) figures.duplicates += mails - 1;
              else figures.missing++;
            }
          }
          if (count > expected) {
            figures.duplicates += count - expected;
            problems.push(`round ${round} ${r.kind} ${r.key}: ${count} effects`);
          } else if (count < expected) {
            figures.missing += expected - count;
            problems.push(`round ${round} ${r.kind} ${r.key}: ${count} effects (answered ${finals[requests.indexOf(r)].status})`);
          }
        }
      });
      figures.rounds++;
    }
    console.log(`crash figures: rounds ${figures.rounds}, kills ${figures.kills}, requests ${figures.requests} (answered before the kill ${figures.answeredBeforeKill}), requests retried ${figures.retried}, duplicates found ${figures.duplicates}, missing effects ${figures.missing}, replay mismatches ${figures.replayMismatches}`);
    for (const p of problems) console.log(`  ${p}`);
    assert.equal(figures.duplicates, 0, "a keyed write ran twice");
    assert.equal(figures.missing, 0, "a keyed write acknowledged by its retry left no effect");
    assert.equal(figures.replayMismatches, 0, "a replay differs from the answer it replays");
  });
});
