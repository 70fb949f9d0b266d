// `npm start`: the compiled HTTP front (scripts/start.ts, bundled by scripts/build-server.mjs)
// in this very process, with plain node. The bundle is (re)built first, in a child process,
// when it is missing or older than its sources; a missing production build is made by the
// bundle itself.
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { bundleIsFresh, SERVER_BUNDLE } from "./build-server.mjs";

// PGlite's PostgreSQL is 9 MB of WebAssembly: V8's optimising tier (TurboFan) recompiles
// its hot functions and keeps ~80 MiB of code and compiler memory. The baseline tier
// alone keeps the embedded server within a small VPS (bench/README.md). Set before any
// WebAssembly is compiled; GHARART_WASM_OPTIMIZE=1 keeps V8's default.
if (process.env.GHARART_WASM_OPTIMIZE !== "1") setFlagsFromString("--liftoff-only");
if (!bundleIsFresh()) {
  // A child process: esbuild and the database template's initdb never weigh on the server.
  const built = spawnSync(process.execPath, [fileURLToPath(new URL("./build-server.mjs", import.meta.url))], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(SERVER_BUNDLE).href);
