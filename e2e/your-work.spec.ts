// Each person's own work first: reviewers and approvers land on what waits for them, with its
// count in the navigation; executives land on the overview.
import { expect, test } from "@playwright/test";
import { seriousViolations, storageStateOf } from "./fixtures";

test("an owner lands on their work, counted, and reaches the queue in one click", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateOf("owner") })).newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/work$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your work" })).toBeVisible();
  const reviews = page.getByRole("listitem").filter({ hasText: "Review items waiting for your decision" });
  const count = Number((await reviews.getByTestId("work-count").innerText()).replace(/\D/g, ""));
  expect(count, "the demo's running review waits for owner@").toBeGreaterThan(0);
  // The navigation carries what waits, for screen readers too.
  const nav = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Your work/ });
  await expect(nav).toContainText(String(count));
  await expect(nav).toHaveAccessibleName(new RegExp(`Your work.*${count} waiting`));
  expect(await seriousViolations(page)).toEqual([]);
  await reviews.getByRole("link", { name: "Open your review queue" }).click();
  await expect(page).toHaveURL(/\/reviews\/inbox$/);
});

test("an executive, who has no queue, lands on the overview", async ({ browser }) => {
  const page = await (await browser.newContext({ storageState: storageStateOf("exec") })).newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Your work/ })).toHaveCount(0);
});
