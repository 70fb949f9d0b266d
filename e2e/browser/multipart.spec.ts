import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { allowConsoleError, watchPage } from "./support/axe";
import { DESKTOP, shoot } from "./support/screens";
import { signIn, uniqueEmail, uniqueHandle } from "./support/session";

// Resumable uploads in the dashboard (resumable uploads: docs/architecture.md, upload lifecycle), against the suite's server with its
// defaults (threshold 16 MiB, 8 MiB parts): a 36 MiB file goes up in 5 parts, 4 in flight.
test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

const MiB = 1024 * 1024;
const SIZE = 36 * MiB + 123;
const PART_COUNT = 5;
const handle = uniqueHandle("bigfiles");
const dir = mkdtempSync(path.join(os.tmpdir(), "gharart-multipart-"));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A file on disk, so that picking it again gives the same name, size and last-modified time. */
function fileOnDisk(name: string, size = SIZE) {
  const file = path.join(dir, name);
  writeFileSync(file, randomBytes(size));
  return { name, path: file, digest: sha256(readFileSync(file)) };
}

let context: BrowserContext;
let page: Page;
const row = (name: string) => page.getByTestId("file-row").filter({ hasText: name });
const dialog = () => page.getByRole("dialog", { name: "Upload files" });

/** The bytes anyone downloading the file gets, through its public URL. */
async function downloadedDigest(name: string): Promise<string> {
  const fileId = await row(name).getAttribute("data-file-id");
  const response = await page.request.get(`/v2/public/files/${fileId}`);
  expect(response.status()).toBe(200);
  return sha256(await response.body());
}

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ viewport: DESKTOP });
  context.on("page", watchPage);
  page = watchPage(await context.newPage());
  // Cut connections are what these tests do: the browser logs each failed part.
  allowConsoleError(page, /net::ERR_|Failed to load resource/);
  await signIn(page, uniqueEmail("bigfiles"));
  await page.getByLabel("Handle", { exact: true }).fill(handle);
  await page.getByRole("button", { name: "Create handle" }).click();
  await page.waitForURL(`**/dashboard/${handle}`);
});

test.afterAll(async () => {
  await context?.close();
});

test("the network drops in the middle of a multipart upload: it retries and ends with the exact bytes", async () => {
  const file = fileOnDisk("launch-film.mov");
  // Of the 4 parts sent at once, 2 lose their connection and the browser is offline for 4 s
  // (the retries' fresh part URLs cannot be fetched either); then the network is back.
  let dropped = 0;
  const partPuts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") partPuts.push(request.url());
  });
  const isPartPut = (url: URL) => url.pathname.startsWith("/storage/") || url.searchParams.has("uploadId");
  await page.route(isPartPut, async (route) => {
    if (++dropped === 1) {
      await context.setOffline(true);
      setTimeout(() => void context.setOffline(false), 4000);
    }
    await route.abort("internetdisconnected").catch(() => undefined); // offline may have failed it first
  }, { times: 2 });
  await page.getByRole("button", { name: "Upload files" }).first().click();
  await dialog().getByTestId("file-input").setInputFiles(file.path);
  await expect(dialog().getByTestId("upload-item")).toContainText("36.0 MB");
  await dialog().getByRole("button", { name: "Upload", exact: true }).click();

  await expect.poll(() => dropped, { timeout: 30_000 }).toBe(2);
  await expect(dialog().getByTestId("upload-item")).not.toContainText("Failed"); // still trying, with backoff
  await shoot(page, "multipart-progress", { fullPage: false, phone: false });
  await expect(dialog().getByTestId("upload-item")).toContainText("Uploaded", { timeout: 120_000 });
  expect(partPuts.length, "the dropped parts were sent again").toBeGreaterThanOrEqual(PART_COUNT + 2);
  await dialog().getByRole("button", { name: "Done" }).click();
  await expect(row(file.name)).toContainText("Ready");
  expect(await downloadedDigest(file.name)).toBe(file.digest);
});

test("a reload in the middle: the dialog offers Resume, checks the file, and sends only the missing parts", async () => {
  const file = fileOnDisk("brand-master.psd");
  const other = fileOnDisk("brand-master-v2.psd", SIZE);
  await page.getByRole("button", { name: "Upload files" }).first().click();
  await dialog().getByTestId("file-input").setInputFiles(file.path);
  // Two parts get through; the others hang until the reload cuts them.
  let partsLetThrough = 0;
  const isPartPut = (url: URL) => url.pathname.startsWith("/storage/") || url.searchParams.has("uploadId");
  await page.route(isPartPut, async (route) => {
    if (++partsLetThrough <= 2) await route.continue();
  });
  await dialog().getByRole("button", { name: "Upload", exact: true }).click();

  // Wait until the server holds at least two whole parts, then reload mid-upload.
  const key = `gharart.pending-uploads.${handle}`;
  await expect.poll(async () => (await page.evaluate((k) => localStorage.getItem(k), key)) !== null, { timeout: 30_000 }).toBe(true);
  const [pending] = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key))!) as { fileId: string; partCount: number }[];
  expect(pending.partCount).toBe(PART_COUNT);
  const storedParts = async () => ((await (await page.request.get(`/v2/handles/${handle}/files/${pending.fileId}/upload-parts`)).json()) as { parts: unknown[] }).parts.length;
  await expect.poll(storedParts, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  await page.reload();
  await page.unrouteAll({ behavior: "ignoreErrors" });

  const partPuts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PUT") partPuts.push(request.url());
  });
  await page.getByRole("button", { name: "Upload files" }).first().click();
  const unfinished = dialog().getByTestId("unfinished-upload").filter({ hasText: file.name });
  await expect(unfinished).toBeVisible();
  await shoot(page, "multipart-resume", { fullPage: false });

  // Another file (same size, other name and date) is refused before anything is sent.
  let chooser = page.waitForEvent("filechooser");
  await unfinished.getByRole("button", { name: `Resume upload of ${file.name}` }).click();
  await (await chooser).setFiles(other.path);
  await expect(unfinished.getByRole("alert")).toContainText("not the same file");
  await shoot(page, "multipart-resume-wrong-file", { fullPage: false, phone: false });
  expect(partPuts).toEqual([]);

  const storedBeforeResume = await storedParts();
  expect(storedBeforeResume).toBeLessThan(PART_COUNT);
  chooser = page.waitForEvent("filechooser");
  await unfinished.getByRole("button", { name: `Resume upload of ${file.name}` }).click();
  await (await chooser).setFiles(file.path);
  await expect(dialog().getByTestId("upload-item").filter({ hasText: file.name })).toContainText("Uploaded", { timeout: 120_000 });
  expect(storedBeforeResume).toBe(2);
  expect(partPuts.length, `only the missing parts were sent (${storedBeforeResume} of ${PART_COUNT} stored before)`).toBe(PART_COUNT - storedBeforeResume);
  expect(await page.evaluate((k) => localStorage.getItem(k), key), "nothing left to resume").toBeNull();
  await dialog().getByRole("button", { name: "Done" }).click();
  await expect(row(file.name)).toContainText("Ready");
  expect(await downloadedDigest(file.name)).toBe(file.digest);
});
