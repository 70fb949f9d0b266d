import type { Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { auditScreen } from "./axe";

// Each main screen is saved at desktop and phone width, to look at (e2e/screenshots/*.png),
// and checked by axe at both widths with no console errors (support/axe.ts).
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const DIR = "e2e/screenshots";
const HIDE_TOASTS = "[data-testid=toast] { visibility: hidden !important; }";

export async function shoot(page: Page, name: string, options: { phone?: boolean; fullPage?: boolean } = {}) {
  mkdirSync(DIR, { recursive: true });
  // Toasts from earlier steps and a scrolled sticky header would only add noise.
  await page.evaluate(() => window.scrollTo(0, 0));
  const size = page.viewportSize() ?? DESKTOP;
  await page.screenshot({ path: `${DIR}/${name}-desktop.png`, fullPage: options.fullPage ?? true, style: HIDE_TOASTS });
  if (options.phone === false) return auditScreen(page, name, { phone: false });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150); // let layout settle after the resize
  await page.screenshot({ path: `${DIR}/${name}-phone.png`, fullPage: options.fullPage ?? true, style: HIDE_TOASTS });
  await page.setViewportSize(size);
  await page.waitForTimeout(100);
  await auditScreen(page, name);
}
