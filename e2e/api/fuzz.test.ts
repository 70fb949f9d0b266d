import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newTenant, type Tenant } from "../support/admin";
import { fetchApi } from "../support/http";
import { startAppServer, type RunningServer } from "../support/server";
import { ERROR_CODES } from "../../lib/http/error-codes";

// 10,000 generated requests against every route, with random and boundary values.
// Zero 5xx; every 4xx a documented problem+json. Seeded, so a failure can be replayed.
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("fuzz: generated requests against every route", () => {
  let server: RunningServer;
  let tenant: Tenant;
  let realFileId = "";
  let multipartFileId = "";
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

  before(async () => {
    server = await startAppServer({
      API_RATE_LIMIT_PER_MINUTE: "1000000", DOWNLOAD_RATE_LIMIT_PER_MINUTE: "1000000", DAILY_WRITE_LIMIT: "1000000",
      MAGIC_LINK_PER_EMAIL_LIMIT: "1000000", MAGIC_LINK_PER_IP_LIMIT: "1000000", SUPPORT_REPORT_PER_IP_PER_HOUR: "1000000",
      SWEEP_INTERVAL_SECONDS: "0",
    });
    tenant = await newTenant("fuzz", { url: server.url, dataDir: server.dataDir });
    const created = await fetchApi(`${server.url}/v2/handles/${tenant.handle}/files`, {
      method: "POST", headers: { authorization: `Bearer ${tenant.token}`, "content-type": "application/json" },
      body: JSON.stringify({ fileName: "real.txt", sizeBytes: 4, accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["a@b.co"] }),
    });
    realFileId = (await created.json()).file.id;
    const multipart = await fetchApi(`${server.url}/v2/handles/${tenant.handle}/files`, {
      method: "POST", headers: { authorization: `Bearer ${tenant.token}`, "content-type": "application/json" },
      body: JSON.stringify({ fileName: "big.mov", sizeBytes: 17 * 1024 * 1024, accessMode: "PUBLIC" }),
    });
    multipartFileId = (await multipart.json()).file.id;
  });
  after(async () => server?.stop());

  test(`${TOTAL} requests: no 5xx, every 4xx documented`, async () => {
    const random = rng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const strings = ["", " ", "a", "../../etc/passwd", "..%2f..%2f", "%00", "\u0000", "\r\nX-Evil: 1", "é".repeat(200), "x".repeat(5000),
      "<script>alert(1)</script>", "ACME", "acme", "fil_", "fil_" + "A".repeat(24), "ghf_" + "a".repeat(42), "null", "{}", "\u202Eexe.txt", "日本語", "a@b.co", '"a@b.co"@evil.com'];
    const values = (): unknown => pick([
      () => pick(strings), () => pick([0, -1, 1, 1.5, 2 ** 53, 262_144_000, 262_144_001, -0, 1e308]), () => pick([true, false, null]),
      () => [pick(strings), pick(strings)], () => ({ nested: pick(strings) }), () => Array.from({ length: 205 }, (_, i) => `u${i}@x.co`),
      () => new Date(Date.now() + (random() - 0.5) * 1e10).toISOString(),
      () => [1, 2, pick([0, 3, 1.5, 10_001, 2 ** 53])], () => [{ partNumber: pick([1, 2, 0, -1]), etag: pick(strings) }],
    ])();
    const body = () => {
      if (random() < 0.1) return pick(["{", "[]", "\"x\"", "null", "{\"a\":", "x".repeat(300_000)]);
      const fields = ["fileName", "sizeBytes", "accessMode", "allowedEmails", "expiresAt", "contentType", "docsPath", "email", "token",
        "summary", "details", "mode", "allowedDomains", "confidential", "startsAt", "endsAt", "name", "scopes", "role", "handle", "partNumbers", "parts"];
      const out: Record<string, unknown> = {};
      if (random() < 0.5) Object.assign(out, { fileName: "f.txt", sizeBytes: 10, accessMode: pick(["PUBLIC", "EMAIL_ALLOWLIST"]) });
      for (const field of fields) if (random() < 0.3) out[field] = values();
      return JSON.stringify(out);
    };
    const auth = () => pick([`Bearer ${tenant.token}`, `Bearer ${tenant.readToken}`, `Bearer ${tenant.writeToken}`, "", "Bearer x", "Basic abc", `Bearer ${"ghf_" + "z".repeat(500)}`]);
    const handle = () => pick([tenant.handle, tenant.handle.toUpperCase(), "nobody-here", "a", "-x", pick(strings).slice(0, 40) || "x"]);
    const fileId = () => pick([realFileId, multipartFileId, "fil_" + "B".repeat(24), "x", encodeURIComponent(pick(strings)) || "y"]);
    const routes: (() => [string, string])[] = [
      () => [pick(["GET", "POST"]), `/v2/handles/${handle()}/files${pick(["", "?status=expired", "?status=" + encodeURIComponent(pick(strings))])}`],
      () => [pick(["GET", "PATCH", "DELETE", "PUT"]), `/v2/handles/${handle()}/files/${fileId()}`],
      () => ["GET", `/v2/handles/${handle()}/files/${fileId()}/events`],
      () => [pick(["GET", "POST"]), `${pick(["/v2/handles", "/v2/public/handles"])}/${handle()}/files/${fileId()}/upload-parts`],
      () => ["POST", `${pick(["/v2/handles", "/v2/public/handles"])}/${handle()}/files/${fileId()}/complete`],
      () => [pick(["GET", "POST"]), `/v2/public/handles/${handle()}/files`],
      () => [pick(["GET", "PATCH", "DELETE"]), `/v2/public/handles/${handle()}/files/${fileId()}`],
      () => [pick(["GET", "POST"]), `/v2/public/files/${fileId()}`],
      () => ["POST", `/v2/public/files/${fileId()}/magic-link`],
      () => ["POST", `/v2/public/files/${fileId()}/magic-link/verify`],
      () => ["POST", "/v2/support/report"],
      () => [pick(["GET", "PUT"]), `/v2/handles/${handle()}/internal-docs/access`],
      () => ["POST", `/v2/public/docs/${handle()}/magic-link`],
      () => [pick(["GET", "POST"]), `/v2/handles/${handle()}/tokens`],
      () => [pick(["GET", "POST"]), `/v2/handles/${handle()}/members`],
      () => [pick(["GET", "POST"]), "/v2/handles"],
      () => [pick(["GET", "HEAD", "POST"]), `/_edge/docs/${handle()}/${pick(["", "a.md", "..%2f..%2fetc", "%2e%2e/x", "x/%252e%252e", "a%00.md", "a%5cb"])}`],
      () => [pick(["GET", "DELETE"]), `/v2/${encodeURIComponent(pick(strings)) || "x"}`],
    ];

    const stats = { tried: 0, ok: 0, refused: 0, failures: [] as string[] };
    const byStatus = new Map<number, number>();
    async function one() {
      const [method, path] = pick(routes)();
      const headers: Record<string, string> = { accept: "application/json" };
      const authorization = auth();
      if (authorization) headers.authorization = authorization;
      if (random() < 0.2) headers["idempotency-key"] = pick(["k1", "k2", "x".repeat(300), "\"quoted\""]);
      const hasBody = !["GET", "HEAD", "DELETE"].includes(method);
      if (hasBody) headers["content-type"] = pick(["application/json", "application/json", "text/plain", "application/x-www-form-urlencoded"]);
      let res: Response;
      try {
        res = await fetchApi(`${server.url}${path}`, { method, headers, body: hasBody ? body() : undefined, redirect: "manual" });
      } catch (error) {
        const message = (error as Error).message;
        // fetchApi throws when the answer is not what /v2/openapi.json describes.
        if (message.startsWith("OpenAPI:")) stats.tried++;
        stats.failures.push(message.startsWith("OpenAPI:") ? message : `${method} ${path}: network ${message}`);
        return;
      }
      const text = method === "HEAD" ? "" : await res.text();
      stats.tried++;
      byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
      if (res.status >= 500) {
        stats.failures.push(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
      } else if (res.status >= 400) {
        stats.refused++;
        if (method === "HEAD") return;
        const type = res.headers.get("content-type") ?? "";
        // fetch normalises "..": only what still lands under /v2 is an API response.
        const landed = new URL(res.url || `${server.url}${path}`).pathname;
        if (!type.startsWith("application/problem+json")) {
          if (landed.startsWith("/v2/")) stats.failures.push(`${method} ${path} → ${res.status} not problem+json (${type})`);
          return;
        }
        const problem = JSON.parse(text);
        if (!Object.hasOwn(ERROR_CODES, problem.code)) stats.failures.push(`${method} ${path} → undocumented code ${problem.code}`);
        if (problem.status !== res.status || !problem.requestId) stats.failures.push(`${method} ${path} → malformed problem ${text.slice(0, 120)}`);
      } else {
        stats.ok++;
      }
    }
    let issued = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (issued < TOTAL) {
        issued++;
        await one();
      }
    }));
    console.log(`fuzz (seed ${seed}): ${stats.tried} requests tried, ${stats.refused} refused as expected, ${stats.ok} accepted, ${stats.failures.length} failures; statuses ${JSON.stringify(Object.fromEntries(byStatus))}`);
    assert.equal(stats.tried, TOTAL);
    assert.deepEqual(stats.failures.slice(0, 20), []);
  });
});
