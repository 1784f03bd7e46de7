import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { emailOf, storageStateOf } from "./fixtures";

// Regression: an owner's CSV row giving the id of a grant on someone else's API, beside the
// owner's own API and consumer, rewrote that grant with the owner's API's scopes. The import
// page must refuse the row, offer no import, and the grant must stay as it was.
test.use({ storageState: storageStateOf("owner") });

type Row = Record<string, string>;

async function csvRows(request: import("@playwright/test").APIRequestContext, path: string): Promise<Row[]> {
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  return Papa.parse<Row>(await response.text(), { header: true, skipEmptyLines: true }).data;
}

test("a grants CSV naming a foreign grant's id is refused in the preview and changes nothing", async ({ page, browser }) => {
  // The ids come from an administrator's export (an owner's export holds their own records only);
  // an attacker may learn an id in other ways.
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const apis = await csvRows(admin.request, "/apis/export.csv");
  const own = new Set(apis.filter((a) => a.owner === emailOf("owner")).map((a) => `${a.name}|${a.environment}`));
  const grants = await csvRows(admin.request, "/grants/export.csv?status=ACTIVE");
  const foreign = grants.find((g) => !own.has(`${g.api}|${g.apiEnvironment}`));
  const mine = grants.find((g) => own.has(`${g.api}|${g.apiEnvironment}`) && g.consumer !== foreign?.consumer);
  expect(foreign, "a live grant on an API the owner does not own").toBeTruthy();
  expect(mine, "a live grant on an API the owner owns").toBeTruthy();
  const attack = Papa.unparse([
    {
      id: foreign!.id,
      consumer: mine!.consumer,
      consumerEnvironment: mine!.consumerEnvironment,
      api: mine!.api,
      apiEnvironment: mine!.apiEnvironment,
      scopes: mine!.scopes,
      justification: "Rewritten from another API",
      expiresAt: "",
    },
  ]);

  await page.goto("/import");
  await page.getByLabel("The file holds").selectOption("grants");
  await page.getByLabel("CSV file").setInputFiles({ name: "grants.csv", mimeType: "text/csv", buffer: Buffer.from(attack) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByRole("heading", { name: /1 row: 0 to create, 0 to update/ })).toBeVisible();
  const problem = page.getByRole("table", { name: "Rows that need attention" });
  await expect(problem).toContainText(`grant ${foreign!.id} belongs to another consumer`);
  await expect(problem).toContainText(`grant ${foreign!.id} is on another API`);
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  const after = (await csvRows(admin.request, "/grants/export.csv?status=ACTIVE")).find((g) => g.id === foreign!.id);
  expect(after).toEqual(foreign);
  await admin.close();
});
