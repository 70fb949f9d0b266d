import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, test } from "node:test";
import { call } from "../support/http";
import { startAppServer, tempDataDir } from "../support/server";

// `npm run admin` as an operator runs it: through the running server (embedded PGlite
// is single-process) or directly when no server runs. Data survives restarts.
function adminCli(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, ...env, DATA_DIR: dataDir }, encoding: "utf8",
  });
  assert.equal(result.status, 0, `admin ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").pop()!;
}

describe("operations: admin CLI and restarts", () => {
  test("CLI while the server runs, CLI while it is stopped, data kept across restarts", async () => {
    const dataDir = tempDataDir("gharart-restart");
    let server = await startAppServer({ SWEEP_INTERVAL_SECONDS: "0" }, { dataDir });
    const env = server.env;
    const handle = `restart-${Date.now().toString(36)}`;
    const userId = adminCli(dataDir, env, "create-user", "--email", `Ops@${handle}.example.com`);
    assert.match(userId, /^usr_/);
    assert.equal(adminCli(dataDir, env, "create-handle", "--handle", handle, "--owner", `ops@${handle}.example.com`), handle);
    const token = adminCli(dataDir, env, "create-token", "--handle", handle, "--email", `ops@${handle}.example.com`, "--scopes", "files.read,files.write", "--expires-in-days", "30");
    assert.match(token, /^ghf_[0-9A-Za-z]{42}$/);
    const created = await call(`${server.url}/v2/handles/${handle}/files`, { method: "POST", token, body: { fileName: "keep.txt", sizeBytes: 4, accessMode: "PUBLIC" } });
    assert.equal(created.status, 201);
    await server.stop();

    // Server down: the CLI opens the database itself.
    assert.equal(adminCli(dataDir, env, "add-member", "--handle", handle, "--email", `new@${handle}.example.com`, "--role", "CREATOR"), "CREATOR");

    server = await startAppServer({ SWEEP_INTERVAL_SECONDS: "0" }, { dataDir, port: Number(new URL(server.url).port) });
    try {
      const listed = await call(`${server.url}/v2/handles/${handle}/files`, { token });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.files.map((f: { id: string }) => f.id), [created.json.file.id]);
      const second = adminCli(dataDir, env, "create-token", "--handle", handle, "--email", `new@${handle}.example.com`, "--scopes", "files.read");
      assert.equal((await call(`${server.url}/v2/handles/${handle}/files`, { token: second })).status, 200, "the member added while stopped is there");
    } finally {
      await server.stop();
    }
  });
});
