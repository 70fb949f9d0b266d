// Preloaded into the server child only when profiling (BENCH_CPU_PROF=1; Node 20 refuses
// --cpu-prof in NODE_OPTIONS). Each SIGUSR2 toggles a V8 CPU profile through the inspector:
// the first starts it, the second writes BENCH_PROFILE_DIR/<n>-<label>.cpuprofile, where
// the label is read from BENCH_PROFILE_DIR/next-label (written by bench/run.ts).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));

let running = false;
let count = 0;
process.on("SIGUSR2", async () => {
  try {
    if (!running) {
      running = true;
      await post("Profiler.enable");
      await post("Profiler.setSamplingInterval", { interval: 500 });
      await post("Profiler.start");
      return;
    }
    running = false;
    const { profile } = await post("Profiler.stop");
    let label = "profile";
    try {
      label = readFileSync(path.join(dir, "next-label"), "utf8").trim() || label;
    } catch {}
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${++count}-${label}.cpuprofile`), JSON.stringify(profile));
  } catch (error) {
    console.error("cpu-profile:", error);
  }
});
