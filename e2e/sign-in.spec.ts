import { expect, test } from "@playwright/test";
import { type DemoRole, signIn } from "./fixtures";

// What each role's navigation offers.
const NAV: Record<DemoRole, { shows: string[]; hides: string[] }> = {
  admin: { shows: ["Dashboard", "APIs", "Consumers", "Grants", "Human roles", "Audit log", "Users"], hides: [] },
  owner: { shows: ["Dashboard", "APIs", "Consumers", "Grants", "Human roles"], hides: ["Audit log", "Users"] },
  manager: { shows: ["Dashboard", "APIs", "Consumers", "Grants"], hides: ["Audit log", "Users"] },
  exec: { shows: ["Dashboard", "APIs", "Consumers"], hides: ["Audit log", "Users"] },
  auditor: { shows: ["Dashboard", "APIs", "Audit log", "Users"], hides: [] },
};

for (const role of Object.keys(NAV) as DemoRole[]) {
  test(`${role} signs in, sees navigation for the role, and signs out`, async ({ page }) => {
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByText(`${role}@scopeward.test`)).toBeVisible();
    for (const item of NAV[role].shows) await expect(nav.getByRole("link", { name: item, exact: true })).toBeVisible();
    for (const item of NAV[role].hides) await expect(nav.getByRole("link", { name: item, exact: true })).toHaveCount(0);
    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/apis");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("a wrong password gets one generic message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@scopeward.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Email or password is incorrect");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
});
