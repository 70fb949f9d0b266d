import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { mailTo } from "../support/mailbox";
import { allowConsoleError, watchPage } from "./support/axe";
import { downloadDigest, randomFile } from "./support/bytes";
import { dataDir, linkFromOutbox } from "./support/outbox";
import { DESKTOP, PHONE, shoot } from "./support/screens";
import { signIn, uniqueEmail, uniqueHandle } from "./support/session";

// The brand manager's delivery day (issue 14): schedule a press kit under embargo, invite a
// partner from the app, lift the embargo, the partner verifies and downloads in their own
// browser, the Delivery panel shows it and the manager's notification is in the mailbox.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);
test.use({ actionTimeout: 15_000 });

const manager = uniqueEmail("brand");
const partner = uniqueEmail("partner");
const partnerDomain = `${uniqueHandle("northwind")}.com`;
const handle = uniqueHandle("launch");
const kit = randomFile("launch-press-kit.zip", 512 * 1024, "application/zip");

let context: BrowserContext;
let page: Page;
let fileId = "";

const row = () => page.getByTestId("file-row").filter({ hasText: kit.name });
const manageDialog = () => page.getByRole("dialog", { name: kit.name });

async function openManage(tab?: "Delivery" | "Sharing & expiry") {
  await page.getByRole("button", { name: `Manage ${kit.name}` }).click();
  await expect(manageDialog()).toBeVisible();
  if (tab) await manageDialog().getByRole("tab", { name: tab }).click();
  return manageDialog();
}

async function partnerBrowser(browser: Browser) {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: DESKTOP });
  return { ctx, page: watchPage(await ctx.newPage()) };
}

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  context.on("page", watchPage);
  page = watchPage(await context.newPage());
});

test.afterAll(async () => {
  await context?.close();
});

