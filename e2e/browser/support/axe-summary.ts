import { existsSync, readFileSync, rmSync } from "node:fs";
import { RESULTS } from "./axe";

/** globalSetup: a fresh results file for this run. */
export function clearAxeResults() {
  rmSync(RESULTS, { force: true });
}

/** globalTeardown: screens checked and violations by impact, printed once at the end of the run. */
export function printAxeSummary() {
  if (!existsSync(RESULTS)) return console.log("axe: no screens checked");
  const rows = readFileSync(RESULTS, "utf8").trim().split("\n").filter(Boolean)
    .map((line) => JSON.parse(line) as { screen: string; viewport: string; violations: { id: string; impact: string | null; nodes: number }[] });
  const byImpact: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const byRule = new Map<string, number>();
  for (const row of rows) {
    for (const v of row.violations) {
      byImpact[v.impact ?? "minor"] = (byImpact[v.impact ?? "minor"] ?? 0) + 1;
      byRule.set(`${v.impact} ${v.id}`, (byRule.get(`${v.impact} ${v.id}`) ?? 0) + 1);
    }
  }
  const screens = new Set(rows.map((r) => r.screen));
  const viewports = (v: string) => rows.filter((r) => r.viewport === v).length;
  console.log(`\n== axe summary: ${screens.size} screens, ${rows.length} checks (${viewports("desktop")} at 1280×800, ${viewports("phone")} at 390×844)`);
  console.log(`   violations by impact: critical ${byImpact.critical}, serious ${byImpact.serious}, moderate ${byImpact.moderate}, minor ${byImpact.minor}`);
  for (const [rule, count] of [...byRule].sort()) console.log(`   ${rule}: ${count} check(s)`);
  console.log(`   screens: ${[...screens].join(", ")}`);
}
