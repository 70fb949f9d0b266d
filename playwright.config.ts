import { defineConfig } from "@playwright/test";

// Debian's Chromium (apt-get install chromium); Playwright's own browser download is
// unavailable here. The server under test is started by scripts/test.ts.
export default defineConfig({
  testDir: "e2e/browser",
  timeout: 60_000,
  workers: 1,
  // One retry: the machine is 2 shared cores and a run carries three servers (app, Ceph,
  // PostgreSQL); a test that fails twice in a row fails the run, and a retried one is
  // reported as flaky in the output.
  retries: 1,
  reporter: [["list"]],
  outputDir: ".tmp/playwright",
  // axe results are collected per screen and summarised once at the end of the run.
  globalSetup: "./e2e/browser/support/global-setup.ts",
  globalTeardown: "./e2e/browser/support/global-teardown.ts",
  use: {
    baseURL: process.env.GHARART_TEST_URL ?? "http://127.0.0.1:3000",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
});
