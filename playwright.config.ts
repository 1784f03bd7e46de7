import { defineConfig, devices } from "@playwright/test";

const PORT = 3111;
export const baseURL = `http://127.0.0.1:${PORT}`;
const OIDC_PORT = 3112;
export const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;

// Debian's Chromium: Playwright's own browser download does not work offline.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/, use: chromium },
    { name: "chromium", dependencies: ["sign-in"], use: chromium },
    // The security suite (tests/security) runs after the end-to-end specs: its fuzz pass counts
    // rows, which no other test may be writing meanwhile, and it reads records they made.
    { name: "security-sign-in", testDir: "tests/security", testMatch: /sign-in\.setup\.ts/, dependencies: ["chromium"], use: chromium },
    { name: "security", testDir: "tests/security", testMatch: /\.spec\.ts/, dependencies: ["security-sign-in"] },
  ],
  webServer: [
    // A real OpenID provider (oidc-provider) on loopback, for single sign-on: e2e/oidc/provider.ts.
    {
      command: "npx tsx e2e/oidc/provider.ts",
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      // Set while writing tests against a server already running; never in CI.
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      stdout: "ignore",
      stderr: "pipe",
      env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_CONSOLE: baseURL },
    },
    // The real production build on a fresh, migrated and seeded database, started the
    // way a user starts it (npm start), listening on loopback only.
    {
      command: "rm -rf .tmp/e2e && npm start -- -H 127.0.0.1",
      url: `${baseURL}/login`,
      timeout: 300_000,
      // Set while writing tests against a server already running; never in CI.
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: "file:./.tmp/e2e/scopeward.db",
        PORT: String(PORT),
        DEMO_PASSWORD: "e2e-demo-password",
        AUTH_SECRET: "e2e-only-secret-0123456789abcdef0123456789abcdef",
        // The console's own address as the provider knows it: 127.0.0.1, not localhost.
        AUTH_URL: baseURL,
        OIDC_ISSUER,
        OIDC_CLIENT_ID: "scopeward-e2e",
        OIDC_CLIENT_SECRET: "scopeward-e2e-client-secret",
        OIDC_SCOPES: "groups",
        OIDC_ROLE_MAP: "scopeward-admins=ADMIN,scopeward-owners=OWNER",
        OIDC_TIMEOUT_SECONDS: "3",
      },
    },
  ],
});
