// The two benchmarks that start their own databases and servers (bench/stats-1m.ts: stats
// over 1M download events; bench/multipart-1gib.ts: a 1 GiB multipart upload against the
// single PUT), run from `npm run bench` as child processes; their JSON joins results.json.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchDir, settings } from "../lib/settings";

function runScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(benchDir, script)], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited ${code}`))));
  });
}

/** Stats latency over 1M events per database (the rollup vs. the raw audit scan). */
export async function statsBenchmark(): Promise<unknown> {
  const databases = settings.databases.map((kind) => (kind === "postgres" ? "postgresql" : kind)).join(",");
  await runScript("stats-1m.ts", { BENCH_DBS: databases });
  return JSON.parse(readFileSync(path.join(benchDir, "stats-1m-results.json"), "utf8"));
}

/** 1 GiB multipart upload vs. one PUT of the same size (local driver, PGlite), RSS growth. */
export async function multipartBenchmark(): Promise<unknown> {
  const out = await runScript("multipart-1gib.ts", {});
  return JSON.parse(out.slice(out.lastIndexOf("\n{") + 1));
}
