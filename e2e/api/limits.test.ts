import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newTenant, type Tenant } from "../support/admin";
import { assertProblem, awayFromMinuteBoundary, call } from "../support/http";
import { startAppServer, type RunningServer } from "../support/server";

// A server of its own with small limits, so the boundaries can be reached quickly.
describe("throttles and the daily write limit", () => {
  let server: RunningServer;
  let tenant: Tenant;
  const create = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call(`${server.url}/v2/handles/${tenant.handle}/files`, {
      method: "POST", token: tenant.token, headers,
      body: { fileName: "a.txt", sizeBytes: 3, accessMode: "PUBLIC", ...body },
    });

  before(async () => {
    server = await startAppServer({ DAILY_WRITE_LIMIT: "4", API_RATE_LIMIT_PER_MINUTE: "40", MAGIC_LINK_PER_IP_LIMIT: "3", TRUST_PROXY: "true", SWEEP_INTERVAL_SECONDS: "0" });
    tenant = await newTenant("limits", { url: server.url, dataDir: server.dataDir });
  });
  after(async () => server?.stop());

  test("refused and replayed writes do not count; at the boundary exactly one of many wins", async () => {
    assertProblem(await create({ sizeBytes: 0 }), 400, "invalid_size_bytes");
    const first = await create({}, { "idempotency-key": "once" });
    assert.equal(first.status, 201);
    assert.equal((await create({}, { "idempotency-key": "once" })).headers.get("idempotent-replayed"), "true");
    assert.equal((await create()).status, 201);
    assert.equal((await create()).status, 201);
    // One unit left: 12 parallel creations, exactly one succeeds.
    const burst = await Promise.all(Array.from({ length: 12 }, () => create()));
    const statuses = burst.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(","));
    const refused = burst.find((r) => r.status === 429)!;
    assertProblem(refused, 429, "daily_write_limit_exceeded");
    assert.ok(Number(refused.headers.get("retry-after")) > 0);
    assert.match(refused.headers.get("ratelimit-policy") ?? "", /"daily-file-creations";q=4;w=86400/);
    const listed = await call(`${server.url}/v2/handles/${tenant.handle}/files`, { token: tenant.token });
    assert.equal(listed.json.files.length, 4);
  });

  test("per-route throttle: 429 with Retry-After and RateLimit headers; X-Forwarded-For does not help", async () => {
    const reader = await newTenant("reader", { url: server.url, dataDir: server.dataDir });
    const url = `${server.url}/v2/handles/${reader.handle}/files`;
    await awayFromMinuteBoundary();
    const seen: number[] = [];
    let limited;
    for (let i = 0; i < 45; i++) {
      const res = await call(url, { token: reader.readToken, headers: { "x-forwarded-for": `10.0.0.${i}` } });
      seen.push(res.status);
      if (res.status === 429) limited = res;
      else assert.match(res.headers.get("ratelimit") ?? "", /^"files\.read";r=\d+;t=\d+$/);
    }
    assert.equal(seen.filter((s) => s === 200).length, 40);
    assertProblem(limited!, 429, "rate_limited");
    assert.ok(Number(limited!.headers.get("retry-after")) >= 1);
  });

  test("magic-link requests are capped per client address (behind a trusted proxy: its last hop)", async () => {
    // A fresh address per run: servers of the PostgreSQL pass share one database.
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Date.now() % 250}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(`${server.url}/v2/public/files/fil_${"Z".repeat(24)}/magic-link`, {
        method: "POST", body: { email: `p${i}@partner.example.com` }, headers: { "x-forwarded-for": address },
      });
      statuses.push(res.status);
      if (res.status === 429) assertProblem(res, 429, "rate_limited");
    }
    assert.deepEqual(statuses, [404, 404, 404, 429, 429], "counted before the file is looked up");
  });
});
