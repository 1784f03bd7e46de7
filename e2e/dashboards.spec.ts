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

  // The agents headline leads to exactly those agents in the consumers list.
  await page.getByRole("link", { name: /Agents with more access than a comparable human/ }).click();
  await expect(page).toHaveURL(/\/consumers\?.*finding=AGENT_ABOVE_BASELINE/);
  await expect(page.getByRole("heading", { level: 1, name: "Consumers" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Consumers" }).locator("tbody tr");
  await expect(rows.first()).toContainText(/agent/i);

  // A finding leads to its consumer, which shows it.
  await page.goto("/findings?rule=LEAKED_CREDENTIAL");
  await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
  const first = page.getByRole("table", { name: "Findings", exact: true }).locator("tbody tr").first();
  await expect(first).toContainText("NHI2:2025");
  const consumer = await first.getByRole("link").first().innerText();
  await first.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: consumer })).toBeVisible();
  await expect(page.getByRole("table", { name: "Open findings" })).toContainText("Leaked credential still valid");
});

test("headline figures show status by their targets, trends, and 30-day changes under a filter", async ({ page }) => {
  await page.goto("/dashboard");
  const headlines = page.getByRole("region", { name: "Headline figures" }).getByRole("link");
  await expect(headlines).toHaveCount(6);
  const colourOf = new Map<string, Set<string>>();
  for (const card of await headlines.all()) {
    const text = await card.innerText();
    const [, value] = text.match(/\n([\d,.]+)%?\n/) ?? [];
    const [, status, direction, target] = text.match(/(On target|Near target|Off target) · target (≤|≥) ([\d.]+)/) ?? [];
    expect(value, text).toBeDefined();
    const n = Number(value!.replaceAll(",", ""));
    const meets = direction === "≤" ? n <= Number(target) : n >= Number(target);
    // On target exactly when the value meets the target; the colour says the same as the words.
    expect(status === "On target", text).toBe(meets);
    const border = await card.evaluate((el) => getComputedStyle(el).borderLeftColor);
    colourOf.set(status!, (colourOf.get(status!) ?? new Set()).add(border));
    await expect(card.getByRole("img")).toHaveAttribute("aria-label", /from .+ to .+ over \d+ days/);
  }
  // One colour per status, and a different one for each: the colour says what the words say.
  expect([...colourOf.values()].every((set) => set.size === 1)).toBe(true);
  expect(new Set([...colourOf.values()].flatMap((set) => [...set])).size).toBe(colourOf.size);
  expect(colourOf.size, "the demo has figures on and off target").toBeGreaterThan(1);
  // The agents figure is drawn against the industry's 70%.
  await expect(headlines.filter({ hasText: "comparable human" })).toContainText("Industry (share of organisations): 70%");
  // The five things to fix first, each leading to its list.
  const fix = page.getByRole("region", { name: "Fix first" }).getByRole("link");
  await expect(fix).toHaveCount(5);
  await expect(fix.first()).toHaveAttribute("href", /\/findings\?rule=/);

  // Under a team and environment filter, figures still show their change over 30 days.
  await page.getByLabel("Team (of the consumers)").selectOption({ label: "AI Platform" });
  await page.getByLabel("Environment").selectOption("PRODUCTION");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/teamId=.*environment=PRODUCTION|environment=PRODUCTION.*teamId=/);
  await expect(headlines.first()).toContainText(/over 30 days/);
  await expect(headlines.first()).not.toContainText("No figure from 30 days ago yet");
});
