import { expect, test } from "@playwright/test";
import { type DemoRole, ROLES, storageStateOf, unique } from "./fixtures";

// Every screen as every role: the page itself decides, not the navigation.
const SCREENS: { path: string; heading: string; allowed: DemoRole[] }[] = [
  { path: "/dashboard", heading: "Overview", allowed: [...ROLES] },
  { path: "/apis", heading: "APIs", allowed: [...ROLES] },
  { path: "/consumers", heading: "Consumers", allowed: [...ROLES] },
  { path: "/grants", heading: "Grants", allowed: [...ROLES] },
  { path: "/roles", heading: "Human roles", allowed: [...ROLES] },
  { path: "/audit", heading: "Audit log", allowed: ["admin", "auditor"] },
  { path: "/settings/users", heading: "Users", allowed: ["admin", "auditor"] },
  { path: "/apis/new", heading: "New API", allowed: ["admin", "owner", "manager"] },
  { path: "/consumers/new", heading: "New consumer", allowed: ["admin", "owner", "manager"] },
  { path: "/grants/new", heading: "New grant", allowed: ["admin", "owner", "manager"] },
  { path: "/reviews", heading: "Access reviews", allowed: [...ROLES] },
  { path: "/reviews/new", heading: "New access review", allowed: ["admin", "owner", "manager"] },
  { path: "/reviews/inbox", heading: "My review queue", allowed: ["admin", "owner", "manager"] },
  { path: "/requests", heading: "Access requests", allowed: [...ROLES] },
  { path: "/findings", heading: "Findings", allowed: [...ROLES] },
  { path: "/dashboard/agents", heading: "Agents vs human roles", allowed: [...ROLES] },
  { path: "/requests/new", heading: "Request access", allowed: [...ROLES] },
  { path: "/settings/policies", heading: "Policies", allowed: ["admin", "auditor"] },
  // Owners keep tokens that act for them (manager@ is an owner too).
  { path: "/settings/tokens", heading: "API tokens", allowed: ["admin", "owner", "manager"] },
];

/** The text of a page's level-one headings, as the server sent them. */
function headingsOf(html: string): string[] {
  return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/g)].map(([, inner]) => (inner ?? "").replace(/<[^>]+>/g, "").trim());
}

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });
    // The server's answer decides, so the page is fetched, not rendered: a browser's rendering of
    // every screen is the accessibility suite's, and a hundred renders cost minutes.
    test("each screen is shown or refused as the permission table says", async ({ page }) => {
      for (const screen of SCREENS) {
        const response = await page.request.get(screen.path, { maxRedirects: 0 });
        const html = await response.text();
        if (screen.allowed.includes(role)) {
          expect(response.status(), `${role} ${screen.path}`).toBe(200);
          expect(headingsOf(html), `${role} ${screen.path}`).toContainEqual(screen.heading);
        } else {
          // Refused honestly: the friendly page comes with a 403, not a 200. Next.js sends it in
          // the page's React payload (the browser draws it), and none of the screen's own.
          expect(response.status(), `${role} ${screen.path}`).toBe(403);
          expect(html, `${role} ${screen.path}`).toContain("Not allowed");
          expect(headingsOf(html), `${role} ${screen.path}`).not.toContainEqual(screen.heading);
        }
      }
    });

    test("CSV exports follow the same rules", async ({ page }) => {
      const apis = await page.request.get("/apis/export.csv");
      expect(apis.status()).toBe(200);
      // Owners (manager@ is one too) export their own records only; the others every record.
      const owners = new Set(
        (await apis.text())
          .trim()
          .split("\r\n")
          .slice(1)
          .map((line) => line.split(",")[7]),
      );
      if (role === "owner" || role === "manager") expect([...owners].every((email) => email === `${role}@scopeward.test`)).toBe(true);
      else expect(owners.size).toBeGreaterThan(1);
      if (role === "owner") expect(owners.size).toBe(1);
      // The demo's agent campaign was launched by owner@: another owner may not export it (it reads as
      // not found, as its evidence page does); those who export everything may.
      await page.goto("/reviews");
      const campaign = await page.getByRole("link", { name: "Agent access to owner APIs" }).getAttribute("href");
      const evidence = await page.request.get(`${campaign}/export.csv`);
      expect(evidence.status(), "campaign CSV").toBe(role === "manager" ? 404 : 200);
      const audit = await page.request.get("/audit/export.csv");
      expect(audit.status()).toBe(["admin", "auditor"].includes(role) ? 200 : 403);
    });
  });
}

test.describe("the executive reads but changes nothing", () => {
  test.use({ storageState: storageStateOf("exec") });

  test("no edit controls on lists and detail pages", async ({ page }) => {
    await page.goto("/apis");
    await expect(page.getByRole("link", { name: "New API" })).toHaveCount(0);
    await page.getByRole("table").locator("tbody").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Scopes/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit API" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add scope" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await page.goto("/consumers?kind=SERVICE&status=ACTIVE");
    await page.getByRole("table").locator("tbody").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: /^Credentials/ })).toBeVisible();
    await expect(page.getByRole("link", { name: "Edit consumer" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Decommission" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  });
});

test("a forged server-action POST from the executive is refused and writes nothing", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: storageStateOf("owner") });
  const exec = await browser.newContext({ storageState: storageStateOf("exec") });
  const page = await owner.newPage();
  const name = unique("Forged API");

  // Capture the owner's real "create API" server-action request without letting it through.
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route("**/apis/new", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = { headers: route.request().headers(), body: route.request().postDataBuffer()! };
    await route.abort();
  });
  await page.goto("/apis/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Team").selectOption({ index: 1 });
  await page.getByLabel("Environment").selectOption("PRODUCTION");
  await page.getByLabel("Exposure").selectOption("INTERNAL");
  await page.getByLabel("Data classification").selectOption("INTERNAL");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect.poll(() => captured).toBeDefined();
  expect(captured!.headers["next-action"]).toBeTruthy();

  const replay = (context: typeof exec) =>
    context.request.post("/apis/new", {
      headers: {
        "next-action": captured!.headers["next-action"] ?? "",
        "content-type": captured!.headers["content-type"] ?? "",
        accept: "text/x-component",
      },
      data: captured!.body,
      maxRedirects: 0,
    });

  const refused = await replay(exec);
  expect(await refused.text()).toContain("FORBIDDEN");
  const execPage = await exec.newPage();
  await execPage.goto(`/apis?q=${encodeURIComponent(name)}`);
  await expect(execPage.getByText("No API matches these filters")).toBeVisible();

  // The same request from the owner goes through: the refusal above was the server's check, not a broken forgery.
  const accepted = await replay(owner);
  expect(await accepted.text()).not.toContain("FORBIDDEN");
  await execPage.goto(`/apis?q=${encodeURIComponent(name)}`);
  await expect(execPage.getByRole("link", { name })).toBeVisible();
  await owner.close();
  await exec.close();
});

test.describe("unknown ids", () => {
  test.use({ storageState: storageStateOf("admin") });
  test("answer 404 with the friendly page", async ({ page }) => {
    for (const path of ["/apis/no-such-api", "/consumers/no-such-consumer", "/grants/no-such-grant", "/reviews/no-such-campaign", "/no-such-page"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Not found" }), path).toBeVisible();
    }
  });
});
