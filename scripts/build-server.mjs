// Compiles the HTTP front (scripts/start.ts and what it imports from lib/ and app/) into one
// ES module, .next/gharart/start.mjs, so `npm start` runs plain JavaScript: no TypeScript
// loader (tsx) and no esbuild service in the serving process. Packages stay external
// (resolved from node_modules as before). Also writes an empty embedded database
// (.next/gharart/pglite-template/, a PostgreSQL data folder) that a first start copies
// instead of running PGlite's initdb in the server (which peaks near 800 MiB: two
// PostgreSQL instances and a tar of the data folder). Run by `npm run build` and, in a child process, by
// scripts/start.mjs when the bundle is missing or older than one of its sources.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUNDLE = path.join(root, ".next", "gharart", "start.mjs");
export const PGLITE_TEMPLATE = path.join(root, ".next", "gharart", "pglite-template");
const INPUTS = `${SERVER_BUNDLE}.inputs.json`;

/** True when the bundle exists and none of the sources it was built from changed since. */
export function bundleIsFresh() {
  try {
    if (!existsSync(path.join(PGLITE_TEMPLATE, "PG_VERSION"))) return false;
    const built = statSync(SERVER_BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, "utf8"));
    return inputs.every((file) => statSync(path.join(root, file)).mtimeMs <= built);
  } catch {
    return false;
  }
}

export async function buildServer() {
  const { build } = await import("esbuild"); // only when building: the server never loads it
  const result = await build({
    entryPoints: [path.join(root, "scripts", "start.ts")],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    write: false,
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  // Written under another name, then renamed: servers started at the same time never read half a file.
  const tmp = `${SERVER_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith("node_modules/"));
  writeFileSync(`${INPUTS}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${INPUTS}.${process.pid}.tmp`, INPUTS);
  renameSync(tmp, SERVER_BUNDLE);
  return SERVER_BUNDLE;
}

/**
 * An initialised, empty PGlite data folder (lib/db/client.ts copies it on a first start). A
 * folder, not a tarball: unpacking one inside the server grew its memory by ~30 MiB for good
 * (PGlite untars through JavaScript and its WebAssembly memory).
 */
export async function buildPgliteTemplate() {
  if (existsSync(path.join(PGLITE_TEMPLATE, "PG_VERSION"))) return;
  const { PGlite } = await import("@electric-sql/pglite");
  mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  // Made under another name, then renamed: a start never copies half a template.
  const tmp = `${PGLITE_TEMPLATE}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const pglite = new PGlite(tmp);
  await pglite.waitReady;
  await pglite.close();
  rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
  renameSync(tmp, PGLITE_TEMPLATE);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildServer();
  await buildPgliteTemplate();
  console.log(`built ${path.relative(root, SERVER_BUNDLE)} and ${path.relative(root, PGLITE_TEMPLATE)}`);
}
