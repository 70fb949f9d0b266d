import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { downloadDigest, randomFile } from "./support/bytes";
import { allowConsoleError, auditScreen, watchPage } from "./support/axe";
import { linkFromOutbox } from "./support/outbox";
import { DESKTOP, shoot } from "./support/screens";
import { signIn, uniqueEmail, uniqueHandle } from "./support/session";

// A brand manager's day, end to end through the browser: sign in, create a handle, upload,
// share, let a partner download through a magic link, extend, delete, docs policy, tokens.
test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);
test.use({ actionTimeout: 15_000 }); // fail a step fast instead of hanging to the test timeout

const manager = uniqueEmail("manager");
const partner = uniqueEmail("partner");
const handle = uniqueHandle("acme");
const fileA = randomFile("press-kit.zip", 3 * 1024 * 1024, "application/zip");
const fileB = randomFile("campaign-brief.pdf", 4 * 1024 * 1024, "application/pdf");

let context: BrowserContext;
let page: Page;
const fileIds: Record<string, string> = {};
const publicUrls: Record<string, string> = {};

/** A visitor's own browser: no dashboard session, downloads allowed. */
async function visitor(browser: Browser) {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: DESKTOP });
  return { ctx, page: watchPage(await ctx.newPage()) };
}

/** Opening a URL that answers with an attachment: the navigation turns into a download. */
async function downloadByVisiting(p: Page, url: string) {
  const [download] = await Promise.all([p.waitForEvent("download"), p.goto(url).catch(() => undefined)]);
  return download;
}

const row = (name: string) => page.getByTestId("file-row").filter({ hasText: name });

test.beforeAll(async ({ browser, baseURL }) => {
  context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  context.on("page", watchPage); // every page of the manager's browser is checked for console errors
  page = watchPage(await context.newPage());
});

test.afterAll(async () => {
  await context?.close();
});

test("sign in and create a handle", async () => {
  await signIn(page, manager);
  await expect(page.getByRole("heading", { name: "Create your handle" })).toBeVisible();
  await shoot(page, "create-handle");

  // The API's own rule message comes back for a bad handle.
  allowConsoleError(page, /status of 400/); // the refusal under test
  await page.getByLabel("Handle", { exact: true }).fill("x");
  await page.getByRole("button", { name: "Create handle" }).click();
  await expect(page.locator("#handle-error")).toContainText("2–39 characters");

  await page.getByLabel("Handle", { exact: true }).fill(handle);
  await page.getByRole("button", { name: "Create handle" }).click();
  await page.waitForURL(`**/dashboard/${handle}`);
  await expect(page.getByRole("heading", { name: "Files", exact: true })).toBeVisible();
  await expect(page.getByText("No files yet")).toBeVisible();
  await shoot(page, "files-empty");
});

