import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

export const DEMO_PASSWORD = "e2e-demo-password";
export const ROLES = ["admin", "owner", "manager", "exec", "auditor"] as const;
export type DemoRole = (typeof ROLES)[number];

export const emailOf = (role: DemoRole) => `${role}@scopeward.test`;
export const storageStateOf = (role: DemoRole) => `e2e/.auth/${role}.json`;

/** Signs in through the real sign-in form, as a demo role or any seeded person by email. */
export async function signIn(page: Page, role: DemoRole | `${string}@scopeward.test`) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(role.includes("@") ? role : emailOf(role as DemoRole));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // People with a queue land on their work; the others on the overview.
  await expect(page).toHaveURL(/\/(work|dashboard)$/);
}

/** A name no other run or test uses. */
export function unique(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** WCAG 2 A/AA violations that axe rates serious or critical, one line each. */
export async function seriousViolations(page: Page) {
  // The console has no frames: axe runs in the page itself, not frame by frame with its results
  // gathered in a blank page opened for each check (a third of each check's time).
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).setLegacyMode(true).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    );
}
