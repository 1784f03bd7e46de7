import { join } from "node:path";
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
  await row.getByText(/operation\(s\)/).click();
  await expect(row).toContainText("POST /users/{user_id}/playlists");
});