test("upload two files with a real progress bar", async () => {
  await page.getByRole("button", { name: "Upload files" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Upload files" });
  await expect(dialog).toBeVisible();
  await shoot(page, "upload-dialog", { fullPage: false });

  // Name and size are shown before anything is sent; a bad file gets the API's message.
  await dialog.getByTestId("file-input").setInputFiles([
    fileA, fileB, { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
  ]);
  await expect(dialog.getByTestId("upload-item")).toHaveCount(3);
  await expect(dialog.getByTestId("upload-item").filter({ hasText: fileA.name })).toContainText("3.0 MB");
  await expect(dialog.getByTestId("upload-item").filter({ hasText: "empty.txt" })).toContainText("Files must have at least 1 byte.");
  await dialog.getByRole("button", { name: "Remove empty.txt from the queue" }).click();

  // Expires in 7 days, so both files are flagged "expires soon" in the table.
  await dialog.getByLabel("Expires").selectOption("7");
  await shoot(page, "upload-queued", { fullPage: false });

  // Slow the upload down so the bar has time to move, and record every value it shows.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 5, downloadThroughput: -1, uploadThroughput: 2 * 1024 * 1024 });
  await page.evaluate(() => {
    const seen: number[] = ((window as unknown as { __progress: number[] }).__progress = []);
    new MutationObserver((records) => {
      for (const r of records) {
        const value = (r.target as Element).getAttribute("aria-valuenow");
        if (value !== null) seen.push(Number(value));
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
  });

  await dialog.getByRole("button", { name: "Upload 2 files" }).click();
  const bar = dialog.getByRole("progressbar", { name: `Uploading ${fileB.name}` });
  await expect(bar).toBeVisible();
  await expect.poll(async () => Number((await bar.getAttribute("aria-valuenow").catch(() => "0")) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
  await shoot(page, "upload-progress", { fullPage: false, phone: false });

  await expect(dialog.getByText("Uploaded")).toHaveCount(2, { timeout: 60_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const seen = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
  expect(seen.some((v) => v > 0 && v < 100), `intermediate progress values: ${seen.join(",")}`).toBe(true);

  await expect(dialog.getByTestId("uploaded-url")).toHaveCount(2);
  await shoot(page, "upload-done", { fullPage: false });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId("file-row")).toHaveCount(2);
  // Newest first: B finished last but both were created in order; just check both with status.
  for (const file of [fileA, fileB]) {
    await expect(row(file.name)).toContainText("Expires soon");
    fileIds[file.name] = (await row(file.name).getAttribute("data-file-id"))!;
  }
  await expect(row(fileA.name)).toContainText("Ready");
  await shoot(page, "files");
});

test("cancel an upload mid-way, then retry it", async () => {
  const file = randomFile("hero-video.mp4", 3 * 1024 * 1024, "video/mp4");
  await page.getByRole("button", { name: "Upload files" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Upload files" });
  await dialog.getByTestId("file-input").setInputFiles([file]);

  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 5, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  const bar = dialog.getByRole("progressbar", { name: `Uploading ${file.name}` });
  await expect.poll(async () => Number((await bar.getAttribute("aria-valuenow").catch(() => "0")) ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
  await dialog.getByRole("button", { name: `Cancel upload of ${file.name}` }).click();
  await expect(dialog.getByTestId("upload-item")).toContainText("Canceled");
  // The half-made record is discarded: the table never shows a stuck "pending" file.
  await expect(row(file.name)).toHaveCount(0);

  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await dialog.getByRole("button", { name: `Retry upload of ${file.name}` }).click();
  await expect(dialog.getByTestId("upload-item")).toContainText("Uploaded", { timeout: 30_000 });
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(row(file.name)).toContainText("Ready");
});

test("copy the public URL and download the exact bytes in another browser", async ({ browser, baseURL }) => {
  await page.getByRole("button", { name: `Copy link for ${fileA.name}` }).click();
  await expect(page.getByTestId("toast")).toContainText("Link copied");
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(`${baseURL}/v2/public/files/${fileIds[fileA.name]}`);
  publicUrls[fileA.name] = url;

  const other = await visitor(browser);
  const download = await downloadByVisiting(other.page, url);
  expect(download.suggestedFilename()).toBe(fileA.name);
  expect(await downloadDigest(download)).toBe(fileA.digest);

  // The public share page offers the same download.
  await other.page.goto(`/share/${fileIds[fileA.name]}`);
  await expect(other.page.getByRole("link", { name: "Download" })).toBeVisible();
  await shoot(other.page, "share-public");
  await other.ctx.close();
});

test("switch a file to an allowlist", async () => {
  await page.getByRole("button", { name: `Manage ${fileB.name}` }).click();
  const dialog = page.getByRole("dialog", { name: fileB.name });
  await expect(dialog).toBeVisible();
  await dialog.getByText("Only people you list").click();
  const box = dialog.getByRole("textbox", { name: "Who can download" });
  await box.fill(`${partner.toUpperCase()}, not-an-email`);
  await box.press("Enter");
  await expect(dialog.getByTestId("invalid-addresses")).toContainText("not-an-email");
  await expect(dialog.getByTestId("allowlist-count")).toHaveText("1 / 200");
  await expect(dialog.getByRole("list", { name: "Allowed addresses" })).toContainText(partner);
  await shoot(page, "manage-sharing", { fullPage: false });
  await box.fill("");
  await dialog.getByRole("button", { name: "Save access" }).click();
  await expect(page.getByTestId("toast").last()).toContainText("Shared with 1 address");
  await dialog.getByRole("button", { name: "Close dialog" }).click();
  await expect(row(fileB.name)).toContainText("Allowlist · 1");
});

test("a partner gets the allowlisted file through a magic link", async ({ browser }) => {
  const other = await visitor(browser);
  const id = fileIds[fileB.name];
  // Without a grant, the public URL sends a browser to the share page's email form.
  await other.page.goto(`/v2/public/files/${id}`);
  await expect(other.page).toHaveURL(new RegExp(`/share/${id}`));
  await expect(other.page.getByRole("heading", { name: fileB.name })).toBeVisible();
  await shoot(other.page, "share-allowlist");

  // An address that is not on the list gets a calm, expected "no" (no error box, no request id).
  await other.page.getByLabel("Your email").fill("stranger@example.org");
  allowConsoleError(other.page, /status of 403/);
  await other.page.getByRole("button", { name: "Email me a download link" }).click();
  await expect(other.page.getByTestId("not-on-list")).toContainText("isn’t on the list");
  await expect(other.page.getByTestId("request-id")).toHaveCount(0);

  await other.page.getByLabel("Your email").fill(partner);
  const since = new Date();
  await other.page.getByRole("button", { name: "Email me a download link" }).click();
  await expect(other.page.getByText("Check your inbox")).toBeVisible();
  await shoot(other.page, "share-link-sent");

  const link = await linkFromOutbox(partner, new RegExp(`/share/${id}/verify\\?token=`), since);
  await other.page.goto(link);
  const button = other.page.getByRole("button", { name: "Continue to download" });
  await expect(button).toBeVisible();
  await expect(other.page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await shoot(other.page, "share-verify");
  // A used or broken link sends the visitor back to the share page with the reason.
  const reasonPage = watchPage(await other.ctx.newPage());
  await reasonPage.goto(`/share/${id}?reason=invalid_magic_link`);
  await expect(reasonPage.getByText("That link is invalid, expired or already used")).toBeVisible();
  await shoot(reasonPage, "share-link-invalid");
  await reasonPage.close();

  const [download] = await Promise.all([other.page.waitForEvent("download"), button.click()]);
  expect(download.suggestedFilename()).toBe(fileB.name);
  expect(await downloadDigest(download)).toBe(fileB.digest);
  await other.ctx.close();

  // The manager sees who downloaded it.
  await page.getByRole("button", { name: `Manage ${fileB.name}` }).click();
  const dialog = page.getByRole("dialog", { name: fileB.name });
  await dialog.getByRole("tab", { name: "Activity" }).click();
  await expect(dialog.getByTestId("activity-item").filter({ hasText: `Downloaded by ${partner}` })).toBeVisible();
  await expect(dialog.getByTestId("activity-item").filter({ hasText: `Access link emailed to ${partner}` })).toBeVisible();
  await shoot(page, "file-activity", { fullPage: false });
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("extend an expiring campaign in one click", async () => {
  const before = await page.evaluate(() => Date.now());
  await page.getByRole("button", { name: `+30 days for ${fileA.name}` }).first().click();
  await expect(page.getByTestId("toast").last()).toContainText(`${fileA.name} now expires`);
  await expect(row(fileA.name)).not.toContainText("Expires soon");

  // The dialog shows the new date: about 37 days from now.
  await page.getByRole("button", { name: `Manage ${fileA.name}` }).click();
  const dialog = page.getByRole("dialog", { name: fileA.name });
  const expiry = await dialog.locator("[data-testid=current-expiry] time").getAttribute("datetime");
  const days = (Date.parse(expiry!) - before) / 86_400_000;
  expect(days).toBeGreaterThan(36.5);
  expect(days).toBeLessThan(37.5);
  await dialog.getByRole("button", { name: "Close dialog" }).click();
});

test("recover an expired file from the expired view", async () => {
  // A file that expires in two seconds, made through the same API with the session cookie.
  const created = await page.request.post(`/v2/handles/${handle}/files`, {
    data: { fileName: "old-teaser.txt", sizeBytes: 5, accessMode: "PUBLIC", expiresAt: new Date(Date.now() + 2000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const upload = await created.json();
  const put = await page.request.put(upload.uploadUrl, { headers: upload.uploadHeaders, data: Buffer.from("hello") });
  expect(put.ok()).toBe(true);
  await page.waitForTimeout(2500);

  // Visitors get a branded "expired" page, not an error body.
  const visitorPage = watchPage(await context.browser()!.newPage({ viewport: DESKTOP }));
  await visitorPage.goto(`/v2/public/files/${upload.file.id}`);
  await expect(visitorPage.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await shoot(visitorPage, "share-expired");
  await visitorPage.close();

  await page.getByRole("tab", { name: "Expired — recoverable" }).click();
  const expired = page.getByTestId("expired-row").filter({ hasText: "old-teaser.txt" });
  await expect(expired).toBeVisible();
  await shoot(page, "files-expired");
  await page.getByRole("button", { name: "Extend 30 days: old-teaser.txt" }).click();
  await expect(page.getByTestId("toast").last()).toContainText("old-teaser.txt is back online");
  await expect(expired).toHaveCount(0);

  await page.getByRole("tab", { name: "Active" }).click();
  await expect(row("old-teaser.txt")).toBeVisible();
});

test("delete a file after confirming", async () => {
  await page.getByRole("button", { name: `Delete ${fileB.name}` }).click();
  const confirm = page.getByRole("alertdialog", { name: `Delete ${fileB.name}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Keep file" })).toBeFocused();
  await shoot(page, "delete-confirm", { fullPage: false });
  await confirm.getByRole("button", { name: "Delete file" }).click();
  await expect(confirm).toBeHidden();
  await expect(row(fileB.name)).toHaveCount(0);
  await expect(page.getByTestId("toast").last()).toContainText(`${fileB.name} deleted`);

  // Its link now leads to a friendly "not here" page.
  const visitorPage = watchPage(await context.browser()!.newPage({ viewport: DESKTOP }));
  await visitorPage.goto(`/share/${fileIds[fileB.name]}`);
  await expect(visitorPage.getByRole("heading", { name: "This file isn’t here" })).toBeVisible();
  await shoot(visitorPage, "share-missing");

  // A file declared but not uploaded yet: its page says "not yet", calmly.
  const pending = await page.request.post(`/v2/handles/${handle}/files`, { data: { fileName: "coming-soon.zip", sizeBytes: 10, accessMode: "PUBLIC" } });
  const pendingId = (await pending.json()).file.id;
  await visitorPage.goto(`/share/${pendingId}`);
  await expect(visitorPage.getByRole("heading", { name: "Almost there" })).toBeVisible();
  await shoot(visitorPage, "share-not-yet-available");
  await visitorPage.close();
  await page.request.delete(`/v2/handles/${handle}/files/${pendingId}`);
});

test("docs policy: a confidential public policy is refused with the reason", async () => {
  await page.getByRole("link", { name: "Internal docs" }).click();
  await expect(page.getByRole("heading", { name: "Internal docs", exact: true })).toBeVisible();
  const form = page.getByRole("form", { name: "Docs access policy" });
  await expect(form.getByRole("radio", { name: /Members/ }).first()).toBeChecked();
  await shoot(page, "dashboard-docs");

  await form.getByRole("radio", { name: /^Public/ }).check();
  await expect(form.getByRole("switch", { name: "Confidential" })).toBeChecked();
  allowConsoleError(page, /status of 422/); // the refusal under test
  await form.getByRole("button", { name: "Save policy" }).click();
  const problem = page.getByTestId("problem");
  await expect(problem).toBeVisible();
  await expect(problem).toContainText(/confidential/i);
  await expect(problem.getByTestId("request-id")).not.toBeEmpty();
  await shoot(page, "docs-422");

  // Every error can be reported, pre-filled with the handle and the request id.
  await problem.getByRole("button", { name: "Report a problem" }).click();
  const report = page.getByRole("dialog", { name: "Report a problem" });
  await expect(report).toContainText(handle);
  await expect(report.getByLabel("Summary")).toHaveValue(/Saving the docs policy/);
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByTestId("report-id")).toHaveText(/\S+/);
  await shoot(page, "report-problem", { fullPage: false });
  await report.getByRole("button", { name: "Done" }).click();

  // Without "confidential" the same policy is accepted (maybe with warnings).
  await form.getByRole("switch", { name: "Confidential" }).uncheck();
  await form.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByTestId("toast").last()).toContainText(/Policy saved|Docs policy saved/);
  await shoot(page, "docs-saved");
});

test("publish a markdown doc and open it at its edge URL", async () => {
  await page.getByRole("button", { name: "Upload docs" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload internal docs" });
  await dialog.getByLabel("Folder (optional)").fill("brand");
  await dialog.getByTestId("file-input").setInputFiles([
    { name: "guidelines.md", mimeType: "text/markdown", buffer: Buffer.from("# Brand guidelines\n\nUse the blue logo on white.\n") },
  ]);
  await expect(dialog.getByTestId("upload-item")).toHaveCount(1);
  await auditScreen(page, "docs-upload-dialog");
  await dialog.getByRole("button", { name: "Upload", exact: true }).click();
  await expect(dialog.getByTestId("upload-item")).toContainText("Uploaded");
  await dialog.getByRole("button", { name: "Done" }).click();

  const doc = page.getByTestId("doc-row").filter({ hasText: "brand/guidelines.md" });
  await expect(doc).toBeVisible();
  const edgeUrl = await doc.getByRole("link").getAttribute("href");
  expect(edgeUrl).toMatch(new RegExp(`/_edge/docs/${handle}/brand/guidelines\\.md$`));
  await shoot(page, "docs-list");

  const reader = await context.newPage();
  await reader.goto(edgeUrl!);
  await expect(reader.getByRole("heading", { name: "Brand guidelines" })).toBeVisible();
  await reader.close();
});

test("create a token, see it once, revoke it", async () => {
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", exact: true })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("CI release upload");
  await page.getByRole("checkbox", { name: /files\.write/ }).check();
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();

  const secret = page.getByLabel("New token secret");
  await expect(secret).toHaveValue(/^ghf_/);
  await page.getByRole("button", { name: "Copy token" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secret.inputValue());
  const tokenRow = page.getByTestId("token-row").filter({ hasText: "CI release upload" });
  await expect(tokenRow).toContainText("Active");
  await expect(tokenRow).toContainText("Never");
  await shoot(page, "tokens");

  await page.getByRole("button", { name: "Revoke CI release upload" }).click();
  await auditScreen(page, "token-revoke-confirm");
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(tokenRow).toContainText("Revoked");
  await expect(secret).toHaveCount(0); // shown once: gone for good
});

test("members: invite and change a role", async () => {
  await page.getByRole("link", { name: "Members" }).click();
  const colleague = uniqueEmail("colleague");
  await page.getByLabel("Email", { exact: true }).fill(colleague);
  await page.locator("#invite-role").selectOption("VIEWER");
  await page.getByRole("button", { name: "Add member" }).click();
  const member = page.getByTestId("member-row").filter({ hasText: colleague });
  await expect(member).toBeVisible();
  await member.getByRole("combobox").selectOption("CREATOR");
  await expect(page.getByTestId("toast").last()).toContainText(`${colleague} is now creator`);
  await shoot(page, "members");
});

test("create a second handle and switch between them", async () => {
  const second = uniqueHandle("acme-eu");
  await page.locator("summary", { hasText: handle }).click();
  await page.getByRole("link", { name: "Create a handle" }).click();
  await page.getByLabel("Handle", { exact: true }).fill(second);
  await page.getByRole("button", { name: "Create handle" }).click();
  await page.waitForURL(`**/dashboard/${second}`);
  await expect(page.getByText("No files yet")).toBeVisible();

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Choose a handle" })).toBeVisible();
  await shoot(page, "handle-picker");
  await page.getByRole("link", { name: new RegExp(`^${handle}`) }).click();
  await page.waitForURL(`**/dashboard/${handle}`);
  await expect(row(fileA.name)).toBeVisible();
});

test("sign out", async () => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/signin/);
  await page.goto(`/dashboard/${handle}`);
  await expect(page).toHaveURL(/\/signin/);
});
