// The grants list filters on copies of the consumer's kind and environment kept on each grant
// by triggers, counts exactly up to 10,000 and, on PostgreSQL, estimates past it.
import { describe, expect, it } from "vitest";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { patchCommand, runCommand } from "@/lib/server/command";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { listGrants } from "@/lib/catalogue/queries";
import { grantListParams } from "@/lib/catalogue/schemas";
import { encodeCursor } from "@/lib/lists/keyset";
import { EXACT_UP_TO } from "@/lib/lists/total";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { engine } from "./databases";
import { DEMO, ctxFor } from "./helpers";

const copies = (id: string) => db.grant.findUniqueOrThrow({ where: { id }, select: { consumerKind: true, consumerEnvironment: true } });

/** Every grant the list shows for these filters, page after page, and the total it gave. */
async function everyRow(raw: Record<string, string | number>) {
  const admin = await ctxFor(DEMO.admin);
  const ids: string[] = [];
  let page = await listGrants(admin, grantListParams.parse({ ...raw, sort: "lastUsedAt", pageSize: 100 }));
  const total = page.total;
  ids.push(...page.rows.map((row) => row.id));
  while (page.next) {
    page = await listGrants(admin, grantListParams.parse({ ...raw, sort: "lastUsedAt", pageSize: 100, after: encodeCursor(page.next) }));
    ids.push(...page.rows.map((row) => row.id));
  }
  return { ids, total };
}

describe("the grants list", () => {
  it("keeps each grant's copy of its consumer's kind and environment, whatever writes the rows", async () => {
    const admin = await ctxFor(DEMO.admin);
    const consumer = await db.consumer.findFirstOrThrow({ where: { kind: "SERVICE", environment: "PRODUCTION", status: "ACTIVE" } });
    const api = await db.api.findFirstOrThrow({
      where: { grants: { none: { consumerId: consumer.id } }, scopes: { some: { removedAt: null } } },
      include: { scopes: true },
    });
    const scope = api.scopes.find((s) => s.removedAt === null)!;
    const made = await runCommand(createGrant, admin, { consumerId: consumer.id, apiId: api.id, scopeIds: [scope.id], justification: "List copies" });
    expect(await copies(made.id)).toEqual({ consumerKind: "SERVICE", consumerEnvironment: "PRODUCTION" });

    // A row written by hand, outside every command, gets its copies too.
    const other = await db.api.findFirstOrThrow({ where: { id: { not: api.id }, grants: { none: { consumerId: consumer.id } } } });
    await db.$executeRaw`INSERT INTO "Grant" ("id", "consumerId", "apiId", "updatedAt") VALUES ('hand-written', ${consumer.id}, ${other.id}, CURRENT_TIMESTAMP)`;
    expect(await copies("hand-written")).toEqual({ consumerKind: "SERVICE", consumerEnvironment: "PRODUCTION" });

    // A change of the consumer reaches every grant it holds.
    await patchCommand(updateConsumer, admin, consumer.id, { environment: "STAGING" });
    const held = await db.grant.findMany({ where: { consumerId: consumer.id }, select: { consumerKind: true, consumerEnvironment: true } });
    expect(held.length).toBeGreaterThan(1);
    expect(new Set(held.map((g) => `${g.consumerKind}/${g.consumerEnvironment}`))).toEqual(new Set(["SERVICE/STAGING"]));
    const listed = await listGrants(admin, grantListParams.parse({ environment: "STAGING", consumerId: consumer.id }));
    expect(listed.total).toEqual({ count: held.length, estimated: false });

    // A copy cannot be written apart from its consumer.
    await db.$executeRawUnsafe(`UPDATE "Grant" SET "consumerKind" = 'AGENT' WHERE "id" = 'hand-written'`);
    expect(await copies("hand-written")).toEqual({ consumerKind: "SERVICE", consumerEnvironment: "STAGING" });
  });

  it.each<Record<string, string | number>>([
    {},
    { status: "ACTIVE" },
    { kind: "AGENT" },
    { environment: "PRODUCTION", origin: "MANUAL" },
    { q: "pay" },
    { q: "100%_" },
    { q: "_" },
    { q: "%" },
    { ending: 90 },
    { status: "ACTIVE", kind: "HUMAN", dir: "desc" },
  ])("counts exactly the rows it pages through, filtered by %o", async (filters) => {
    const { ids, total } = await everyRow(filters);
    expect(total).toEqual({ count: ids.length, estimated: false });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("counts the grants of one owner's consumers", async () => {
    const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO.owner } });
    const { ids, total } = await everyRow({ ownerId: owner.id });
    expect(ids.length).toBe(await db.grant.count({ where: { consumer: { ownerId: owner.id } } }));
    expect(total.count).toBe(ids.length);
  });

  it(
    engine === "postgresql"
      ? "past 10,000 grants gives the planner's estimate, said to be one"
      : "past 10,000 grants still counts exactly on SQLite, which keeps no estimate",
    async () => {
      const consumer = await db.consumer.findFirstOrThrow({ where: { kind: "PARTNER" } });
      const api = await db.api.findFirstOrThrow();
      const before = await db.grant.count({ where: { consumerKind: "PARTNER" } });
      const added = EXACT_UP_TO + 500 - before;
      const series =
        engine === "postgresql"
          ? `SELECT 'bulk-' || n AS n FROM generate_series(1, ${added}) AS n`
          : `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${added}) SELECT 'bulk-' || i AS n FROM s`;
      await db.$executeRaw`INSERT INTO "Grant" ("id", "consumerId", "apiId", "status", "updatedAt") SELECT n, ${consumer.id}, ${api.id}, 'EXPIRED', CURRENT_TIMESTAMP FROM (${Prisma.raw(series)}) AS bulk`;
      await db.$executeRawUnsafe("ANALYZE");
      const admin = await ctxFor(DEMO.admin);
      const { total } = await listGrants(admin, grantListParams.parse({ kind: "PARTNER" }));
      if (engine === "postgresql") {
        expect(total.estimated).toBe(true);
        expect(total.count).toBeGreaterThan(EXACT_UP_TO);
        expect(Math.abs(total.count - (EXACT_UP_TO + 500))).toBeLessThan((EXACT_UP_TO + 500) / 2);
      } else {
        expect(total).toEqual({ count: EXACT_UP_TO + 500, estimated: false });
      }
      // Under the limit, a filter's count stays exact.
      const active = await listGrants(admin, grantListParams.parse({ kind: "PARTNER", status: "ACTIVE" }));
      expect(active.total).toEqual({ count: await db.grant.count({ where: { consumerKind: "PARTNER", status: "ACTIVE" } }), estimated: false });
    },
  );
});
