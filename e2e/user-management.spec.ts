import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, storageStateOf } from "./fixtures";

test("an admin deactivates a user, who is signed out at their next request", async ({ browser }) => {
  const email = "lead.finance-systems@scopeward.test";
  const lead = await browser.newContext();
  const leadPage = await lead.newPage();
  await leadPage.goto("/login");
  await leadPage.getByLabel("Email").fill(email);
  await leadPage.getByLabel("Password").fill(DEMO_PASSWORD);
  await leadPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(leadPage).toHaveURL(/\/(work|dashboard)$/);

  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await admin.newPage();
  await page.goto(`/settings/users?q=${encodeURIComponent(email)}`);
  const row = page.getByRole("row", { name: new RegExp(email) });
  await row.getByText(/^Edit /).click();
  await row.getByRole("checkbox", { name: /^Active/ }).uncheck();
  await row.getByRole("button", { name: "Save user" }).click();
  await expect(row.getByText("User saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(email) }).getByText("Deactivated", { exact: true })).toBeVisible();

  await leadPage.goto("/apis");
  await expect(leadPage).toHaveURL(/\/login/);
  // And the password no longer opens a session.
  await leadPage.getByLabel("Email").fill(email);
  await leadPage.getByLabel("Password").fill(DEMO_PASSWORD);
  await leadPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(leadPage.getByText("Email or password is incorrect")).toBeVisible();

  await page.goto(`/audit?q=${encodeURIComponent(email)}&action=user.deactivate`);
  await expect(page.getByRole("cell", { name: "user.deactivate", exact: true })).toBeVisible();
  await lead.close();
  await admin.close();
});
