import { expect, test, type Page } from "@playwright/test";
import { allowConsoleError, auditScreen, watchPage } from "./support/axe";
import { randomFile } from "./support/bytes";
import { DESKTOP, shoot } from "./support/screens";
import { signIn, uniqueEmail, uniqueHandle } from "./support/session";

// Regressions for what an outside browser check found (issue 12): each test failed on the
// code before its fix.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);
test.use({ actionTimeout: 15_000, viewport: DESKTOP });

const manager = uniqueEmail("owner");
const handle = uniqueHandle("defects");
let page: Page;

const row = (name: string) => page.getByTestId("file-row").filter({ hasText: name });

/** A file made through the API with the session cookie; uploaded unless `pending`. */
async function apiFile(body: Record<string, unknown>, options: { pending?: boolean } = {}) {
  const size = Number(body.sizeBytes ?? 5);
  const created = await page.request.post(`/v2/handles/${handle}/files`, { data: { sizeBytes: size, accessMode: "PUBLIC", ...body } });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  if (!options.pending) {
    const put = await page.request.put(upload.uploadUrl, { headers: upload.uploadHeaders, data: Buffer.alloc(size, 1) });
    expect(put.ok()).toBe(true);
    expect((await page.request.get(`/v2/handles/${handle}/files/${upload.file.id}`)).ok()).toBe(true); // flips it to ready
  }
  return upload.file as { id: string };
}

test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  page = watchPage(await context.newPage());
  await signIn(page, manager);
  expect((await page.request.post("/v2/handles", { data: { handle } })).status()).toBe(201);
});

test.afterAll(async () => {
  await page?.context().close();
});

