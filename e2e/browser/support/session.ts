import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { linkFromOutbox } from "./outbox";

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;
export const uniqueHandle = (label: string) => `${label}-${randomBytes(3).toString("hex")}`;

/** The real sign-in: request a link, read it from the outbox, confirm with the button. */
export async function signIn(page: Page, email: string, shot?: (name: string) => Promise<void>) {
  await page.goto("/signin?callbackUrl=/dashboard");
  await page.getByLabel("Work email").fill(email);
  const since = new Date();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText(email);
  const link = await linkFromOutbox(email, /\/auth\/confirm\?/, since);
  await page.goto(link);
  await expect(page.getByText(email)).toBeVisible();
  if (shot) await shot("confirm-sign-in");
  await page.getByRole("button", { name: "Continue and sign in" }).click();
  await page.waitForURL(/\/dashboard/);
}