test("schedule: upload a press kit under embargo, for a partner and a partner domain", async () => {
  await signIn(page, manager);
  await page.getByLabel("Handle", { exact: true }).fill(handle);
  await page.getByRole("button", { name: "Create handle" }).click();
  await page.waitForURL(`**/dashboard/${handle}`);

  await page.getByRole("button", { name: "Upload files" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Upload files" });
  await dialog.getByTestId("file-input").setInputFiles([kit]);
  await dialog.getByText("Only people you list").click();
  const box = dialog.getByRole("textbox", { name: "Who can download" });
  await box.fill(`${partner}, @${partnerDomain}, gmail.com`);
  await box.press("Enter");
  await expect(dialog.getByTestId("domain-chip")).toHaveCount(2);
  await expect(dialog.getByTestId("domain-chip").first()).toContainText(`@${partnerDomain}`);
  await expect(dialog.getByTestId("too-open-domains")).toContainText("@gmail.com");
  await dialog.getByRole("button", { name: "Remove domain gmail.com" }).click();
  await expect(dialog.getByTestId("too-open-domains")).toHaveCount(0);
  await expect(dialog.getByTestId("allowlist-count")).toHaveText("2 / 200");

  await dialog.getByRole("button", { name: "Launch time, download limit, notifications" }).click();
  // Goes live tomorrow at 09:00 (picking the hour fills in the rest of the date).
  await dialog.getByRole("group", { name: /Goes live at/ }).getByLabel("Hour").selectOption("9");
  await expect(dialog.getByTestId("embargo-hint")).toContainText("Goes live");
  await dialog.getByLabel("Email me on download").check();
  await shoot(page, "delivery-upload-settings", { fullPage: false });

  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByText("Uploaded")).toBeVisible({ timeout: 30_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row()).toContainText("Ready");
  await expect(row().getByTestId("embargo-badge")).toContainText("Goes live");
  fileId = (await row().getAttribute("data-file-id"))!;
});

test("the share page says when an embargoed file opens", async ({ browser }) => {
  const visitor = await partnerBrowser(browser);
  await visitor.page.goto(`/share/${fileId}`);
  await expect(visitor.page.getByTestId("share-scheduled")).toContainText("Not available yet");
  await expect(visitor.page.getByTestId("opens-at")).toContainText("your time");
  await expect(visitor.page.getByLabel("Your email")).toHaveCount(0);
  await shoot(visitor.page, "share-scheduled");
  await visitor.ctx.close();
});

test("the API's refusal of a too-open domain is shown under the list", async () => {
  const dialog = await openManage("Sharing & expiry");
  const box = dialog.getByRole("textbox", { name: "Who can download" });
  await box.fill("outlook.com");
  await box.press("Enter");
  allowConsoleError(page, /status of 422/); // the refusal under test
  await dialog.getByRole("button", { name: "Save access" }).click();
  await expect(dialog.getByTestId("allowlist-error")).toBeVisible();
  await shoot(page, "delivery-domain-refused", { fullPage: false });
  await dialog.getByRole("button", { name: "Remove domain outlook.com" }).click();
  await expect(dialog.getByTestId("allowlist-error")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("invite: Send invitations mails the share page, before the embargo lifts", async () => {
  const dialog = await openManage("Delivery");
  const partnerRow = dialog.getByTestId("recipient-row").filter({ hasText: partner });
  await expect(partnerRow).toContainText("Not invited yet");
  await expect(dialog.getByTestId("file-downloads-chart-summary")).toContainText("No downloads in the last 30 days");
  const since = new Date();
  await dialog.getByRole("button", { name: /Send invitations/ }).click();
  await expect(page.getByTestId("toast").last()).toContainText("sent");
  await expect(partnerRow).toContainText("Invited");
  await expect(partnerRow.getByRole("button", { name: `Resend invitation to ${partner}` })).toBeVisible();
  await partnerRow.scrollIntoViewIfNeeded();
  await shoot(page, "delivery-invited", { fullPage: false });

  // The invitation links the share page, never a token: the partner still verifies.
  const link = await linkFromOutbox(partner, new RegExp(`/share/${fileId}`), since);
  expect(link).not.toMatch(/token=/);
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("lift the embargo: Go live now", async () => {
  const dialog = await openManage("Sharing & expiry");
  await dialog.getByRole("button", { name: "Go live now" }).click();
  await expect(page.getByTestId("toast").last()).toContainText("Embargo lifted");
  await expect(dialog.getByTestId("embargo-hint")).not.toContainText("Goes live");
  await dialog.getByRole("button", { name: "Close dialog" }).click();
  await expect(row().getByTestId("embargo-badge")).toHaveCount(0);
});

test("the partner opens the invitation, verifies and downloads in a second browser", async ({ browser }) => {
  const invitation = await linkFromOutbox(partner, new RegExp(`/share/${fileId}`), new Date(0));
  const visitor = await partnerBrowser(browser);
  await visitor.page.goto(invitation);
  await visitor.page.getByLabel("Your email").fill(partner);
  const since = new Date();
  await visitor.page.getByRole("button", { name: "Email me a download link" }).click();
  await expect(visitor.page.getByText("Check your inbox")).toBeVisible();
  const magic = await linkFromOutbox(partner, new RegExp(`/share/${fileId}/verify\\?token=`), since);
  await visitor.page.goto(magic);
  const [download] = await Promise.all([
    visitor.page.waitForEvent("download"),
    visitor.page.getByRole("button", { name: "Continue to download" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(kit.name);
  expect(await downloadDigest(download)).toBe(kit.digest);
  await visitor.ctx.close();
});

test("the Delivery panel shows the download, and the creator was notified", async () => {
  const dialog = await openManage("Delivery");
  const partnerRow = dialog.getByTestId("recipient-row").filter({ hasText: partner });
  await expect(partnerRow).toContainText("Downloaded");
  await expect(dialog.getByTestId("delivery-downloads")).toHaveText("1");
  await expect(dialog.getByTestId("file-downloads-chart-summary")).toContainText("1 download in the last 30 days");
  await expect(dialog.getByRole("table", { name: /downloads per day/ })).toBeAttached();
  await partnerRow.scrollIntoViewIfNeeded();
  await shoot(page, "delivery-downloaded", { fullPage: false });
  await dialog.getByRole("button", { name: "Close dialog" }).click();

  // One email to the file's creator, naming the visitor (sent off the download path: poll).
  await expect.poll(() => mailTo(manager, dataDir).filter((m) => m.subject.includes(kit.name) && m.text.includes(partner)).length,
    { timeout: 15_000 }).toBe(1);
});

test("the Files page charts the handle's downloads and top files", async () => {
  await page.reload();
  const card = page.getByTestId("handle-downloads");
  await expect(card.getByTestId("handle-downloads-chart-summary")).toContainText("1 download in the last 30 days");
  await expect(card.getByTestId("top-files-chart")).toContainText(kit.name);
  await shoot(page, "files-downloads");

  // Readable on a phone: the charts fit the screen, nothing scrolls sideways.
  await page.setViewportSize(PHONE);
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
});
