import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, type DemoRole, signIn } from "./fixtures";

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
    await nav.getByRole("button", { name: "Sign out", exact: true }).click();
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
  await visitor.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out", exact: true }).click();
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

test("signing out ends the session wherever its cookie was copied", async ({ browser }) => {
  const own = await browser.newContext();
  const page = await own.newPage();
  await signIn(page, "manager");
  // The same cookie in another browser works, until the owner signs out.
  const copy = await browser.newContext({ storageState: await own.storageState() });
  const copied = await copy.newPage();
  await copied.goto("/apis");
  await expect(copied.getByRole("heading", { level: 1, name: "APIs" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
  await copied.goto("/apis");
  await expect(copied).toHaveURL(/\/login/);
  await own.close();
  await copy.close();
});

test("an administrator ends every session of a user; a person can sign out everywhere", async ({ browser }) => {
  // A person no shared test session belongs to: ending their sessions touches no other test.
  const person = "lead.partner-integrations@scopeward.test";
  const victim = await (await browser.newContext()).newPage();
  await signIn(victim, person);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, person);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin");
  await admin.goto(`/settings/users?q=${encodeURIComponent(person)}`);
  await admin
    .getByText(/^Edit /)
    .first()
    .click();
  admin.once("dialog", (dialog) => void dialog.accept());
  await admin.getByRole("button", { name: /^End .+'s sessions$/ }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Every session of this user has ended" })).toBeVisible();
  for (const page of [victim, other]) {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  }

  // "Sign out everywhere" ends the person's other browsers too.
  await signIn(victim, person);
  await signIn(other, person);
  await victim.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(victim).toHaveURL(/\/login/);
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);
});

for (const next of ["/\\evil.test/", "/%09/evil.test", "//evil.test", "https://evil.test/"]) {
  test(`signing in with next=${next} stays on the console`, async ({ page }) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill("exec@scopeward.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/(work|dashboard)$/);
  });
}