test("the expired tab works when other files never expire", async () => {
  await apiFile({ fileName: "forever.txt" });
  await apiFile({ fileName: "next-month.txt", expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  await apiFile({ fileName: "gone-soon.txt", expiresAt: new Date(Date.now() + 2000).toISOString() });
  await page.waitForTimeout(2500);

  await page.goto(`/dashboard/${handle}`);
  await expect(row("forever.txt")).toBeVisible();
  await page.getByRole("tab", { name: "Expired — recoverable" }).click();
  const expired = page.getByTestId("expired-row");
  await expect(expired.filter({ hasText: "gone-soon.txt" })).toBeVisible();
  await expect(expired).toHaveCount(1); // never the active list's files
  await expect(page.getByText(/couldn.t load/)).toHaveCount(0);
  await auditScreen(page, "files-expired-mixed");

  await page.getByRole("tab", { name: "Active" }).click();
  await expect(row("forever.txt")).toBeVisible();
  await expect(row("gone-soon.txt")).toHaveCount(0);
});

test("the Stored card counts ready files only, and pending files offer no link to copy", async () => {
  await apiFile({ fileName: "never-uploaded.mov", sizeBytes: 250 * 1024 * 1024 }, { pending: true });
  await page.reload();
  await expect(row("never-uploaded.mov")).toContainText("Upload pending");
  // forever.txt and next-month.txt: 5 bytes each; the 250 MB declaration holds nothing.
  await expect(page.locator("dl div").filter({ hasText: "Stored" }).locator("dd")).toHaveText("10 B");
  await expect(page.getByRole("button", { name: "Copy link for never-uploaded.mov" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Copy link for forever.txt" })).toBeVisible();
  await page.getByRole("button", { name: "Manage never-uploaded.mov" }).click();
  const dialog = page.getByRole("dialog", { name: "never-uploaded.mov" });
  await expect(dialog.getByText("The upload has not finished")).toBeVisible();
  await expect(dialog.getByRole("button", { name: /Copy link/ })).toHaveCount(0);
  await auditScreen(page, "manage-pending");
  await dialog.getByRole("button", { name: "Close dialog" }).click();
  await page.getByRole("button", { name: "Delete never-uploaded.mov" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete file" }).click();
  await expect(row("never-uploaded.mov")).toHaveCount(0);
});

test("each upload batch starts from the default settings", async () => {
  const first = randomFile("batch-one.txt", 1024, "text/plain");
  const second = randomFile("batch-two.txt", 1024, "text/plain");
  await page.getByRole("button", { name: "Upload files" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Upload files" });
  await dialog.getByTestId("file-input").setInputFiles([first]);
  await dialog.getByLabel("Expires").selectOption("date"); // a one-off date, 30 days out
  await expect(dialog.getByTestId("date-time-input")).toBeVisible();
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByTestId("upload-item")).toContainText("Uploaded");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row(first.name).locator("time")).toHaveCount(2); // expiry and created

  // Second batch: an allowlisted file, expiry left alone.
  await page.getByRole("button", { name: "Upload files" }).first().click();
  await dialog.getByTestId("file-input").setInputFiles([second]);
  await expect(dialog.getByLabel("Expires")).toHaveValue("never");
  await dialog.getByText("Only people you list").click();
  const box = dialog.getByRole("textbox", { name: "Who can download" });
  await box.fill("partner@example.com");
  await box.press("Enter");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByTestId("upload-item").filter({ hasText: second.name })).toContainText("Uploaded");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row(second.name)).toContainText("Never");
  await expect(row(second.name)).toContainText("Allowlist · 1");
});

test("date pickers read day, month name and year, like the dates the app prints", async () => {
  await page.getByRole("button", { name: "Upload files" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Upload files" });
  await dialog.getByLabel("Expires").selectOption("date");
  const picker = dialog.getByRole("group", { name: "Expiry date" });
  await expect(dialog.locator("input[type=datetime-local], input[type=date]")).toHaveCount(0);
  await picker.getByLabel("Day").selectOption("1");
  await picker.getByLabel("Month").selectOption({ label: "Dec" });
  await picker.getByLabel("Year").selectOption(String(new Date().getFullYear() + 1));
  await picker.getByLabel("Hour").selectOption("14");
  await picker.getByLabel("Minute").selectOption("05");
  await expect(picker.getByTestId("date-time-reading")).toContainText(`1 Dec ${new Date().getFullYear() + 1}, 14:05`);
  await shoot(page, "upload-date-picker", { fullPage: false });
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("a toast shows above an open dialog", async () => {
  await page.getByRole("button", { name: "Manage forever.txt" }).click();
  const dialog = page.getByRole("dialog", { name: "forever.txt" });
  await dialog.getByRole("button", { name: "+7 days" }).click();
  const toast = page.getByTestId("toast").last();
  await expect(toast).toContainText("Now expires");
  // What is painted at the toast's centre is the toast, not the dialog's backdrop.
  const box = (await toast.boundingBox())!;
  const onTop = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest("[data-testid=toast]"), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  expect(onTop).toBe(true);
  await toast.getByRole("button", { name: "Dismiss notification" }).click();
  await expect(page.getByTestId("toast")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("the docs policy refusal speaks the form's words", async () => {
  await page.getByRole("link", { name: "Internal docs" }).click();
  const form = page.getByRole("form", { name: "Docs access policy" });
  await form.getByRole("radio", { name: /^Public/ }).check();
  allowConsoleError(page, /status of 422/);
  await form.getByRole("button", { name: "Save policy" }).click();
  const problem = page.getByTestId("problem");
  await expect(problem).toContainText("Confidential");
  await expect(problem).toContainText("Members + allowlist");
  await expect(problem).not.toContainText("EMAIL_ALLOWLIST");
  await expect(problem).not.toContainText("Set confidential to false");
  await expect(problem.getByTestId("request-id")).not.toBeEmpty(); // a refusal worth quoting keeps its id
  await auditScreen(page, "docs-policy-refused");
});

test("a visitor not on the allowlist gets a calm no", async ({ browser }) => {
  const file = await apiFile({ fileName: "partners-only.pdf", accessMode: "EMAIL_ALLOWLIST", allowedEmails: ["partner@example.com"] });
  const context = await browser.newContext({ viewport: DESKTOP });
  const visitor = watchPage(await context.newPage());
  await visitor.goto(`/share/${file.id}`);
  await visitor.getByLabel("Your email").fill("stranger@example.org");
  allowConsoleError(visitor, /status of 403/);
  await visitor.getByRole("button", { name: "Email me a download link" }).click();
  const answer = visitor.getByTestId("not-on-list");
  await expect(answer).toContainText("isn’t on the list");
  await expect(visitor.getByTestId("problem")).toHaveCount(0);
  await expect(visitor.getByTestId("request-id")).toHaveCount(0);
  await expect(visitor.getByRole("button", { name: "Report a problem" })).toHaveCount(0);
  await shoot(visitor, "share-refused");
  await context.close();
});

test("no favicon 404 on first load", async ({ browser }) => {
  const context = await browser.newContext({ viewport: DESKTOP });
  const visitor = watchPage(await context.newPage());
  const favicon = await visitor.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  await visitor.goto("/signin");
  await visitor.waitForLoadState("networkidle");
  await auditScreen(visitor, "signin-first-load");
  await context.close();
});

test("a crashing page shows the branded error page with a reference", async () => {
  // The files list answers something the table cannot render.
  await page.route(`**/v2/handles/${handle}/files`, (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ files: [{ id: "broken", fileName: null, sizeBytes: 1, status: "ready", accessMode: "PUBLIC", allowedEmails: null, expiresAt: "not a date", createdAt: "x" }] }) }));
  allowConsoleError(page, /./);
  await page.goto(`/dashboard/${handle}`);
  await expect(page.getByRole("heading", { name: "Something went wrong on this page" })).toBeVisible();
  await expect(page.getByText(/This page couldn.t load/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to the dashboard" })).toBeVisible();
  await shoot(page, "error-page");
  await page.unroute(`**/v2/handles/${handle}/files`);
});
