import { expect, test } from "@playwright/test";
import { newTenant } from "../support/admin";
import { createFile, latestMailTo, linkIn, upload } from "../support/files";
import { call } from "../support/http";
import { auditScreen, watchPage } from "./support/axe";
import { linkFromOutbox } from "./support/outbox";

// The docs pages forbid every script (CSP); axe is injected by the test, so only the test's
// browser bypasses it. The "no script ran" check below runs before any audit.
test.use({ bypassCSP: true });

// A partner's whole visit in Chromium: the docs page refuses them, they ask for a link by
// email, open it (the scanner-safe Continue page), and read a rendered doc. Screenshots
// of the result at desktop and phone widths land in e2e/screenshots/docs-*.png.

const GUIDELINES = `# Brand guidelines

Everything a partner needs to present the **Acme** brand consistently: logo, colour,
type and voice. When in doubt, ask [partners@acme.example](mailto:partners@acme.example).

> These guidelines are confidential. Please do not forward them outside your team.

## Logo

- Keep clear space of at least the height of the "A" around the logo.
- Never recolour, stretch or rotate it.
- Use the white version on photography and dark backgrounds.

## Colour

| Token | Hex | Use |
|:------|:---:|:----|
| Acme Blue | \`#1F5AD6\` | Primary actions, links |
| Ink | \`#0F172A\` | Headlines and body copy |
| Mist | \`#F8FAFC\` | Page backgrounds |

## Typography

1. Headlines: Inter Semibold, tight tracking.
2. Body: Inter Regular, 16/26.
3. Numbers in tables: tabular figures.

### Embedding the palette

\`\`\`css
:root {
  --acme-blue: #1f5ad6;
  --acme-ink: #0f172a;
}
\`\`\`

## Voice

Clear, warm and specific. See the [logo usage page](logo-usage.md) for examples.
`;

const LOGO = `# Logo usage

Download the approved files from the shared folder. Minimum width: 96 px on screen.
`;

async function publish(tenant: Awaited<ReturnType<typeof newTenant>>, docsPath: string, content: string) {
  const bytes = Buffer.from(content);
  const created = await createFile(tenant, { fileName: docsPath.split("/").pop(), sizeBytes: bytes.length, accessMode: "PUBLIC", contentType: "text/markdown", docsPath });
  expect(await upload(created, bytes)).toBe(200);
}

test("a partner gets in by magic link and reads a rendered doc", async ({ page, baseURL }) => {
  const tenant = await newTenant("acme");
  const partner = `ann-${Date.now()}@partner.example.com`;
  await publish(tenant, "brand/guidelines.md", GUIDELINES);
  await publish(tenant, "brand/logo-usage.md", LOGO);
  await publish(tenant, "README.md", "# Welcome\n\nStart with the brand guidelines.\n");
  await publish(tenant, "campaigns/spring-launch.md", "# Spring launch\n\nKey dates and assets.\n");
  const policy = await call(`/v2/handles/${tenant.handle}/internal-docs/access`, {
    method: "PUT", token: tenant.token, body: { mode: "EMAIL_ALLOWLIST", allowedEmails: [partner], confidential: true },
  });
  expect(policy.status).toBe(200);

  await page.setViewportSize({ width: 1280, height: 800 });
  watchPage(page);
  const denied = await page.goto(`/_edge/docs/${tenant.handle}/brand/guidelines.md`);
  expect(denied?.status()).toBe(401);
  await expect(page.getByRole("heading", { name: "These docs are shared by invitation" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/docs-invitation.png" });
  await auditScreen(page, "docs-invitation");
  await page.getByLabel("Your work email").fill(partner);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await auditScreen(page, "docs-check-inbox");

  const link = linkIn(await latestMailTo(partner), `/docs-access/${tenant.handle}/verify`);
  await page.goto(link);
  await expect(page.getByText(partner)).toBeVisible();
  await auditScreen(page, "docs-verify");
  await page.getByRole("button", { name: "Continue to the docs" }).click();
  await expect(page).toHaveURL(new RegExp(`/_edge/docs/${tenant.handle}/?$`));
  await expect(page.getByRole("heading", { level: 1, name: `${tenant.handle} docs` })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/docs-index-desktop.png" });

  await page.getByRole("link", { name: /Guidelines/ }).first().click();
  await expect(page).toHaveURL(`${baseURL}/_edge/docs/${tenant.handle}/brand/guidelines.md`);
  await expect(page.getByRole("heading", { level: 1, name: "Brand guidelines" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Acme Blue" })).toBeVisible();
  await expect(page.locator("pre code.language-css")).toContainText("--acme-blue");
  await expect(page.locator(".sidebar a[aria-current=page]")).toHaveText("Guidelines");
  await expect(page.getByText(`Shared with ${partner}`)).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/docs-desktop.png" });
  await page.screenshot({ path: "e2e/screenshots/docs-desktop-full.png", fullPage: true });

  // The relative link between docs works, and the page never ran a script.
  const scripts = await page.locator("script").count();
  expect(scripts).toBe(0);
  await auditScreen(page, "docs-page");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.locator(".sidebar")).toBeHidden();
  await page.screenshot({ path: "e2e/screenshots/docs-phone.png" });
  await page.getByText("Browse docs").click();
  await expect(page.locator(".mobile-nav").getByRole("link", { name: "Logo usage" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/docs-phone-nav.png" });
  await page.locator(".mobile-nav").getByRole("link", { name: "Logo usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Logo usage" })).toBeVisible();
});

test("a member signs in from the docs page and lands back on the doc", async ({ page }) => {
  watchPage(page);
  const tenant = await newTenant("team");
  await publish(tenant, "handbook/onboarding.md", "# Onboarding\n\nWelcome to the team docs.\n");
  await page.setViewportSize({ width: 1280, height: 800 });
  const denied = await page.goto(`/_edge/docs/${tenant.handle}/handbook/onboarding.md`);
  expect(denied?.status()).toBe(401); // MEMBERS by default
  await expect(page.getByRole("heading", { name: "Sign in to read these docs" })).toBeVisible();
  await auditScreen(page, "docs-sign-in-to-read");
  await expect(page.getByLabel("Your work email")).toHaveCount(0);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F_edge%2Fdocs%2F/);

  await page.waitForLoadState("networkidle"); // the sign-in form is a client component: fill it once hydrated
  await page.getByLabel("Work email").fill(tenant.ownerEmail);
  await expect(page.getByLabel("Work email")).toHaveValue(tenant.ownerEmail);
  const since = new Date();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText(tenant.ownerEmail);
  const link = await linkFromOutbox(tenant.ownerEmail, /\/auth\/confirm\?/, since);
  await page.goto(link);
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Continue and sign in" }).click();
  await page.waitForURL(new RegExp(`/_edge/docs/${tenant.handle}/handbook/onboarding.md$`));
  await expect(page.getByRole("heading", { level: 1, name: "Onboarding" })).toBeVisible();
  await expect(page.getByText("Signed in as a member")).toBeVisible();
});
