import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

// The owner's queue in the demo: 137 items over three pages. These tests read it and leave
// drafts at most; nothing is submitted.
test.use({ storageState: storageStateOf("owner"), viewport: { width: 1440, height: 900 } });

test("shows at least eight items at 1440×900 beside the open item's evidence and controls", async ({ page }) => {
  await page.goto("/reviews/inbox");
  const rows = page.getByRole("list", { name: "Items" }).getByRole("listitem");
  await expect(rows.first()).toBeVisible();
  const inView = await rows.evaluateAll((list) => list.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length);
  expect(inView).toBeGreaterThanOrEqual(8);
  const detail = page.getByRole("region", { name: "Item detail" });
  await expect(detail.getByRole("button", { name: "Approve", exact: true })).toBeInViewport();
  await expect(detail.getByRole("button", { name: "Revoke", exact: true })).toBeInViewport();
  // Risk ranks: bands come from the organisation's own spread, with the scale stated.
  await expect(detail).toContainText(/Risk score \d+ on a scale of 0–\d+ across \d+ current review items/);
  const bands = await rows.locator("[data-band]").evaluateAll((list) => list.map((b) => b.getAttribute("data-band")));
  expect(bands.filter((b) => b === "HIGH").length).toBeLessThan(bands.length);
});

test("every key does its action and types nothing", async ({ page }) => {
  await page.goto("/reviews/inbox");
  const rows = page.getByRole("list", { name: "Items" }).getByRole("listitem");
  const detail = page.getByRole("region", { name: "Item detail" });
  const comment = detail.getByLabel(/^Comment/);
  const body = page.locator("body");
  await expect(rows.nth(1)).toBeVisible();
  await body.click({ position: { x: 5, y: 5 } });

  await page.keyboard.press("j");
  await expect(rows.nth(1)).toHaveAttribute("data-current", "true");
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toHaveAttribute("data-current", "true");

  await page.keyboard.press("x");
  await expect(rows.nth(0)).toHaveAttribute("data-selected", "true");
  await expect(page.getByRole("region", { name: "Bulk decision" })).toContainText("1 item selected");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Bulk decision" })).toHaveCount(0);

  await page.keyboard.press("c");
  await expect(comment).toBeFocused();
  await expect(comment).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(comment).not.toBeFocused();

  await page.keyboard.press("d");
  const keep = detail.getByRole("group", { name: "Scopes to keep" }).getByRole("checkbox").first();
  await expect(keep).toBeFocused();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(detail.getByRole("group", { name: "Scopes to keep" })).toHaveCount(0);

  await page.keyboard.press("s");
  const to = detail.getByRole("combobox", { name: "To" });
  await expect(to).toBeFocused();
  await expect(to).toHaveValue("");
  await page.keyboard.press("Escape");

  await page.keyboard.press("Enter");
  await expect(detail.getByRole("heading", { level: 2 })).toBeFocused();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keys in the review queue" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("rowheader", { name: "Ctrl / ⌘ + Enter" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Against the recommendation, a and r ask for the reason first and decide nothing.
  const recommendation = (await detail.getByText(/^Recommendation:/).innerText()).replace("Recommendation: ", "");
  await body.click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(recommendation === "approve" ? "r" : "a");
  await expect(comment).toBeFocused();
  await expect(comment).toHaveValue("");
  await expect(detail.getByText("Not decided yet.")).toBeVisible();

  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("dialog", { name: "Submit your decisions?" })).toBeVisible();
  await page.getByRole("button", { name: /Not yet|Close/ }).click();
  await expect(comment).toHaveValue("");
});

test("the submit summary counts drafts on every page of the queue", async ({ page }) => {
  // One demo campaign's queue (over 50 items, so more than one page), which no other test submits.
  await page.goto("/reviews");
  await page.getByRole("link", { name: "Agent access to owner APIs" }).click();
  await page.getByRole("link", { name: "My items in this campaign" }).click();
  await expect(page).toHaveURL(/campaignId=/);
  const queue = page.url();
  await page.goto(`${queue}&page=2`);
  const detail = page.getByRole("region", { name: "Item detail" });
  await detail.getByLabel(/^Comment/).fill("Checked with the consumer owner");
  await detail.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(detail.getByText("Your decision: approve")).toBeVisible();

  await page.goto(queue);
  const [, onThisPage] = (await page.getByText(/\d+ decided on this page/).innerText()).match(/(\d+) decided on this page/) ?? [];
  await page.getByRole("button", { name: "Submit…" }).click();
  const summary = page.getByRole("dialog", { name: "Submit your decisions?" });
  // The draft on page 2 is counted although page 1 is open.
  const [, total] = (await summary.getByText(/Submitting closes your stage for/).innerText()).match(/for (\d+) items? across every page/) ?? [];
  expect(Number(total)).toBe(Number(onThisPage) + 1);
  await summary.getByRole("button", { name: "Not yet" }).click();
  await expect(summary).toBeHidden();
});

test("on a phone the open item covers the queue with its decisions at hand, and the menu folds away", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/reviews/inbox");
  // The navigation waits behind its button; the queue starts on the first screen.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(page.getByRole("link", { name: "Grants" })).toBeHidden();
  const rows = page.getByRole("list", { name: "Items" }).getByRole("listitem");
  await expect(rows.first()).toBeInViewport();
  const detail = page.getByRole("region", { name: "Item detail" });
  await expect(detail).toBeHidden();

  await rows.first().getByRole("button").click();
  await expect(detail).toBeVisible();
  // The decision controls sit at the bottom of the screen, within a thumb's reach.
  const approve = detail.getByRole("button", { name: "Approve", exact: true });
  await expect(approve).toBeInViewport();
  const box = await approve.boundingBox();
  expect(box!.y).toBeGreaterThan(844 / 2);
  await detail.getByRole("button", { name: "← Back to the queue" }).click();
  await expect(detail).toBeHidden();

  await menu.click();
  await expect(page.getByRole("link", { name: "Grants" })).toBeVisible();
});

test("bulk approval refuses items recommended for revocation without the override, changing nothing", async ({ page }) => {
  await page.goto("/reviews/inbox");
  const rows = page.getByRole("list", { name: "Items" }).getByRole("listitem");
  const toRevoke = rows.filter({ hasText: "Recommended: revoke" }).filter({ hasNotText: "(draft)" }).first();
  await toRevoke.getByRole("checkbox").click();
  const bulk = page.getByRole("region", { name: "Bulk decision" });
  await expect(bulk).toContainText("1 item selected");
  const override = bulk.getByRole("checkbox", { name: /recommended for revocation anyway/ });
  await expect(override).toBeVisible();
  await bulk.getByPlaceholder(/Comment for all of them/).fill("Still needed by the team");
  await bulk.getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: /recommended for revocation: confirm you approve against the recommendation/ })).toBeVisible();
  await expect(toRevoke).not.toContainText("(draft)");
  // Accepting the recommendation needs no override: the item is revoked, as a draft.
  await bulk.getByRole("button", { name: "Accept the recommendations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decided 1 item: 0 approved, 1 revoked" })).toBeVisible();
});
