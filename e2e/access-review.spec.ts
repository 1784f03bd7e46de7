import { expect, test } from "@playwright/test";
import { seriousViolations, storageStateOf, unique } from "./fixtures";

// The owner reviews the people, partner apps and agents of the Partner Integrations team on
// the Ledger API; every decision goes on to the consumer owner's manager (an admin for an
// ownerless consumer), whose sign-off triggers the remediation.
test("owner reviews, manager signs off, revoked and reduced grants change, evidence is exported", async ({ browser }) => {
  test.setTimeout(120_000);
  const name = unique("Ledger partner-team review");
  const owner = await browser.newContext({ storageState: storageStateOf("owner") });
  const page = await owner.newPage();

  await page.goto("/reviews/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: /^Ledger API/ }).check();
  await page.getByRole("checkbox", { name: "Partner Integrations", exact: true }).check();
  for (const kind of ["Human", "Partner", "Agent"]) await page.getByRole("checkbox", { name: kind, exact: true }).check();
  await page.getByRole("button", { name: "Preview the items" }).click();
  await expect(page.getByTestId("preview-count")).toContainText("grants will be reviewed");
  const count = Number((await page.getByTestId("preview-count").innerText()).match(/\d+/)![0]);
  expect(count).toBeGreaterThanOrEqual(3);
  await page.getByLabel("Stage 2: the consumer owner's manager signs off").check();
  await page.getByLabel("What goes to the manager").selectOption("ALL_DECISIONS");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  // A campaign of an earlier attempt may still review these grants: then the form asks first.
  const anyway = page.getByRole("checkbox", { name: /^Launch anyway/ });
  await expect(page.getByRole("heading", { level: 1, name }).or(anyway)).toBeVisible();
  if (await anyway.isVisible()) {
    await anyway.check();
    await page.getByRole("button", { name: "Launch campaign" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`0 of ${count} items closed`)).toBeVisible();
  const campaignUrl = page.url();

  // The same selection again, now that this campaign reviews it: the preview says so and the
  // launch asks for confirmation instead of reviewing the grants twice.
  await page.goto("/reviews/new");
  await page.getByLabel("Name", { exact: true }).fill(`${name} again`);
  await page.getByRole("checkbox", { name: /^Ledger API/ }).check();
  await page.getByRole("checkbox", { name: "Partner Integrations", exact: true }).check();
  await page.getByRole("button", { name: "Preview the items" }).click();
  await expect(page.getByText(new RegExp(`under review already in .*“${name}”`))).toBeVisible();
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(anyway).toBeVisible();
  await expect(page.getByText(/Tick “Launch anyway”/).last()).toBeVisible();
  await expect(page).toHaveURL(/\/reviews\/new$/);
  // The reviewer is told at launch.
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `${count} items to review: ${name}` })).toBeVisible();
  await page.goto(campaignUrl);

  await page.getByRole("link", { name: "My items in this campaign" }).click();
  await expect(page.getByText("Showing one campaign's items")).toBeVisible();
  const rows = page.getByRole("list", { name: "Items" }).getByRole("listitem");
  await expect(rows).toHaveCount(count);
  expect(await seriousViolations(page)).toEqual([]);
  const detail = page.getByRole("region", { name: "Item detail" });
  // Rows by their item's id, not their place: the queue may reorder while decisions land.
  const rowIds = await rows.evaluateAll((list) => list.map((row) => row.id));
  const rowAt = (i: number) => page.locator(`li#${rowIds[i]}`);
  const open = async (i: number) => {
    await rowAt(i).getByRole("button").click();
    await expect(rowAt(i)).toHaveAttribute("data-current", "true");
  };
  const titleOf = async () => (await detail.getByRole("heading", { level: 2 }).innerText()).split(" → ")[0]!.trim();

  // Bulk first: every item, by a click on the first checkbox and a Shift+click on the last.
  await rowAt(0).getByRole("checkbox").click();
  await rowAt(count - 1)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  const bulk = page.getByRole("region", { name: "Bulk decision" });
  await expect(bulk).toContainText(`${count} items selected`);
  const override = bulk.getByRole("checkbox", { name: /recommended for revocation anyway/ });
  if (await override.isVisible()) {
    // Approving items recommended for revocation is refused without the override, and changes nothing.
    await bulk.getByRole("button", { name: "Approve selected" }).click();
    await expect(page.getByRole("status").filter({ hasText: /recommended for revocation/ })).toBeVisible();
    await expect(rows.filter({ hasText: "(draft)" })).toHaveCount(0);
    await override.check();
  }
  await bulk.getByPlaceholder(/Comment for all of them/).fill("Still needed for ledger reconciliation");
  await bulk.getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Decided ${count} items` })).toBeVisible();
  await expect(rows.filter({ hasText: "Approved (draft)" })).toHaveCount(count);

  // One item revoked: against an approval recommendation its key asks for the reason first and
  // types nothing into it.
  await open(0);
  const revokedName = await titleOf();
  const recommendedRevoke = /Recommendation: revoke/.test(await detail.innerText());
  const reason = detail.getByLabel(/^Comment/);
  await reason.fill("");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("r");
  if (!recommendedRevoke) {
    await expect(reason).toBeFocused();
    await expect(reason).toHaveValue("");
    await expect(detail.getByRole("status")).toContainText("say why you revoke it");
    await reason.fill("Service retired by the partner team");
    await detail.getByRole("button", { name: "Revoke", exact: true }).click();
  }
  await expect(detail.getByText("Your decision: revoke")).toBeVisible();
  if (recommendedRevoke) {
    // Revoking as recommended needed no reason; give one for the evidence all the same.
    await detail.getByLabel(/^Comment/).fill("Service retired by the partner team");
    await detail.getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(detail.getByLabel(/^Comment/)).toHaveValue("Service retired by the partner team");
  }

  // Reduce the first other item holding more than one scope, by its key: keep only its first scope.
  let reducedName = "";
  let reducedKept = "";
  for (let i = 1; i < count; i++) {
    await open(i);
    await page.keyboard.press("Escape");
    await page.keyboard.press("d");
    const boxes = detail.getByRole("group", { name: "Scopes to keep" }).getByRole("checkbox");
    await expect(boxes.first()).toBeFocused();
    if ((await boxes.count()) < 2) continue;
    reducedName = await titleOf();
    reducedKept = (await detail.getByRole("group", { name: "Scopes to keep" }).locator("label").first().innerText()).trim();
    await boxes.first().check();
    for (let b = 1; b < (await boxes.count()); b++) await boxes.nth(b).uncheck();
    await detail.getByLabel(/^Comment/).fill("Only the first scope is used");
    await detail.getByRole("button", { name: /^Keep 1 of/ }).click();
    await expect(detail.getByText("Your decision: reduce")).toBeVisible();
    break;
  }
  expect(reducedName, "an item with several scopes to reduce").not.toBe("");

  // Drafts survive a reload. Ctrl+Enter shows what submitting will do before doing it.
  await page.reload();
  await expect(rows.filter({ hasText: "(draft)" })).toHaveCount(count);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+Enter");
  const summary = page.getByRole("dialog", { name: "Submit your decisions?" });
  await expect(summary.getByRole("listitem").filter({ hasText: "Approved" })).toContainText(String(count - 2));
  await expect(summary.getByRole("listitem").filter({ hasText: "Revoked" })).toContainText("1");
  await expect(summary.getByRole("listitem").filter({ hasText: "Reduced" })).toContainText("1");
  // Every decision goes to a manager first: nothing changes at once.
  await expect(summary).toContainText(`${count} go on to a manager for sign-off`);
  await expect(summary).toContainText("No live grant changes at once.");
  await summary.getByRole("button", { name: `Submit ${count} decisions` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Submitted" })).toContainText(`${count} sent for manager sign-off`);
  await owner.close();

  // The managers sign off every decision: manager@ for the team's consumers, an admin for ownerless ones.
  let signedOff = 0;
  let mpage!: import("@playwright/test").Page;
  for (const role of ["admin", "manager"] as const) {
    const context = await browser.newContext({ storageState: storageStateOf(role) });
    mpage = await context.newPage();
    await mpage.goto(campaignUrl);
    const mine = mpage.getByRole("link", { name: "My items in this campaign" });
    await mine.click();
    await expect(mpage.getByText(/items? to review|Nothing to review/)).toBeVisible();
    const mrows = mpage.getByRole("list", { name: "Items" }).getByRole("listitem");
    const n = await mrows.count();
    if (role === "manager") expect(n, "the manager signs off the team's items").toBeGreaterThan(0);
    const mdetail = mpage.getByRole("region", { name: "Item detail" });
    const ids = await mrows.evaluateAll((list) => list.map((row) => row.id));
    for (const id of ids) {
      await mpage.locator(`li#${id}`).getByRole("button").click();
      await mdetail.getByLabel(/^Comment/).fill("Agreed with the API owner");
      await mdetail.getByRole("button", { name: /^Sign off/ }).click();
      await expect(mdetail.getByText(/Your decision:/)).toBeVisible();
    }
    if (n > 0) {
      await mpage.getByRole("button", { name: "Submit…" }).click();
      await mpage
        .getByRole("dialog")
        .getByRole("button", { name: /^Submit \d+ decisions?$/ })
        .click();
      await expect(mpage.getByRole("status").filter({ hasText: "Submitted" })).toContainText(`${n === 1 ? "1 item" : `${n} items`} closed and remediated`);
    }
    signedOff += n;
    if (role === "admin") await context.close();
  }
  expect(signedOff).toBe(count);

  // The live grants changed.
  await mpage.goto(`/grants?q=${encodeURIComponent(revokedName)}`);
  await expect(mpage.getByRole("row", { name: /Ledger API/ }).filter({ hasText: revokedName })).toContainText("Revoked");
  await mpage.goto(`/grants?q=${encodeURIComponent(reducedName)}`);
  const reducedRow = mpage.getByRole("row", { name: /Ledger API/ }).filter({ hasText: reducedName });
  await expect(reducedRow.getByRole("listitem")).toHaveCount(1);
  await expect(reducedRow).toContainText(reducedKept);

  // The campaign completed, shows the remediation, and its CSV lists every decision.
  await mpage.goto("/reviews");
  await mpage.getByRole("link", { name }).click();
  await expect(mpage.getByText(`${count} of ${count} items closed`)).toBeVisible();
  await expect(mpage.getByText("Grant revoked").first()).toBeVisible();
  await mpage.context().close();

  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const apage = await auditor.newPage();
  await apage.goto(`/audit?action=review.remediate&q=${encodeURIComponent("Access review outcome")}`);
  await expect(apage.getByRole("cell", { name: /Access review outcome REVOKE/ }).first()).toBeVisible();
  await expect(apage.getByRole("cell", { name: /Access review outcome REDUCE/ }).first()).toBeVisible();
  await apage.goto("/reviews");
  const href = await apage.getByRole("link", { name }).getAttribute("href");
  const csv = await (await apage.request.get(`${href}/export.csv`)).text();
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(count + 1);
  expect(lines.find((l) => l.includes(revokedName))).toContain("Service retired by the partner team");
  expect(lines.filter((l) => l.includes("Agreed with the API owner"))).toHaveLength(count);
  // Every item closed, remediated at a stated time.
  expect(lines.slice(1).every((l) => /,CLOSED,/.test(l) && /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/.test(l))).toBe(true);
  // The printable evidence report states scope, totals and every remediation with its time.
  await apage.goto(`${href}/evidence`);
  await expect(apage.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(apage.getByText(`${count} items;`)).toBeVisible();
  await expect(apage.getByRole("cell", { name: /^Grant revoked at \d{4}-\d{2}-\d{2}/ })).toBeVisible();
  await expect(apage.getByRole("cell", { name: /^Scopes removed: .+ at \d{4}/ })).toBeVisible();
  // Decisions in words, never as stored.
  const report = await apage.locator("article").innerText();
  expect(report).toContain("Approved by");
  expect(report).not.toMatch(/\b(APPROVE|REVOKE|REDUCE|SUSPEND|FOLLOW_RECOMMENDATION)\b/);
  expect(await seriousViolations(apage)).toEqual([]);
  await auditor.close();
});
