// Download: one object of BENCH_UPLOAD_MIB through the local driver's signed /storage URL
// (the 302 target of the public download) against nginx sendfile of the same file on disk,
// interleaved round by round; then BENCH_DOWNLOAD_CLIENTS concurrent downloads with the
// server's memory sampled. Clients are curl processes (cheap per byte, outside this process).
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Tenant } from "../../e2e/support/admin";
import { MiB, percentile, round } from "../measure";
import { createFile, putGenerated } from "../lib/api";
import type { BenchServer } from "../lib/app-server";
import { startNginx } from "../lib/nginx";
import { cpuSeconds, sampleMemory } from "../lib/processes";
import { settings } from "../lib/settings";

/** curl of `url` to /dev/null: bytes received and seconds, failing on anything but `status`. */
function curl(url: string, maxSeconds = 120): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("curl", ["-s", "-o", "/dev/null", "--max-time", String(maxSeconds), "-w", "%{http_code} %{size_download} %{time_total}", url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    // "close", not "exit": stdout may still hold curl's summary when the process has exited.
    child.on("close", () => {
      const [status, bytes, seconds] = out.trim().split(" ");
      if (status !== "200") return reject(new Error(`download of ${url} answered ${status}`));
      resolve({ bytes: Number(bytes), seconds: Number(seconds) });
    });
  });
}

/** The newest stored object of exactly `size` bytes below `root` (the file just uploaded). */
function findObject(root: string, size: number): string {
  let best: { file: string; mtime: number } | null = null;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith(".meta")) {
        const stat = statSync(full);
        if (stat.size === size && (!best || stat.mtimeMs > best.mtime)) best = { file: full, mtime: stat.mtimeMs };
      }
    }
  };
  walk(root);
  if (!best) throw new Error(`no stored object of ${size} bytes under ${root}`);
  return (best as { file: string }).file;
}

export async function downloadBenchmark(server: BenchServer, tenant: Tenant) {
  const size = Math.round(settings.uploadMiB * MiB);
  const created = await createFile(server, tenant, { fileName: "campaign-cut.mov", sizeBytes: size, accessMode: "PUBLIC" });
  const put = await putGenerated(created.uploadUrl, created.uploadHeaders, size);
  if (put.status !== 200) throw new Error(`download: upload answered ${put.status}`);
  const redirect = await fetch(created.publicUrl, { redirect: "manual" });
  await redirect.arrayBuffer();
  const location = redirect.headers.get("location");
  if (redirect.status !== 302 || !location) throw new Error(`download: public URL answered ${redirect.status}`);
  const appUrl = new URL(location, server.url).toString();
  const objectsRoot = path.join(server.dataDir, "objects");
  const object = findObject(objectsRoot, size);
  const nginx = await startNginx(objectsRoot);
  const nginxUrl = `${nginx.url}/${path.relative(objectsRoot, object).split(path.sep).map(encodeURIComponent).join("/")}`;
  const app: number[] = [];
  const base: number[] = [];
  const serverCpu: number[] = [];
  const mib = size / MiB;
  try {
    await curl(appUrl); // warm: page cache and first-request paths
    await curl(nginxUrl);
    for (let i = 0; i < settings.downloadRounds; i++) {
      const cpuBefore = cpuSeconds(server.pids());
      const a = await curl(appUrl);
      serverCpu.push(cpuSeconds(server.pids()) - cpuBefore);
      const b = await curl(nginxUrl);
      if (a.bytes !== size || b.bytes !== size) throw new Error(`download sizes ${a.bytes} / ${b.bytes}, expected ${size}`);
      app.push(mib / a.seconds);
      base.push(mib / b.seconds);
    }
  } finally {
    await nginx.stop();
  }
  // Under load: concurrent full downloads through the app, the server's memory sampled.
  const memory = sampleMemory(server.pids, 25);
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: settings.downloadClients }, () => curl(appUrl, 180)));
  const seconds = (performance.now() - started) / 1000;
  const sampled = memory.stop();
  const failed = results.filter((r) => r.status === "rejected" || r.value.bytes !== size).length;
  const mibPerS = percentile(app, 50);
  const nginxMibPerS = percentile(base, 50);
  return {
    mib: round(mib),
    rounds: settings.downloadRounds,
    mibPerS: round(mibPerS, 1),
    nginxMibPerS: round(nginxMibPerS, 1),
    ratio: round(mibPerS / nginxMibPerS, 3),
    allRoundsMibPerS: app.map((v) => round(v, 1)),
    allRoundsNginxMibPerS: base.map((v) => round(v, 1)),
    serverCpuSecondsPerGiB: round((percentile(serverCpu, 50) / mib) * 1024, 2),
    what: "one GET of the signed /storage URL with curl, against nginx sendfile of the same file (median of rounds, interleaved)",
    concurrent: {
      clients: settings.downloadClients,
      failed,
      seconds: round(seconds, 2),
      aggregateMibPerS: round((mib * (settings.downloadClients - failed)) / seconds, 1),
      rssStartMiB: round(sampled.startBytes / MiB, 1),
      rssPeakMiB: round(sampled.peakBytes / MiB, 1),
    },
  };
}
