import { expect, test } from "@playwright/test";
import { watchPage } from "./support/axe";
import { shoot, DESKTOP } from "./support/screens";
import { signIn, uniqueEmail } from "./support/session";

test.use({ viewport: DESKTOP });

test("signs in with the emailed link and lands on the dashboard", async ({ page }) => {
  watchPage(page);
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in to Gharart Files" })).toBeVisible();
  await shoot(page, "signin");

  const email = uniqueEmail("signin");
  await signIn(page, email, (name) => shoot(page, name));

  // A brand-new user has no handle yet: the dashboard asks for one.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Create your handle" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  await shoot(page, "create-first-handle");
});

test("the dashboard sends signed-out visitors to sign in", async ({ page }) => {
  await page.goto("/dashboard/some-handle/tokens");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard%2Fsome-handle%2Ftokens/);
});
