import { expect, test } from "@playwright/test";
import { seriousViolations, storageStateOf } from "./fixtures";

test("the sign-in page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe("console screens", () => {
  test.use({ storageState: storageStateOf("admin") });
  for (const path of [
    "/work",
    "/dashboard",
    "/dashboard/tokens",
    "/dashboard/scopes",
    "/dashboard/agents",
    "/apis",
    "/consumers",
    "/grants",
    "/roles",
    "/audit",
    "/settings/users",
    "/apis/new",
    "/consumers/new",
    "/reviews",
    "/reviews/new",
    "/reviews/inbox",
    "/requests",
    "/requests/new",
    "/settings/policies",
    "/settings/tokens",
    "/findings",
    "/import",
    "/apis/import",
  ]) {
    test(`${path} has no serious accessibility violations and fits a desktop and a phone`, async ({ page }) => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), `${viewport.width} px`).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
      }
    });
  }

  test("detail pages have no serious accessibility violations", async ({ page }) => {
    await page.goto("/consumers?kind=AGENT");
    await page.getByRole("table").locator("tbody").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Credentials/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByRole("link", { name: /acts|Payments analyst|Support agent|analyst|engineer|manager|partner|coordinator|specialist|controller/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: /^Baseline scopes/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
