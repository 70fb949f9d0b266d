import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { configurationName, prepareConfiguration } from "../e2e/support/configurations";
import { startAppServer } from "../e2e/support/server";

// `npm test`: builds once, runs unit tests, then starts the real server and runs the HTTP
// suites and the browser suite, all on one configuration (TEST_CONFIG=embedded by
// default, production, or local-second-origin: e2e/support/configurations.ts).
// Prints the counts of each stage and ends with one "N passed, N failed" line.
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.env.TEST_ONLY?.split(",") ?? ["unit", "api", "browser"];
// TEST_FILES=crash,files: only the test files whose path contains one of these words.
const fileFilter = process.env.TEST_FILES?.split(",").filter(Boolean);

function listTests(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(suffix) && !f.includes("node_modules") && !f.includes("generated"))
    .map((f) => path.join(dir, f))
    .filter((f) => !fileFilter || fileFilter.some((word) => f.includes(word)))
    .sort();
}

function run(stage: string, command: string, args: string[], env: NodeJS.ProcessEnv, parse: (out: string) => Counts): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => { out += c; process.stdout.write(c); });
    child.stderr.on("data", (c) => { out += c; process.stderr.write(c); });
    child.on("exit", (code) => {
      const counts = parse(out);
      if (code !== 0 && counts.failed === 0) counts.failed = 1; // the runner itself failed (crash, import error)
      for (const key of ["passed", "failed", "skipped"] as const) totals[key] += counts[key];
      stages.push(`${stage}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      resolve(code ?? 1);
    });
  });
}

type Counts = typeof totals;
const stages: string[] = [];
const parseNodeTest = (out: string): Counts => ({
  passed: Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0),
  failed: Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0) + Number(/^# cancelled (\d+)/m.exec(out)?.[1] ?? 0),
  skipped: Number(/^# skipped (\d+)/m.exec(out)?.[1] ?? 0),
});
const parsePlaywright = (out: string): Counts => ({
  passed: Number(/(\d+) passed/.exec(out)?.[1] ?? 0),
  failed: Number(/(\d+) failed/.exec(out)?.[1] ?? 0),
  skipped: Number(/(\d+) skipped/.exec(out)?.[1] ?? 0),
});

let exitCode = 0;
const configName = configurationName();
if (process.env.SKIP_BUILD !== "1") {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const configuration = await prepareConfiguration(configName);
console.log(`== Gharart Files tests, configuration ${configuration.name}: ${configuration.summary}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void configuration.stop().finally(() => process.exit(130)));

if (only.includes("unit") && [...listTests("lib", ".test.ts"), ...listTests("scripts", ".test.ts")].length > 0) {
  const files = [...listTests("lib", ".test.ts"), ...listTests("scripts", ".test.ts")];
  console.log(`== unit tests (${files.length} files)`);
  exitCode = (await run("unit", process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], configuration.unitEnv, parseNodeTest)) || exitCode; // every stage runs, whatever failed before
}

if (only.includes("api") || only.includes("browser")) {
  // Children inherit it: the suites' own servers run on the same configuration.
  Object.assign(process.env, configuration.env);
  // Every suite requests links from 127.0.0.1: the per-address cap is tested on its own
  // server (e2e/api/limits.test.ts), here it would only couple unrelated tests.
  const server = await startAppServer({ SWEEP_INTERVAL_SECONDS: "0", MAGIC_LINK_PER_IP_LIMIT: "100000", SUPPORT_REPORT_PER_IP_PER_HOUR: "100000", ...(process.env.TEST_SERVER_ENV ? JSON.parse(process.env.TEST_SERVER_ENV) : {}) });
  const env = { GHARART_TEST_URL: server.url, GHARART_TEST_DATA_DIR: server.dataDir };
  try {
    if (only.includes("api") && listTests("e2e/api", ".test.ts").length > 0) {
      const files = listTests("e2e/api", ".test.ts");
      console.log(`== API tests over HTTP against ${server.url} (${files.length} files)`);
      exitCode = (await run("http", process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], env, parseNodeTest)) || exitCode;
    }
    if (only.includes("browser") && listTests("e2e/browser", ".spec.ts").length > 0) {
      console.log("== browser tests (Playwright, Debian Chromium)");
      const specs = fileFilter ? listTests("e2e/browser", ".spec.ts") : [];
      exitCode = (await run("browser", "npx", ["playwright", "test", ...specs], env, parsePlaywright)) || exitCode;
    }
  } finally {
    await server.stop();
    if (exitCode !== 0) console.log(`-- server log tail --\n${server.log().slice(-4000)}`);
  }
  // docs/security.md E4/P5: no secret may reach the logs, whatever the suites did.
  const leaks = [/ghf_[0-9A-Za-z]{42}/, /token=[A-Za-z0-9_-]{20,}/, /X-Amz-Signature=/i, /\/storage\/ey[A-Za-z0-9_-]{20,}/, /next-auth\.session-token=/]
    .filter((pattern) => pattern.test(server.log()));
  console.log(`log scan: ${leaks.length === 0 ? "no secrets in the server log" : `SECRETS FOUND: ${leaks.join(", ")}`}`);
  if (leaks.length) {
    totals.failed++;
    exitCode ||= 1;
  }
}

await configuration.stop();
console.log(`\n== ${configuration.name}: ${configuration.summary}\n${stages.map((s) => `   ${s}`).join("\n")}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
