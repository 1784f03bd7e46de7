import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

test.describe("an owner builds a catalogue entry end to end", () => {
  const token = `${Date.now().toString(36)}`;
  const apiName = `Quotes API ${token}`;
  const consumerName = `quotes-svc-${token}`;

  test("creates an API with two scopes, a service consumer with a credential, and a grant", async ({ browser }) => {
    const owner = await browser.newContext({ storageState: storageStateOf("owner") });
    const page = await owner.newPage();

    // The API: inline validation first, then a valid submission.
    await page.goto("/apis/new");
    await page.getByRole("button", { name: "Create API" }).click();
    await expect(page.getByText("Name must be at least 2 characters")).toBeVisible();
    await expect(page.getByText("Choose an environment")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(apiName);
    await page.getByLabel("Team").selectOption({ label: "Partner Integrations" });
    await page.getByLabel("Environment").selectOption("PRODUCTION");
    await page.getByLabel("Exposure").selectOption("PARTNER");
    await page.getByLabel("Data classification").selectOption("CONFIDENTIAL");
    await page.getByRole("button", { name: "Create API" }).click();
    await expect(page.getByRole("heading", { level: 1, name: apiName })).toBeVisible();

    const addScope = page.locator("form", { has: page.getByRole("button", { name: "Add scope" }) });
    for (const [scope, level] of [
      ["quotes:read", "READ"],
      ["quotes:write", "WRITE"],
    ] as const) {
      await addScope.getByLabel("Scope name").fill(scope);
      await addScope.getByLabel("What it permits").fill(`${level.toLowerCase()} quotes`);
      await addScope.getByLabel("Access level").selectOption(level);
      await addScope.getByRole("button", { name: "Add scope" }).click();
      await expect(page.getByRole("cell", { name: scope, exact: true })).toBeVisible();
    }
    await expect(page.getByRole("heading", { name: "Scopes (2)" })).toBeVisible();

    // The consumer and its credential.
    await page.goto("/consumers/new");
    await page.getByLabel("Kind").selectOption("SERVICE");
    await page.getByLabel("Name", { exact: true }).fill(consumerName);
    await page.getByLabel("Team").selectOption({ label: "Partner Integrations" });
    await page.getByLabel("Environment").selectOption("PRODUCTION");
    await page.getByRole("button", { name: "Create consumer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: consumerName })).toBeVisible();
    await page.getByRole("link", { name: "Add credential" }).click();
    await page.getByLabel("Label").fill(`${consumerName} client`);
    await page.getByLabel("Type").selectOption("CLIENT_SECRET");
    await page.getByLabel("Sender constraint").selectOption("DPOP");
    await page.getByLabel("Access-token lifetime").selectOption("900");
    await page.getByRole("button", { name: "Add credential" }).click();
    await expect(page.getByRole("cell", { name: `${consumerName} client`, exact: true })).toBeVisible();
    await expect(page.getByRole("cell", { name: "15 min" })).toBeVisible();
    await expect(page.getByText("DPoP bound")).toBeVisible();

    // The grant.
    await page.goto("/grants/new");
    await page.getByLabel("API", { exact: true }).selectOption({ label: `${apiName} (Production)` });
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Find an active consumer").fill(consumerName);
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: new RegExp(consumerName) }).click();
    await page.getByRole("checkbox", { name: /quotes:read/ }).check();
    await page.getByRole("checkbox", { name: /quotes:write/ }).check();
    await page.getByRole("textbox", { name: "Justification" }).fill("Publishes partner quotes to the storefront");
    await page.getByRole("button", { name: "Create grant" }).click();
    await expect(page.getByRole("heading", { level: 1, name: consumerName })).toBeVisible();
    await expect(page.getByRole("link", { name: apiName })).toBeVisible();

    // All three appear in the lists, found by search.
    await page.goto(`/apis?q=${encodeURIComponent(token)}`);
    await expect(page.getByRole("link", { name: apiName })).toBeVisible();
    await page.goto(`/consumers?q=${encodeURIComponent(token)}`);
    await expect(page.getByRole("link", { name: consumerName })).toBeVisible();
    await page.goto(`/grants?q=${encodeURIComponent(token)}`);
    const row = page.getByRole("row", { name: new RegExp(consumerName) });
    await expect(row).toContainText("quotes:read");
    await expect(row).toContainText("quotes:write");
    await owner.close();
  });

  test("an admin finds every one of those changes in the audit log", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });
    const page = await admin.newPage();
    await page.goto(`/audit?q=${encodeURIComponent(token)}`);
    for (const action of ["api.create", "scope.create", "consumer.create", "credential.create", "grant.create"]) {
      await expect(page.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
    }
    await expect(page.getByText(`Created API ${apiName}`)).toBeVisible();
    await expect(page.getByRole("row", { name: /grant\.create/ })).toContainText("owner@scopeward.test");
    // The export carries exactly the filtered events.
    const csv = await (await page.request.get(`/audit/export.csv?q=${encodeURIComponent(token)}`)).text();
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("action");
    expect(lines.length - 1).toBe((await page.getByRole("row").count()) - 1);
    await admin.close();
  });
});
