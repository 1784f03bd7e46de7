// A launch over more grants than one batch reads (launchBatch) writes one item per grant,
// each frozen from its own grant, however the batches and the runs frozen within them fall.
import { expect, it } from "vitest";
import { launchInTransaction, launchBatch } from "@/lib/reviews/launch";
import { campaignInput } from "@/lib/reviews/schemas";
import { readSnapshots } from "@/lib/reviews/stored-snapshot";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

class Rollback extends Error {}

it("a launch over every active grant writes each one's item once, across batches", async () => {
  const admin = await ctxFor(DEMO.admin);
  const active = await db.grant.findMany({ where: { status: "ACTIVE" }, select: { id: true, consumerId: true, apiId: true, lastUsedAt: true } });
  expect(active.length).toBeGreaterThan(launchBatch());
  const input = campaignInput.parse({ name: "Everything", dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), undecidedOutcome: "KEEP" });
  await expect(
    db.$transaction(
      async (tx) => {
        const { campaign, items } = await launchInTransaction(tx, { userId: admin.userId, reach: "all" }, input);
        expect(items).toBe(active.length);
        const rows = await tx.reviewItem.findMany({
          where: { campaignId: campaign.id },
          select: { id: true, grantId: true, consumerId: true, apiId: true, campaignId: true, snapshot: true },
        });
        expect(new Set(rows.map((r) => r.id)).size).toBe(active.length);
        const byGrant = new Map(active.map((g) => [g.id, g]));
        const snapshots = await readSnapshots(tx, rows);
        for (const [i, row] of rows.entries()) {
          const grant = byGrant.get(row.grantId);
          expect(grant).toMatchObject({ consumerId: row.consumerId, apiId: row.apiId });
          expect(snapshots[i]).toMatchObject({
            consumer: { id: row.consumerId },
            api: { id: row.apiId },
            grant: { lastUsedAt: grant?.lastUsedAt?.toISOString() ?? null },
          });
          byGrant.delete(row.grantId);
        }
        expect(byGrant.size).toBe(0);
        throw new Rollback();
      },
      { timeout: 120_000 },
    ),
  ).rejects.toThrow(Rollback);
}, 120_000);
