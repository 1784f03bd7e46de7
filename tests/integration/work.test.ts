// "Your work" counts what waits for one person, and only that: their review items, the request
// steps they decide, and the access of their own consumers that ends soon.
import { describe, expect, it } from "vitest";
import { listGrants } from "@/lib/catalogue/queries";
import { grantListParams } from "@/lib/catalogue/schemas";
import { myOpenItems } from "@/lib/reviews/my-items";
import { db } from "@/lib/server/db";
import { hasWork, myWork } from "@/lib/work/queries";
import { DEMO, ctxsFor } from "./helpers";

describe("your work", () => {
  it("counts each person's own items, and nothing for those without a queue", async () => {
    const [owner, manager, exec] = await ctxsFor(DEMO.owner, DEMO.manager, DEMO.exec);
    const work = await myWork(owner);
    expect(work.reviewItems).toBe(await db.reviewItem.count({ where: myOpenItems(owner.userId) }));
    expect(work.reviewItems).toBeGreaterThan(0);
    // Someone else's items are not the owner's work.
    expect((await myWork(manager)).reviewItems).toBe(await db.reviewItem.count({ where: myOpenItems(manager.userId) }));
    expect(hasWork(exec)).toBe(false);
    expect(await myWork(exec)).toMatchObject({ reviewItems: 0, requestSteps: 0 });
  });

  it("counts access ending soon for the consumers one owns, as the linked list shows it", async () => {
    const [owner] = await ctxsFor(DEMO.owner);
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE", consumer: { ownerId: owner.userId } } });
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    await db.grant.update({ where: { id: grant.id }, data: { expiresAt: inThreeDays } });
    const work = await myWork(owner);
    expect(work.endingSoon).toBeGreaterThan(0);
    const listed = await listGrants(
      owner,
      grantListParams.parse({ status: "ACTIVE", ownerId: owner.userId, ending: String(work.endingWithinDays), pageSize: "100" }),
    );
    expect(listed.total).toEqual({ count: work.endingSoon, estimated: false });
    expect(listed.rows.map((row) => row.id)).toContain(grant.id);
  });
});
