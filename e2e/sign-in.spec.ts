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

test("failed sign-ins, the lockout and sign-outs are in the audit log, and the chain is checked", async ({ browser }) => {
  const visitor = await (await browser.newContext()).newPage();
  for (let i = 0; i < 5; i++) {
    await visitor.goto("/login");
    await visitor.getByLabel("Email").fill("nia.patel@scopeward.test");
    await visitor.getByLabel("Password").fill(`wrong-guess-${i}`);
    await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(visitor.getByRole("main").getByRole("alert")).toContainText("Email or password is incorrect");
  }
  await signIn(visitor, "exec");
  await visitor.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(visitor).toHaveURL(/\/login/);

  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, "auditor");
  const csv = async (action: string) => (await (await auditor.request.get(`/audit/export.csv?action=${action}`)).text()).trim().split("\r\n").slice(1);
  expect((await csv("auth.sign_in_failed")).filter((line) => line.includes("nia.patel@scopeward.test")).length).toBeGreaterThanOrEqual(5);
  expect((await csv("auth.lockout")).some((line) => line.includes("nia.patel@scopeward.test"))).toBe(true);
  expect((await csv("auth.sign_out")).some((line) => line.includes("exec@scopeward.test signed out"))).toBe(true);
  await auditor.goto("/audit");
  // The banner says what the runner last found (or that it has not walked the chain yet).
  await expect(auditor.getByRole("status").filter({ hasText: /Audit chain (verified up to event \d+|has not been checked yet)/ })).toBeVisible();
});
