import { expect, test } from "@playwright/test";
import { seriousViolations, storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("exec") });

test("the executive reads every dashboard and follows them to the lists behind", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByText("Open findings by OWASP Non-Human Identities Top 10 (2025) item").first()).toBeVisible();
  // Seeded snapshots give every figure its change over 30 days.
  await expect(page.getByText(/over 30 days/).first()).toBeVisible();
  // The chart's numbers are there as a table too.
  await page.getByRole("button", { name: "Show as table" }).first().click();
  await expect(page.getByRole("table", { name: /Open findings by OWASP/ })).toContainText("NHI5");
  expect(await seriousViolations(page)).toEqual([]);

  for (const [tab, heading, chart] of [
    ["Token lifetimes", "Token lifetimes", "Access-token lifetime by consumer kind"],
    ["Scope breadth", "Scope breadth", "Scope breadth per grant"],
    ["Agents vs human roles", "Agents vs human roles", "Scopes within and beyond the comparable role, by agent"],
  ]) {
    await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: tab }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(chart!, { exact: true }).first()).toBeVisible();
    expect(await seriousViolations(page), tab).toEqual([]);
  }

  // Filters apply to every card and travel between tabs.
  await page.getByLabel("Team (of the consumers)").selectOption({ label: "AI Platform" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/teamId=/);
  await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/dashboard\?teamId=/);
  await page.getByRole("link", { name: "Clear filters" }).click();

  // "Agents above baseline" leads to exactly those agents in the consumers list.
  await page.getByRole("link", { name: /Agents above baseline \((\d+) of/ }).click();
  await expect(page).toHaveURL(/\/consumers\?.*finding=AGENT_ABOVE_BASELINE/);
  await expect(page.getByRole("heading", { level: 1, name: "Consumers" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Consumers" }).locator("tbody tr");
  await expect(rows.first()).toContainText(/agent/i);

  // A finding leads to its consumer, which shows it.
  await page.goto("/findings?rule=LEAKED_CREDENTIAL");
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  const first = page.getByRole("table", { name: "Findings" }).locator("tbody tr").first();
  await expect(first).toContainText("NHI2:2025");
  const consumer = await first.getByRole("link").first().innerText();
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: consumer })).toBeVisible();
  await expect(page.getByRole("table", { name: "Open findings" })).toContainText("Leaked credential still valid");
});
