// Summarises a V8 .cpuprofile (from BENCH_CPU_PROF=1): self time by function and by
// package/file, and inclusive time of selected frames. Optionally only the samples taken
// in a time window (seconds from the profile's end, e.g. --last 12 for the last run).
//   npx tsx bench/profile-summary.ts /tmp/gharart-bench-profiles/postgres/CPU.*.cpuprofile [--last 12] [--top 40]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"))!;
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const last = opt("last", 0);
const top = opt("top", 30);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Sample times.
const times: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));
const from = last > 0 ? profile.endTime - last * 1e6 : -Infinity;

const shortUrl = (url: string) => {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const next = url.indexOf(".next/");
  if (next >= 0) return url.slice(next);
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\/.*?\/(lib|scripts|app|bench)\//, "$1/");
};

const self = new Map<string, number>();
const selfByPkg = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < from) return;
  const dt = profile.timeDeltas[i] / 1000;
  total += dt;
  const node = byId.get(id)!;
  const name = `${node.callFrame.functionName || "(anonymous)"} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  self.set(name, (self.get(name) ?? 0) + dt);
  const pkg = shortUrl(node.callFrame.url);
  selfByPkg.set(pkg, (selfByPkg.get(pkg) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
});

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${file}: ${total.toFixed(0)} ms sampled${last ? ` (last ${last} s)` : ""}`);
print("self time by package / file", selfByPkg);
print("self time by function", self);
print("inclusive time by function", inclusive);
