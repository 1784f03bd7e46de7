import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { seriousViolations, storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("owner") });

test("an owner imports the Spotify document and sees its scopes and the operations each permits", async ({ page }) => {
  await page.goto("/apis");
  await page.getByRole("link", { name: "Import from OpenAPI" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import an API" })).toBeVisible();
  await page.getByLabel(/OpenAPI 3.x or Swagger 2.0 document/).setInputFiles(join(process.cwd(), "tests/fixtures/openapi/spotify-web-api.openapi3.yaml"));
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.locator("p.text-red-700", { hasText: "Choose a team" })).toBeVisible();
  await page.getByLabel("Team").selectOption({ label: "Customer Experience" });
  await page.getByLabel("Environment").selectOption("STAGING");
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("heading", { name: /^Creates Spotify Web API/ })).toBeVisible();
  await expect(page.getByTestId("import-counts")).toHaveText("19 scopes (19 new, 0 already there, 0 to remove), 97 operations.");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Import", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: /Spotify Web API/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scopes (19)" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "playlist-modify-public" });
  await expect(row).toContainText("Write");
  await row.getByText(/operations?$/).click();
  await expect(row).toContainText("POST /users/{user_id}/playlists");
});

test("a large document is written in the background while the page shows its progress, then links to the API", async ({ page }) => {
  // 5,000 operations each requiring 20 of 100 scopes: 100,000 (operation, scope) pairs, a 1.7 MB file.
  const scopes = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`inventory:s${i}`, `Inventory scope ${i}`]));
  const names = Object.keys(scopes);
  const paths = Object.fromEntries(
    Array.from({ length: 5_000 }, (_, i) => [
      `/items/${i}`,
      { get: { responses: { "200": { description: "ok" } }, security: [{ oauth: names.slice(i % 80, (i % 80) + 20) }] } },
    ]),
  );
  const document = {
    openapi: "3.0.3",
    info: { title: "Warehouse Inventory API", version: "7" },
    paths,
    components: { securitySchemes: { oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://idp.example.test/token", scopes } } } } },
  };

  await page.goto("/apis/import");
  await page
    .getByLabel(/OpenAPI 3.x or Swagger 2.0 document/)
    .setInputFiles({ name: "inventory.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(document)) });
  await page.getByLabel("Team").selectOption({ label: "Customer Experience" });
  await page.getByLabel("Environment").selectOption("STAGING");
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toHaveText("100 scopes (100 new, 0 already there, 0 to remove), 5000 operations.");
  await page.getByRole("button", { name: "Import", exact: true }).click();

  const job = page.getByTestId("import-job");
  await expect(job.getByRole("heading", { name: "Importing Warehouse Inventory API" })).toBeVisible();
  await expect(job).toContainText("5,000 operations and 100,000 (operation, scope) pairs");
  await expect(job.getByRole("progressbar", { name: "Importing Warehouse Inventory API" })).toBeVisible();
  await expect(job.getByRole("link", { name: "Open Warehouse Inventory API" })).toBeVisible({ timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await job.getByRole("link", { name: "Open Warehouse Inventory API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Warehouse Inventory API/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Scopes (100)" })).toBeVisible();
});

// A 1.5 MB document once reset the connection; one over the promised 20 MB is refused in words
// as soon as it is chosen.
test("a document of several megabytes previews, and one over 20 MB is refused in words", async ({ page }) => {
  const spotify = readFileSync(join(process.cwd(), "tests/fixtures/openapi/spotify-web-api.openapi3.yaml"), "utf8");
  await page.goto("/apis/import");
  await page.getByLabel("Team").selectOption({ label: "Customer Experience" });
  // YAML comments weigh without changing what the document says.
  const padded = `${spotify}\n${"# padding to weigh the document\n".repeat(50_000)}`;
  await page
    .getByLabel(/OpenAPI 3.x or Swagger 2.0 document/)
    .setInputFiles({ name: "spotify.yaml", mimeType: "application/yaml", buffer: Buffer.from(padded) });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByTestId("import-counts")).toContainText("97 operations");

  // From a file on disk: the browser reads it where it lies, as it would a user's.
  const huge = test.info().outputPath("huge.yaml");
  mkdirSync(dirname(huge), { recursive: true });
  writeFileSync(huge, Buffer.alloc(21_000_000, "#"));
  await page.getByLabel(/OpenAPI 3.x or Swagger 2.0 document/).setInputFiles(huge);
  // Refused when chosen, before megabytes travel (the route's own 413 is in tests/security/uploads.spec.ts).
  await expect(page.getByRole("status")).toContainText("The document is 21 MB; this form takes at most 20 MB.");
  await expect(page.getByRole("button", { name: "Preview the import" })).toBeDisabled();
});
