// What an attacker or a careless client meets: security headers on every page, scripts only
// by nonce (and the console still works under that policy), and malformed or cross-origin
// server-action calls answered with a 4xx, never a 500.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./fixtures";

test.use({ storageState: storageStateOf("owner") });

test("every page carries a nonce-based CSP and the security headers; nothing is blocked", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/.test(message.text())) blocked.push(message.text());
  });
  const nonces = new Set<string>();
  for (const path of ["/work", "/dashboard", "/reviews/inbox", "/apis", "/no-such-page"]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    const [, nonce] = csp.match(/'nonce-([^']+)'/) ?? [];
    expect(nonce, path).toBeTruthy();
    nonces.add(nonce!);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp, path).toContain(directive);
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBeTruthy();
    expect(headers["permissions-policy"]).toBeTruthy();
  }
  // A new nonce for every response.
  expect(nonces.size).toBe(5);
  // The console still runs its scripts: the queue's help opens by key.
  await page.goto("/reviews/inbox");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keys in the review queue" })).toBeVisible();
  expect(blocked).toEqual([]);
});

test("HSTS is sent when the console is reached over https", async ({ request }) => {
  const plain = await request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const proxied = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(proxied.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
});

test("a cross-origin or malformed server-action call is a 4xx, never a 500", async ({ page }) => {
  await page.goto("/reviews/inbox");
  const base = new URL(page.url()).origin;
  const call = (body: string, origin: string) =>
    page.request.post("/reviews/inbox", { headers: { "Next-Action": "0".repeat(42), Origin: origin, "Content-Type": "text/plain;charset=UTF-8" }, data: body });
  expect((await call("[]", "https://evil.test")).status()).toBe(403);
  expect((await call("this is not json", base)).status()).toBe(400);
  expect((await call("[1,", base)).status()).toBe(400);
});
