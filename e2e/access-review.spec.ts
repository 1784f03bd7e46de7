import { type Locator, expect, test } from "@playwright/test";
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
  await expect(page.getByTestId("preview-count")).toContainText("grant(s) will be reviewed");
  const count = Number((await page.getByTestId("preview-count").innerText()).match(/\d+/)![0]);
  expect(count).toBeGreaterThanOrEqual(3);
  await page.getByLabel("Stage 2: the consumer owner's manager signs off").check();
  await page.getByLabel("What goes to the manager").selectOption("ALL_DECISIONS");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(`0 of ${count} item(s) closed`)).toBeVisible();
  const campaignUrl = page.url();
  // The reviewer is told at launch.
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `${count} item(s) to review: ${name}` })).toBeVisible();
  await page.goto(campaignUrl);

  await page.getByRole("link", { name: "My items in this campaign" }).click();
  await expect(page.getByText("Showing one campaign's items")).toBeVisible();
  const cards = page.locator("article").filter({ hasText: name });
  await expect(cards).toHaveCount(count);
  expect(await seriousViolations(page)).toEqual([]);
  // Cards by their item's id, not their place: the queue may reorder while decisions land.
  const cardIds = await cards.evaluateAll((list) => list.map((card) => card.id));
  const cardAt = (i: number) => page.locator(`article#${cardIds[i]}`);
  const titleOf = async (card: Locator) => (await card.getByRole("heading", { level: 2 }).innerText()).split(" → ")[0]!.trim();

  // A decision against the recommendation needs a reason. Its key moves to the comment and types
  // nothing into it; its button without a reason is refused.
  const revoked = cardAt(0);
  const revokedName = await titleOf(revoked);
  const recommendedRevoke = /Recommendation: revoke/.test(await revoked.innerText());
  const reason = revoked.getByLabel(/^Comment/);
  await revoked.focus();
  await page.keyboard.press(recommendedRevoke ? "a" : "r");
  await expect(reason).toBeFocused();
  await expect(reason).toHaveValue("");
  await revoked.getByRole("button", { name: recommendedRevoke ? "Approve" : "Revoke", exact: true }).click();
  await expect(revoked.getByRole("alert")).toContainText(recommendedRevoke ? "say why it should stay" : "say why you revoke it");
  await reason.fill("Service retired by the partner team");
  await revoked.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(revoked.getByText("Your decision: revoke")).toBeVisible();

  // Reduce the first other item holding more than one scope: keep only its first scope.
  let reducedName = "";
  let reducedKept = "";
  for (let i = 1; i < count; i++) {
    const card = cardAt(i);
    await card.getByText("Reduce…").click();
    const boxes = card.getByRole("checkbox");
    if ((await boxes.count()) < 2) {
      await card.getByText("Reduce…").click();
      continue;
    }
    reducedName = await titleOf(card);
    reducedKept = (await card.locator("fieldset label").first().innerText()).trim();
    await boxes.first().check();
    for (let b = 1; b < (await boxes.count()); b++) await boxes.nth(b).uncheck();
    await card.getByLabel(/^Comment/).fill("Only the first scope is used");
    await card.getByRole("button", { name: /^Keep 1 of/ }).click();
    await expect(card.getByText("Your decision: reduce")).toBeVisible();
    break;
  }
  expect(reducedName, "an item with several scopes to reduce").not.toBe("");

  // Approve the rest, with a reason (needed where the recommendation is otherwise).
  for (let i = 0; i < count; i++) {
    const card = cardAt(i);
    if (await card.getByText(/Your decision:/).isVisible()) continue;
    await card.getByLabel(/^Comment/).fill("Still needed for ledger reconciliation");
    await card.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(card.getByText("Your decision: approve")).toBeVisible();
  }
  // Drafts survive a reload.
  await page.reload();
  await expect(cards.first().getByText(/Your decision:/)).toBeVisible();
  await page.getByRole("button", { name: `Submit ${count} decision(s)` }).click();
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
    const mcards = mpage.locator("article").filter({ hasText: name });
    await expect(mpage.getByText(/item\(s\) to review|Nothing to review/)).toBeVisible();
    const n = await mcards.count();
    if (role === "manager") expect(n, "the manager signs off the team's items").toBeGreaterThan(0);
    // Each card by its item's id: the queue may reorder while decisions land.
    const cardIds = await mcards.evaluateAll((cards) => cards.map((card) => card.id));
    for (const cardId of cardIds) {
      const card = mpage.locator(`article#${cardId}`);
      await card.getByLabel(/^Comment/).fill("Agreed with the API owner");
      await card.getByRole("button", { name: /^Sign off/ }).click();
      await expect(card.getByText(/Your decision:/)).toBeVisible();
    }
    if (n > 0) {
      await mpage.getByRole("button", { name: /^Submit \d+ decision/ }).click();
      await expect(mpage.getByRole("status").filter({ hasText: "Submitted" })).toContainText(`${n} item(s) closed and remediated`);
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
  await expect(mpage.getByText(`${count} of ${count} item(s) closed`)).toBeVisible();
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
  await expect(apage.getByText(`${count} item(s);`)).toBeVisible();
  await expect(apage.getByRole("cell", { name: /^Grant revoked at \d{4}-\d{2}-\d{2}/ })).toBeVisible();
  await expect(apage.getByRole("cell", { name: /^Scopes removed: .+ at \d{4}/ })).toBeVisible();
  expect(await seriousViolations(apage)).toEqual([]);
  await auditor.close();
});
