import { expect, type ConsoleMessage, type Page } from "@playwright/test";
import { appendFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Every screen and dialog the suite visits is checked by axe-core at desktop and phone
// width (zero serious/critical violations), and every page is watched for console errors
// and uncaught exceptions. Results land in RESULTS; axe-summary.ts prints them at the end.
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
export const RESULTS = path.resolve(".tmp/axe/results.jsonl");
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

type Impact = "minor" | "moderate" | "serious" | "critical";
interface Violation { id: string; impact: Impact | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }
interface Watch { errors: string[]; allowed: RegExp[] }
const watches = new WeakMap<Page, Watch>();

/** Starts collecting console errors and uncaught page errors (idempotent; call before the first goto). */
export function watchPage(page: Page): Page {
  if (watches.has(page)) return page;
  const watch: Watch = { errors: [], allowed: [] };
  watches.set(page, watch);
  page.on("pageerror", (error) => {
    if (!watch.allowed.some((pattern) => pattern.test(error.message))) watch.errors.push(`pageerror: ${error.message}`);
  });
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const text = message.text();
    // A document answering 404/410/401 is the page's meaning (missing, expired, invitation), not a fault.
    if (/^Failed to load resource/.test(text) && message.location().url === page.url()) return;
    if (watch.allowed.some((pattern) => pattern.test(`${text} ${message.location().url}`))) return;
    watch.errors.push(`console: ${text} (${message.location().url})`);
  });
  return page;
}

/** A step that provokes an expected refusal (a 403 from the API) declares it, so the browser's log line is not a failure. */
export function allowConsoleError(page: Page, pattern: RegExp) {
  watchPage(page);
  watches.get(page)!.allowed.push(pattern);
}

/** Fails the test when the page logged an error or threw since the last check. */
export function expectNoPageErrors(page: Page, screen: string) {
  const watch = watches.get(page);
  if (!watch) throw new Error(`page for ${screen} is not watched: call watchPage(page) when creating it`);
  const errors = watch.errors.splice(0);
  expect.soft(errors, `console errors or uncaught exceptions on ${screen}`).toEqual([]);
}

// Colours are judged at rest: a button fading from its disabled shade is not a contrast fault.
const NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }";

async function runAxe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: AXE_PATH });
    await page.addStyleTag({ content: NO_TRANSITIONS });
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/**
 * axe at the current viewport, then (unless `phone: false`) at phone width, restoring the
 * size after; plus the console check. Throws on any serious or critical violation.
 */
export async function auditScreen(page: Page, screen: string, options: { phone?: boolean; desktop?: boolean } = {}) {
  watchPage(page);
  const original = page.viewportSize() ?? VIEWPORTS.desktop;
  const sizes: [string, { width: number; height: number }][] = [];
  if (options.desktop !== false) sizes.push(["desktop", VIEWPORTS.desktop]);
  if (options.phone !== false) sizes.push(["phone", VIEWPORTS.phone]);
  const blocking: string[] = [];
  for (const [name, size] of sizes) {
    if (original.width !== size.width || original.height !== size.height) await page.setViewportSize(size);
    await page.waitForTimeout(300); // let layout and colour transitions (150 ms) settle
    const violations = await runAxe(page);
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    appendFileSync(RESULTS, JSON.stringify({ screen, viewport: name, violations: violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) }) + "\n");
    for (const v of violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      blocking.push(`${screen} @${name}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(", ")}\n    ${v.nodes[0]?.failureSummary?.replace(/\n/g, " ") ?? ""}`);
    }
    await page.setViewportSize(original);
    await page.waitForTimeout(50);
  }
  expect.soft(blocking, `axe serious/critical violations on ${screen}`).toEqual([]);
  expectNoPageErrors(page, screen);
}
