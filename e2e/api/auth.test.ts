import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { admin, newTenant, unique } from "../support/admin";
import { assertProblem, call } from "../support/http";

// Roles and scopes (docs/architecture.md, "Where things belong") over real HTTP: who may call /v2/handles/{handle}/files.
describe("authentication and authorization", async () => {
  const acme = await newTenant("acme");
  const other = await newTenant("other");
  const files = (handle: string) => `/v2/handles/${handle}/files`;

  test("a PAT with files.read lists its handle's files", async () => {
    const res = await call(files(acme.handle), { token: acme.readToken });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { files: [] });
    assert.match(res.headers.get("x-request-id") ?? "", /^req_/);
  });

  test("the PAT family accepts PATs only", async () => {
    const res = await call(`/v2/public/handles/${acme.handle}/files`, { token: acme.token });
    assert.equal(res.status, 200);
    assertProblem(await call(`/v2/public/handles/${acme.handle}/files`), 401, "unauthenticated");
  });

  test("no credentials: 401 problem", async () => {
    const res = await call(files(acme.handle));
    assertProblem(res, 401, "unauthenticated");
  });

  test("bad and malformed tokens: 401 invalid_token, never 500", async () => {
    const flipped = acme.token.slice(0, 12) + (acme.token[12] === "A" ? "B" : "A") + acme.token.slice(13);
    for (const bad of ["x", "ghf_" + "a".repeat(42), flipped, "ghp_" + acme.token.slice(4), "ghf_" + "z".repeat(10_000), `${acme.token}\u0001`]) {
      const res = await call(files(acme.handle), { headers: { authorization: `Bearer ${bad.replace(/[^\x20-\x7e]/g, "?")}` } });
      assertProblem(res, 401, "unauthenticated");
      assert.match(res.headers.get("www-authenticate") ?? "", /Bearer error="invalid_token"/);
    }
    assertProblem(await call(files(acme.handle), { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }), 401, "unauthenticated");
    assertProblem(await call(`${files(acme.handle)}?access_token=${acme.token}`), 401, "unauthenticated");
  });

  test("another handle's PAT: 404 handle_not_found, unknown handle too", async () => {
    assertProblem(await call(files(acme.handle), { token: other.token }), 404, "handle_not_found");
    assertProblem(await call(files(unique("nobody")), { token: acme.token }), 404, "handle_not_found");
    assertProblem(await call(files("INVALID_handle"), { token: acme.token }), 404, "handle_not_found");
  });

  test("a PAT lacking the scope: 403 insufficient_scope", async () => {
    const res = await call(files(acme.handle), { token: acme.writeToken });
    assertProblem(res, 403, "insufficient_scope");
    assert.match(res.headers.get("www-authenticate") ?? "", /insufficient_scope/);
  });

  test("role changes and removal apply on the next request", async () => {
    const team = await newTenant("team");
    const email = `${unique("creator")}@example.com`;
    await admin("add-member", { handle: team.handle, email, role: "CREATOR" });
    const token = await admin("create-token", { handle: team.handle, email, scopes: "files.read" });
    assert.equal((await call(files(team.handle), { token })).status, 200);
    await admin("add-member", { handle: team.handle, email, role: "VIEWER" });
    assertProblem(await call(files(team.handle), { token }), 403, "forbidden");
    await admin("remove-member", { handle: team.handle, email });
    assertProblem(await call(files(team.handle), { token }), 404, "handle_not_found");
  });

  test("a disabled user's tokens stop working at once", async () => {
    const team = await newTenant("disabled");
    assert.equal((await call(files(team.handle), { token: team.readToken })).status, 200);
    await admin("disable-user", { email: team.ownerEmail });
    assertProblem(await call(files(team.handle), { token: team.readToken }), 401, "unauthenticated");
  });

  test("request ids: a well-formed one is echoed, a hostile one replaced", async () => {
    const echoed = await call(files(acme.handle), { headers: { "x-request-id": "client-abc-12345" } });
    assert.equal(echoed.headers.get("x-request-id"), "client-abc-12345");
    assert.equal(echoed.json.requestId, "client-abc-12345");
    const long = await call(files(acme.handle), { headers: { "x-request-id": "a".repeat(5000) } });
    assert.match(long.headers.get("x-request-id") ?? "", /^req_[0-9a-f]{24}$/);
    const unknown = await call("/v2/does-not-exist");
    assert.equal(unknown.status, 404);
    assert.ok(unknown.headers.get("x-request-id"));
  });

  test("security headers on every response", async () => {
    for (const path of ["/healthz", files(acme.handle), "/signin"]) {
      const res = await call(path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.match(res.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, path);
      assert.equal(res.headers.get("access-control-allow-origin"), null, path);
    }
  });

  test("healthz reports database and storage", async () => {
    const res = await call("/healthz");
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: "ok", database: "ok", storage: "ok" });
  });
});
