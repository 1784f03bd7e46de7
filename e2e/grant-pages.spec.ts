import { type Page, expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("auditor") });

/** What the page's rows show, one line each: a page is told apart by what it lists. */
const rowsOf = (page: Page) => page.getByRole("table", { name: "Grants" }).locator("tbody tr").allInnerTexts();

test("grants sorted by last use page forward and back from a row, not a page number", async ({ page }) => {
  await page.goto("/grants?sort=lastUsedAt&dir=desc&pageSize=25");
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await expect(pagination).toContainText(/25 shown of [\d,]+ grants/);
  await expect(pagination.getByText("← Previous")).not.toHaveAttribute("href");
  const first = await rowsOf(page);
  expect(first).toHaveLength(25);

  await pagination.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  const second = await rowsOf(page);
  expect(second).toHaveLength(25);
  expect(second).not.toEqual(first);

  await pagination.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  expect(await rowsOf(page)).toEqual(first);

  // Changing the sort starts again from the top, without the cursor of another order.
  await page.getByRole("link", { name: /Created/ }).click();
  await expect(page).not.toHaveURL(/before=|after=/);

  // A cursor edited by hand shows the first page rather than an error.
  await page.goto("/grants?sort=lastUsedAt&dir=desc&pageSize=25&after=not-a-cursor");
  expect(await rowsOf(page)).toEqual(first);
});
