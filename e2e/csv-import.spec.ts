import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

// A spreadsheet saved as Excel's plain "CSV" on Windows is Windows-1252: the import page reads it
// as such, says so, and the names keep their letters.
test.use({ storageState: storageStateOf("admin") });

test("a Windows-1252 file is read as such, said so, and imported with its accents", async ({ page }) => {
  const name = `Zürich-svc-${Date.now().toString(36)}`;
  const text = `name,kind,environment,team,isCiPipeline\r\n${name},SERVICE,STAGING,Payments,TRUE\r\n`;
  // Windows-1252 has ü at 0xFC, as Latin-1 does.
  const bytes = Buffer.from(text, "latin1");
  await page.goto("/import");
  await page.getByLabel("The file holds").selectOption("consumers");
  await page.getByLabel("CSV file").setInputFiles({ name: "consumers.csv", mimeType: "text/csv", buffer: bytes });
  await expect(page.getByText("it was read as Windows-1252")).toBeVisible();
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: "1 row: 1 to create, 0 to update, 0 unchanged" })).toBeVisible();
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await expect(page.getByRole("status")).toContainText("Imported: 1 created");
  await page.goto(`/consumers?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
});

// Files past a server action's body once got a 500 with no message and a disabled button; a file
// past the form's limit is refused when chosen, before megabytes travel (the route's own 413 is
// in tests/security/uploads.spec.ts).
test("a file over a megabyte is checked, and one over 50 MB is refused in words", async ({ page }) => {
  await page.goto("/import");
  await page.getByLabel("The file holds").selectOption("consumers");
  const long = `name,kind,environment,team,description\r\nbulky-svc,SERVICE,STAGING,Payments,${"d".repeat(1_200_000)}\r\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "bulky.csv", mimeType: "text/csv", buffer: Buffer.from(long) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText("1 row needs attention")).toBeVisible();
  await expect(page.getByRole("cell", { name: /description/ })).toBeVisible();

  // From a file on disk: the browser reads it where it lies, as it would a user's.
  const huge = test.info().outputPath("huge.csv");
  mkdirSync(dirname(huge), { recursive: true });
  writeFileSync(huge, Buffer.alloc(51_000_000, "a"));
  await page.getByLabel("CSV file").setInputFiles(huge);
  await expect(page.getByRole("status")).toContainText("The file is 51 MB; this form takes at most 50 MB.");
  await expect(page.getByRole("button", { name: "Check the file" })).toBeDisabled();
});

// A file of many rows is checked and written a chunk at a time: the page follows each with a
// progress bar and ends on the outcome.
test("a file of many rows shows its progress, then its outcome", async ({ page }) => {
  const prefix = `batch-${Date.now().toString(36)}`;
  const rows = Array.from({ length: 400 }, (_, i) => `${prefix}-${i},SERVICE,STAGING,Payments,row ${i}`);
  await page.goto("/import");
  await page.getByLabel("The file holds").selectOption("consumers");
  await page.getByLabel("CSV file").setInputFiles({
    name: "many.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`name,kind,environment,team,description\r\n${rows.join("\r\n")}\r\n`),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("progressbar", { name: "Check of the file" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "400 rows: 400 to create, 0 to update, 0 unchanged" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Import 400 rows" }).click();
  await expect(page.getByRole("progressbar", { name: "Import of the file" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Imported: 400 created, 0 updated, 0 unchanged.", { timeout: 60_000 });
  await page.goto(`/consumers?q=${prefix}-399`);
  await expect(page.getByRole("link", { name: `${prefix}-399` })).toBeVisible();
});
