import { expect, test } from "@playwright/test";
import { storageStateOf, unique } from "./fixtures";

// How gateways name a consumer and an API, set where the rest of the record is edited: each
// line's problem is named by its line and nothing is saved; a valid list shows on the page.
test("an owner gives a consumer its identities and an API its addresses", async ({ browser }) => {
  const owner = await browser.newContext({ storageState: storageStateOf("owner") });
  const page = await owner.newPage();
  // Identities and hosts take no spaces.
  const name = unique("gateway-named-svc").replace(/\s+/g, "-");
  await page.goto("/consumers/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Team").selectOption({ index: 1 });
  await page.getByLabel("Environment").selectOption("PRODUCTION");
  const identities = page.getByLabel("Identities at identity providers and gateways");
  await identities.fill(`CLIENT_ID ${name}-client https://login.example.test\nSPIFFE not-a-spiffe-id`);
  await page.getByRole("button", { name: "Create consumer" }).click();
  await expect(page.getByText("Line 2: A SPIFFE id looks like spiffe://trust-domain/path")).toBeVisible();
  await expect(identities).toHaveAttribute("aria-invalid", "true");

  // Another consumer's identity is refused by name.
  await identities.fill(`CLIENT_ID ${name}-client https://login.example.test\nSPIFFE spiffe://example.test/ns/${name}`);
  await page.getByRole("button", { name: "Create consumer" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const facts = page.getByRole("definition").filter({ hasText: `${name}-client` });
  await expect(facts.getByRole("listitem")).toHaveText([`CLIENT_ID ${name}-client https://login.example.test`, `SPIFFE spiffe://example.test/ns/${name}`]);

  // The same identity on a second consumer names the first.
  await page.goto("/consumers/new");
  await page.getByLabel("Name", { exact: true }).fill(`${name}-twin`);
  await page.getByLabel("Team").selectOption({ index: 1 });
  await page.getByLabel("Environment").selectOption("PRODUCTION");
  await page.getByLabel("Identities at identity providers and gateways").fill(`CLIENT_ID ${name}-client https://login.example.test`);
  await page.getByRole("button", { name: "Create consumer" }).click();
  await expect(page.getByText(`CLIENT_ID ${name}-client https://login.example.test already names ${name}`)).toBeVisible();

  // An API's base URLs and audiences.
  await page.goto("/apis/new");
  const api = unique("Gateway Named API");
  await page.getByLabel("Name", { exact: true }).fill(api);
  await page.getByLabel("Team").selectOption({ index: 1 });
  await page.getByLabel("Environment").selectOption("PRODUCTION");
  await page.getByLabel("Exposure").selectOption("INTERNAL");
  await page.getByLabel("Data classification").selectOption("INTERNAL");
  await page.getByLabel("Other base URLs").fill(`https://${name}.example.test/v1/`);
  await page.getByLabel("Token audiences").fill(`urn:example:${name}`);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByRole("heading", { level: 1, name: api })).toBeVisible();
  await expect(page.getByText(`https://${name}.example.test/v1`, { exact: true })).toBeVisible();
  await expect(page.getByText(`urn:example:${name}`, { exact: true })).toBeVisible();
  await owner.close();
});
