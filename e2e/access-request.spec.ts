import { type Browser, type Page, expect, test } from "@playwright/test";
import { seriousViolations, signIn, storageStateOf } from "./fixtures";

// owner@ owns the agent payments-copilot (comparable role: Payments analyst, whose baseline
// holds signals:read but not signals:write). Fraud Signals API belongs to
// partner-integrations.1; owner@'s manager is manager@.
const API_OWNER = "partner-integrations.1@scopeward.test";

async function as(browser: Browser, who: "owner" | "manager" | "admin" | typeof API_OWNER): Promise<Page> {
  if (who.includes("@")) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, who as typeof API_OWNER);
    return page;
  }
  return (await browser.newContext({ storageState: storageStateOf(who as "owner") })).newPage();
}

async function fileRequest(page: Page, api: string, scopes: string[], exception: string) {
  await page.goto("/requests/new");
  await page.getByLabel("Consumer", { exact: true }).selectOption({ label: "payments-copilot (Agent, Production)" });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Find an API").fill(api.split(" ")[0]!);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: new RegExp(`^${api}`) }).click();
  for (const scope of scopes) await page.getByRole("checkbox", { name: new RegExp(`^${scope} `) }).check();
  await page.getByLabel("Justification", { exact: true }).fill("Drafts refund decisions from fraud signals for the analysts");
  await page.getByLabel("Exception justification").fill(exception);
}

async function decide(page: Page, url: string, decision: "Approve" | "Deny", comment: string, outcome: string) {
  await page.goto(url);
  // Approving past guardrails: acknowledge them first.
  const acknowledge = page.getByLabel(/^I have read the/);
  if (decision === "Approve" && (await acknowledge.count()) > 0) await acknowledge.check();
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: decision, exact: true }).click();
  await expect(page.getByText(outcome)).toBeVisible();
}

test("an agent's request beyond its role baseline runs manager, API owner and admin, and becomes a time-bound grant", async ({ browser }) => {
  test.setTimeout(120_000);
  const owner = await as(browser, "owner");
  await fileRequest(owner, "Fraud Signals API", ["signals:read", "signals:write"], "Writes back fraud verdicts the analysts confirm by hand today");
  // Guardrails show before anything is sent, each with its reason.
  const guardrails = owner.getByRole("list", { name: "Guardrails" });
  await expect(guardrails).toContainText("More access than a comparable human");
  await expect(guardrails).toContainText("signals:write is outside the baseline of Payments analyst");
  await expect(guardrails).toContainText("issues access tokens for 1 h; policy for AGENT is 15 min");
  // Coloured and named by severity: beyond the human baseline is high, a long token lifetime medium.
  await expect(guardrails.getByRole("listitem").filter({ hasText: "More access than a comparable human" })).toHaveAttribute("data-severity", "HIGH");
  await expect(guardrails.getByRole("listitem").filter({ hasText: "Access-token lifetime over policy" })).toContainText("Medium");
  expect(await owner.getByLabel("Duration").locator("option").allTextContents()).not.toContain("No end (permanent)");
  expect(await seriousViolations(owner)).toEqual([]);
  await owner.getByRole("button", { name: "Submit request" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "payments-copilot on Fraud Signals API" })).toBeVisible();
  const url = owner.url();
  const steps = owner.getByRole("table", { name: "Approval steps" });
  await expect(steps).toContainText("1. Manager");
  await expect(steps).toContainText("Marcus Manager");
  await expect(steps).toContainText("3. Admin");
  // The requester cannot decide their own request.
  await expect(owner.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

  const manager = await as(browser, "manager");
  await manager.goto("/requests");
  await manager.getByRole("link", { name: "payments-copilot" }).first().click();
  await expect(manager.getByRole("list", { name: "Guardrails" })).toContainText("More access than a comparable human");
  // Approving past the guardrails without reading them or saying why is refused, naming both.
  await manager.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(manager.getByText(/Confirm you have read the \d guardrails this request trips/)).toBeVisible();
  await expect(manager.getByText("Say why you approve despite the guardrails")).toBeVisible();
  await decide(manager, url, "Approve", "Within the team's remit", "Your approval is recorded: the request moves on to the next step.");

  const apiOwner = await as(browser, API_OWNER);
  await decide(apiOwner, url, "Approve", "Fine for the analysts' tooling", "Your approval is recorded: the request moves on to the next step.");

  const admin = await as(browser, "admin");
  await decide(admin, url, "Approve", "Exception accepted for 30 days", "Your approval is recorded: the grant is in place.");

  await owner.reload();
  await expect(owner.getByText(/Approved\. The grant is active until/)).toBeVisible();
  await owner.goto("/grants?q=payments-copilot");
  const row = owner.getByRole("row").filter({ hasText: "Fraud Signals API" });
  await expect(row).toContainText("signals:read");
  const expiry = new Date(Date.now() + 30 * 86_400_000);
  await expect(row).toContainText(expiry.toISOString().slice(0, 10));
  await expect(row).toContainText(/request/i);

  await admin.goto("/audit?q=payments-copilot");
  for (const text of [
    /Requested signals:read, signals:write on Fraud Signals API for payments-copilot/,
    /Manager step approved/,
    /API owner step approved/,
    /Administrator step approved/,
    /Granted payments-copilot signals:read, signals:write on Fraud Signals API by approved request/,
  ]) {
    await expect(admin.getByRole("row").filter({ hasText: text })).toHaveCount(1);
  }
});

