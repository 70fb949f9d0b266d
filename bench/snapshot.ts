// The benchmark runs against a frozen copy of the production build and sources, so a
// concurrent `next build` or edit in the working tree cannot change the server under test
// half-way through a run. node_modules is shared through a symlink.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sleep } from "./measure";

const COPIED = [
  ".next", "app", "bench", "components", "e2e", "lib", "prisma", "scripts",
  "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs", "prisma.config.ts", "tsconfig.json",
];

const cwdOf = (pid: string) => {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
};

/** A `next build` of this folder (other checkouts on the machine build their own). */
function buildRunning(root: string): boolean {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
      if (/next(\/dist\/bin\/next)? build/.test(cmd) && cwdOf(pid) === root) return true;
    } catch {
      /* gone */
    }
  }
  return false;
}

const buildId = (root: string) => {
  try {
    return readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return null;
  }
};

/** Waits for a build someone else is running; builds once when there is none. */
export async function ensureBuild(root: string): Promise<string> {
  const deadline = Date.now() + 15 * 60_000;
  while (buildRunning(root) || !buildId(root)) {
    if (!buildRunning(root) && !buildId(root)) {
      console.log("bench: no production build found: running `npx next build` once…");
      const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
      if (build.status !== 0) throw new Error(`next build failed (${build.status})`);
      continue;
    }
    if (Date.now() > deadline) throw new Error("bench: waited 15 minutes for another `next build` to finish");
    console.log("bench: another `next build` is running; waiting for it…");
    await sleep(5000);
  }
  return buildId(root)!;
}

export async function snapshotApp(root: string): Promise<{ dir: string; buildId: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await ensureBuild(root);
    const dir = mkdtempSync(path.join(os.tmpdir(), "gharart-bench-app-"));
    for (const name of COPIED) {
      const from = path.join(root, name);
      if (!existsSync(from)) continue;
      cpSync(from, path.join(dir, name), {
        recursive: true,
        verbatimSymlinks: true,
        preserveTimestamps: true, // the server bundle is rebuilt when a source looks newer (scripts/build-server.mjs)
        filter: (source) => !source.startsWith(path.join(root, ".next", "cache")) && !source.endsWith("results.json"),
      });
    }
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    if (buildId(root) === before && buildId(dir) === before && !buildRunning(root)) return { dir, buildId: before };
    console.log("bench: the build changed while it was being copied; copying again");
    execFileSync("rm", ["-rf", dir]);
  }
  throw new Error("bench: could not take a stable copy of the build");
}
