import { type Browser, type Page, expect, test } from "@playwright/test";
import { OIDC_ISSUER } from "../playwright.config";
import { storageStateOf } from "./fixtures";

// Single sign-on through a real OpenID provider (e2e/oidc/provider.ts), which releases email and
// groups through userinfo only, as many providers do. The provider is shared: these run one after another.
test.describe.configure({ mode: "serial" });

async function provider(page: Page, path: string, body: unknown = {}) {
  const response = await page.request.post(`${OIDC_ISSUER}/__test/${path}`, { data: body });
  expect(response.status()).toBe(204);
}

/** Signs on at the provider as `login` from a fresh browser, starting from the console's sign-in page. */
async function signOn(browser: Browser, login: string, next = "/apis") {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  // The provider asks for consent the first time the person meets the console.
  const consent = page.getByRole("button", { name: "Continue" });
  await page.waitForURL((url) => url.pathname.startsWith("/interaction") || !url.href.startsWith(OIDC_ISSUER));
  if (page.url().startsWith(OIDC_ISSUER)) await consent.click();
  await page.waitForURL((url) => !url.href.startsWith(OIDC_ISSUER));
  return page;
}

const refusal = (page: Page) => page.getByRole("main").getByRole("alert").first();

test.beforeEach(async ({ page }) => provider(page, "reset"));

test("a first sign-on creates the person with their groups' roles and keeps the deep link", async ({ browser }) => {
  const page = await signOn(browser, "sso-admin", "/settings/tokens");
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByText("sso.admin@scopeward.test")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
});

test("groups that map to no role, or no groups at all, sign nobody in and say whom to ask", async ({ browser }) => {
  for (const login of ["sso-unmapped", "sso-nogroups"]) {
    const page = await signOn(browser, login);
    await expect(page).toHaveURL(/\/login\?error=sso&reason=no-role/);
    await expect(refusal(page)).toContainText("none of your groups at the identity provider gives a console role");
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  }
});

test("an identity claiming the administrator's email without verifying it is refused", async ({ browser }) => {
  const page = await signOn(browser, "evil-admin");
  await expect(refusal(page)).toContainText("has not verified your email address");
  await page.goto("/settings/users");
  await expect(page).toHaveURL(/\/login/);
});

test("a second identity with the email of a person already linked is refused", async ({ browser }) => {
  const owner = await signOn(browser, "owner-at-idp");
  await expect(owner.getByRole("navigation", { name: "Main" }).getByText("owner@scopeward.test")).toBeVisible();
  const intruder = await signOn(browser, "second-owner");
  await expect(refusal(intruder)).toContainText("signs on with another identity");
  await intruder.goto("/dashboard");
  await expect(intruder).toHaveURL(/\/login/);
});

test("a role taken away at the provider is gone at the next sign-on", async ({ browser, page }) => {
  const before = await signOn(browser, "sso-demoted", "/settings/tokens");
  await expect(before.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await provider(page, "accounts/sso-demoted", { email: "sso.demoted@scopeward.test", email_verified: true, name: "Dee Moted", groups: ["auditor"] });
  const after = await signOn(browser, "sso-demoted", "/settings/tokens");
  await expect(after.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await after.goto("/audit");
  await expect(after.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
});

for (const [mode, expected] of [
  ["down", "did not answer in time or answered with an error"],
  ["hang", "did not answer in time or answered with an error"],
  ["tamper", "could not be verified"],
  ["foreign-key", "could not be verified"],
] as const) {
  test(`a provider that is ${mode === "down" ? "down" : mode === "hang" ? "stuck at its token endpoint" : mode === "tamper" ? "returning a tampered ID token" : "returning a token signed by another key"}: a message, nobody signed in`, async ({
    browser,
    page,
  }) => {
    test.setTimeout(60_000);
    if (mode === "down") {
      await provider(page, "mode", { mode });
      const visitor = await (await browser.newContext()).newPage();
      await visitor.goto("/login?next=/apis");
      const started = Date.now();
      await visitor.getByRole("button", { name: "Sign in with single sign-on" }).click();
      await expect(refusal(visitor)).toContainText(expected);
      expect(Date.now() - started).toBeLessThan(15_000);
      return;
    }
    await provider(page, "mode", { mode });
    const started = Date.now();
    const visitor = await signOn(browser, "sso-admin");
    await expect(refusal(visitor)).toContainText(expected);
    // The console gives up on a stuck provider after its timeout (3 s here), not after minutes.
    expect(Date.now() - started).toBeLessThan(20_000);
    await visitor.goto("/dashboard");
    await expect(visitor).toHaveURL(/\/login/);
  });
}

test("a sign-on cancelled at the provider says so, and signs nobody in", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login?next=/apis");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.getByRole("link", { name: /Cancel/ }).click();
  await expect(refusal(page)).toContainText("the sign-on was cancelled or refused there");
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/login/);
});

test("sign-ons, links and refusals are in the audit log", async ({ browser }) => {
  const auditor = await (await browser.newContext({ storageState: storageStateOf("auditor") })).newPage();
  const csv = async (action: string) => (await (await auditor.request.get(`/audit/export.csv?action=${action}`)).text()).trim().split("\r\n").slice(1);
  expect((await csv("auth.sso_refused")).some((line) => line.includes("admin@scopeward.test") && line.includes("email-unverified"))).toBe(true);
  expect((await csv("auth.sso_refused")).some((line) => line.includes("token-invalid"))).toBe(true);
  expect((await csv("user.sso_link")).some((line) => line.includes("owner@scopeward.test"))).toBe(true);
  expect((await csv("user.roles_sync")).some((line) => line.includes("sso.demoted@scopeward.test") && line.includes("removed ADMIN"))).toBe(true);
  expect((await csv("auth.sign_in")).some((line) => line.includes("sso.admin@scopeward.test signed in with single sign-on"))).toBe(true);
});