test("a denied request shows the requester the reason", async ({ browser }) => {
  const owner = await as(browser, "owner");
  await fileRequest(owner, "Orders API", ["orders:read"], "Looks up the order behind each refund");
  await owner.getByRole("button", { name: "Submit request" }).click();
  await expect(owner.getByRole("heading", { level: 1, name: "payments-copilot on Orders API" })).toBeVisible();
  const url = owner.url();

  const manager = await as(browser, "manager");
  await manager.goto(url);
  await manager.getByRole("button", { name: "Deny", exact: true }).click();
  await expect(manager.getByText("Tell the requester why (at least 5 characters)")).toBeVisible();
  await decide(manager, url, "Deny", "Use the nightly order export instead", "Your denial is recorded: the requester has been told why.");

  await owner.reload();
  await expect(owner.getByText("Denied at the manager step by Marcus Manager: Use the nightly order export instead")).toBeVisible();
  await owner.goto("/requests?view=mine&status=DENIED");
  await expect(owner.getByRole("row").filter({ hasText: "Orders API" })).toContainText("Denied");
  await owner.goto("/notifications");
  await expect(owner.getByText("Access request denied: payments-copilot on Orders API")).toBeVisible();
});

test("an admin sets policy; an auditor reads it", async ({ browser }) => {
  const admin = await as(browser, "admin");
  await admin.goto("/settings/policies");
  await admin.getByLabel("Tell owners this many days before access ends").fill("0");
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Expiry notice: at least 1")).toBeVisible();
  await admin.getByLabel("Tell owners this many days before access ends").fill("10");
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Policy saved.", { exact: false })).toBeVisible();
  // A fallback approver for steps nobody in line may decide: only people who may approve are offered.
  const fallback = admin.getByLabel("Fallback approver");
  const offered = await fallback.locator("option").allTextContents();
  expect(offered.some((option) => option.includes("auditor@") || option.includes("exec@"))).toBe(false);
  await fallback.selectOption({ label: "Marcus Manager (manager@scopeward.test)" });
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Policy saved.", { exact: false })).toBeVisible();

  const auditor = await (await browser.newContext({ storageState: storageStateOf("auditor") })).newPage();
  await auditor.goto("/settings/policies");
  await expect(auditor.getByText("Last changed")).toBeVisible();
  await expect(auditor.getByText("10 days before")).toBeVisible();
  await expect(auditor.getByText("Marcus Manager (manager@scopeward.test)")).toBeVisible();
  // Back as it was, for the other tests.
  await admin.getByLabel("Fallback approver").selectOption({ label: "Nobody (requests may wait)" });
  await admin.getByRole("button", { name: "Save policy" }).click();
  await expect(admin.getByText("Policy saved.", { exact: false })).toBeVisible();
  await expect(auditor.getByRole("button", { name: "Save policy" })).toHaveCount(0);
});
