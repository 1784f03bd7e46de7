import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { test as setup } from "@playwright/test";
import { ROLES, signIn } from "../../e2e/fixtures";
import { TOKEN_SCOPES } from "@/lib/api/token-scopes";
import { DB_FILE, TOKENS_FILE, stateOf, tokenFor } from "./server";

// Fresh sessions for the suite: the end-to-end specs before it may have ended the ones they made.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, role);
    await page.context().storageState({ path: stateOf(role) });
  });
}

setup("an access request for the matrix to open", () => {
  execFileSync("npx", ["tsx", "tests/security/make-request.ts"], { env: { ...process.env, DATABASE_URL: `file:./${DB_FILE}` }, encoding: "utf8" });
});

// Made before any test runs: each creation is audited, and the tests compare the audit log
// before and after what they send.
setup("tokens for the suite", () => {
  const all = [...TOKEN_SCOPES];
  const tokens = {
    admin: tokenFor("admin@scopeward.test", all, "security admin"),
    owner: tokenFor("owner@scopeward.test", all, "security owner"),
    // For each scope, a token holding every other one.
    lacking: Object.fromEntries(
      all.map((scope) => [
        scope,
        tokenFor(
          "admin@scopeward.test",
          all.filter((s) => s !== scope),
          `security without ${scope}`,
        ),
      ]),
    ),
  };
  mkdirSync(dirname(TOKENS_FILE), { recursive: true });
  writeFileSync(TOKENS_FILE, JSON.stringify(tokens));
});
