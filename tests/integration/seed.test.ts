// The demo seed: the organisation PRODUCT.md describes, idempotent, and never over another organisation's data.
import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { DEMO_USERS, seedDemo } from "@/prisma/seed/demo";
import { seedScale } from "@/prisma/seed/scale";
import { DEMO_PASSWORD } from "./databases";
import { rowCounts } from "./helpers";

describe("demo seed", () => {
  it("has the five demo users with their roles and the documented password", async () => {
    for (const demo of Object.values(DEMO_USERS)) {
      const user = await db.user.findUniqueOrThrow({ where: { email: demo.email }, select: { passwordHash: true, roles: true, active: true } });
      expect(user.active).toBe(true);
      expect(user.roles.map((r) => r.role).sort()).toEqual([...demo.roles].sort());
      expect(await bcrypt.compare(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
    }
  });

  it("has the shape of a real organisation", async () => {
    const kinds = await db.consumer.groupBy({ by: ["kind"], _count: { _all: true }, orderBy: { kind: "asc" } });
    // PostgreSQL orders enums by declaration, SQLite by name: compare as sets.
    expect(kinds.map((k) => k.kind).sort()).toEqual(["AGENT", "HUMAN", "PARTNER", "SERVICE"]);
    expect(await db.api.count()).toBeGreaterThanOrEqual(20);
    expect(await db.consumer.count()).toBeGreaterThanOrEqual(200);
    expect(await db.grant.count()).toBeGreaterThanOrEqual(2000);
    expect(await db.consumer.count({ where: { kind: "AGENT", comparableRoleId: null } })).toBe(0);
    expect(await db.usageEvent.count()).toBeGreaterThan(1000);
    const shared = await db.consumerCredential.groupBy({ by: ["credentialId"], _count: { _all: true }, having: { credentialId: { _count: { gt: 1 } } } });
    expect(shared.length).toBeGreaterThan(0);
  });

  it("has a finished access review, remediated, and a running one with items waiting", async () => {
    const campaigns = await db.campaign.findMany({ include: { _count: { select: { items: true } } }, orderBy: { status: "asc" } });
    expect(campaigns.map((c) => c.status).sort()).toEqual(["ACTIVE", "COMPLETED"]);
    const finished = campaigns.find((c) => c.status === "COMPLETED")!;
    expect(finished._count.items).toBeGreaterThan(0);
    expect(await db.reviewItem.count({ where: { campaignId: finished.id, remediatedAt: null } })).toBe(0);
    const running = campaigns.find((c) => c.status === "ACTIVE")!;
    expect(await db.reviewItem.count({ where: { campaignId: running.id, status: "STAGE1", stage1Decision: null } })).toBe(running._count.items);
  });

  it("does nothing when run again", async () => {
    const counts = await rowCounts();
    const result = await seedDemo(db, { password: DEMO_PASSWORD });
    expect(result.seeded).toBe(false);
    expect(await rowCounts()).toEqual(counts);
  });

  it("refuses a database that holds another organisation's users", async () => {
    await db.userRoleGrant.deleteMany({ where: { user: { email: DEMO_USERS.admin.email } } });
    await db.auditEvent.deleteMany({ where: { actorUser: { email: DEMO_USERS.admin.email } } });
    await db.user.update({ where: { email: DEMO_USERS.admin.email }, data: { email: "cio@another.example" } });
    await expect(seedDemo(db, { password: DEMO_PASSWORD })).rejects.toThrow(/not the demo organisation/);
  });
});

describe("scale seed", () => {
  it("grows the demo organisation in bulk to the scale shape, once", async () => {
    const before = { consumers: await db.consumer.count(), grants: await db.grant.count(), events: await db.usageEvent.count() };
    // A hundredth of the full dataset: the same code path as `npm run seed:scale`, in seconds.
    const result = await seedScale(db, env().DATABASE_URL, { password: DEMO_PASSWORD, fraction: 0.01 });
    expect(result.seeded).toBe(true);
    const kinds = await db.consumer.groupBy({ by: ["kind"], _count: { _all: true } });
    const count = (kind: string) => kinds.find((k) => k.kind === kind)?._count._all;
    expect(count("HUMAN")).toBe(250);
    expect(count("SERVICE")).toBe(400);
    expect(count("PARTNER")).toBe(150);
    expect(count("AGENT")).toBe(200);
    expect(await db.api.count()).toBe(24 + 10);
    expect(await db.consumer.count({ where: { kind: "AGENT", comparableRoleId: null } })).toBe(0);
    const added = (await db.consumer.count()) - before.consumers;
    expect((await db.grant.count()) - before.grants).toBe(added * 10);
    expect((await db.usageEvent.count()) - before.events).toBeGreaterThan(added * 10 * 0.72 * 4 * 0.9);
    // The bulk rows read back through Prisma like any other: dates, booleans and enums intact.
    const agent = await db.consumer.findFirstOrThrow({
      where: { id: { startsWith: "xc" }, kind: "AGENT" },
      include: { grants: { include: { scopes: true } }, credentials: true },
    });
    expect(agent.createdAt).toBeInstanceOf(Date);
    expect(typeof agent.isCiPipeline).toBe("boolean");
    expect(agent.grants.every((g) => g.scopes.length > 0)).toBe(true);
    expect(agent.credentials.length).toBeGreaterThan(0);
    const days = await db.metricSnapshot.groupBy({ by: ["day"] });
    expect(days.length).toBe(366);
    expect(await db.finding.count({ where: { consumerId: { startsWith: "xc" }, status: "OPEN" } })).toBeGreaterThan(0);
    expect(await db.dashboardCell.count()).toBeGreaterThan(0);

    expect((await seedScale(db, env().DATABASE_URL, { password: DEMO_PASSWORD, fraction: 0.01 })).seeded).toBe(false);
  }, 120_000);
});
