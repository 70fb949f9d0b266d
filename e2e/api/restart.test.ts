import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { call } from "../support/http";
import { freePort, npmStartArgs, startAppServer, tempDataDir, type RunningServer } from "../support/server";

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

/** `npm start` as an operator types it, expected to give up: its exit code and output lines. */
async function startThatShouldFail(env: NodeJS.ProcessEnv): Promise<{ code: number | null; lines: string[]; log: string }> {
  const child = spawn(process.execPath, npmStartArgs(), { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (c) => (log += c));
  child.stderr!.on("data", (c) => (log += c));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 60_000);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, lines: log.split("\n").map((l) => l.trim()).filter(Boolean), log };
}

describe("operations: one server per DATA_DIR, one-line failures", () => {
  let first: RunningServer;
  const read = (name: string) => readFileSync(path.join(first.dataDir, name), "utf8");

  test("a second npm start on a served DATA_DIR exits non-zero with one clear line and changes nothing", async () => {
    first = await startAppServer({ SWEEP_INTERVAL_SECONDS: "0" });
    try {
      const before = { server: read("server.json"), secrets: read("secrets.json") };
      const port = await freePort();
      const second = await startThatShouldFail({ ...first.env, PORT: String(port), APP_URL: `http://127.0.0.1:${port}` });
      assert.notEqual(second.code, null, `the second start stayed up:\n${second.log}`);
      assert.notEqual(second.code, 0);
      assert.equal(second.lines.length, 1, `one line, got:\n${second.log}`);
      assert.match(second.lines[0], /already served by process \d+/);
      assert.equal(read("server.json"), before.server, "server.json still names the first server");
      assert.equal(read("secrets.json"), before.secrets);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), "nothing listens on the second port");
      assert.equal((await call(`${first.url}/healthz`)).status, 200, "the first server is untouched");
      // The CLI still reaches the first server (it finds it through server.json).
      const userId = adminCli(first.dataDir, first.env, "create-user", "--email", `after-second-start-${Date.now()}@example.com`);
      assert.match(userId, /^usr_/);
    } finally {
      await first.stop();
    }
  });

  test("a start on a port in use exits non-zero with one error line", async () => {
    const busy = await startAppServer({ SWEEP_INTERVAL_SECONDS: "0" });
    try {
      const other = tempDataDir("gharart-port");
      const second = await startThatShouldFail({ ...busy.env, DATA_DIR: other });
      assert.notEqual(second.code, null, `the second start stayed up:\n${second.log}`);
      assert.notEqual(second.code, 0);
      // Next may say it read its config first; the failure itself is one line, no stack trace.
      assert.deepEqual(second.lines.filter((l) => /error|^at /i.test(l)).length, 1, second.log);
      assert.match(second.lines.at(-1)!, /^error: port \d+ is already in use/);
    } finally {
      await busy.stop();
    }
  });

  test("the admin CLI with DATABASE_URL and no AUTH_SECRET prints one line, not a stack trace", () => {
    const env = { ...process.env, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", DATA_DIR: tempDataDir("gharart-cli") };
    delete env.AUTH_SECRET;
    delete env.NEXTAUTH_SECRET;
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "create-user", "--email", "a@example.com"], { env, encoding: "utf8" });
    assert.equal(result.status, 1);
    const lines = `${result.stdout}${result.stderr}`.split("\n").filter((l) => l.trim());
    assert.deepEqual(lines, ["error: AUTH_SECRET (32+ characters) is required when DATABASE_URL is set."]);
  });
});
