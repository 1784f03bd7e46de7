// The demo seed: the organisation PRODUCT.md describes, idempotent, and never over another organisation's data.
import { describe, expect, it } from "vitest";
import bcrypt from "bcryptjs";
import { db } from "@/lib/server/db";
import { DEMO_USERS, seedDemo } from "@/prisma/seed/demo";
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
