// A throwaway nginx (Debian's nginx-light) serving one folder with sendfile: the baseline
// of the download figure. Its own prefix folder, a free loopback port, stopped at the end.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../e2e/support/server";
import { sleep } from "../measure";
import { onInterrupt } from "./processes";

export const NGINX = process.env.BENCH_NGINX ?? "/usr/sbin/nginx";

export async function startNginx(root: string): Promise<{ url: string; pids(): number[]; stop(): Promise<void> }> {
  const port = await freePort();
  const prefix = mkdtempSync(path.join(os.tmpdir(), "gharart-bench-nginx-"));
  mkdirSync(path.join(prefix, "temp"));
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
${process.getuid?.() === 0 ? "user root;" : ""}
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  client_body_temp_path ${prefix}/temp/body;
  proxy_temp_path ${prefix}/temp/proxy;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { }
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const kill = () => child.kill("SIGKILL");
  onInterrupt.add(kill);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${output} ${readFileSync(path.join(prefix, "error.log"), "utf8")}`);
    const up = await fetch(`${url}/`, { method: "HEAD" }).then(() => true, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      kill();
      throw new Error(`nginx did not start: ${output}`);
    }
    await sleep(50);
  }
  return {
    url,
    pids: () => [child.pid!],
    stop: () =>
      new Promise<void>((resolve) => {
        onInterrupt.delete(kill);
        const done = () => {
          rmSync(prefix, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGQUIT"); // graceful: workers finish, then the master exits
        setTimeout(kill, 5000).unref();
      }),
  };
}
