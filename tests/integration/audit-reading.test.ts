// The audit log as an auditor reads it: filtered by who and when, records by name, and each
// change field by field.
import { expect, it } from "vitest";
import { auditListParams, describeEvents, listAuditEvents } from "@/lib/audit/queries";
import { suspendGrant } from "@/lib/catalogue/commands/grant-status";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxsFor, expectAppError } from "./helpers";

it("names the record, shows what changed, and filters by actor and day", async () => {
  const [admin, auditor, owner] = await ctxsFor(DEMO.admin, DEMO.auditor, DEMO.owner);
  const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE" }, include: { consumer: true, api: true } });
  await runCommand(suspendGrant, admin, { id: grant.id, reason: "Investigating a leaked key" });

  const today = new Date().toISOString().slice(0, 10);
  const mine = await listAuditEvents(auditor, auditListParams.parse({ actorUserId: admin.userId, from: today, to: today, targetType: "Grant" }));
  const [event] = await describeEvents(
    auditor,
    mine.rows.filter((row) => row.targetId === grant.id),
  );
  expect(event?.target).toEqual({ name: `${grant.consumer.name} on ${grant.api.name}`, href: `/grants/${grant.id}` });
  expect(event?.changes).toContainEqual({ field: "status", before: "ACTIVE", after: "SUSPENDED" });
  expect(mine.rows.every((row) => row.actorLabel === DEMO.admin)).toBe(true);
  // Records' names are the audit's to read: an owner is refused them.
  await expectAppError(describeEvents(owner, mine.rows), "FORBIDDEN");

  // Another actor's filter, or another day, leaves the event out.
  const others = await listAuditEvents(auditor, auditListParams.parse({ actorUserId: auditor.userId, targetType: "Grant" }));
  expect(others.rows.some((row) => row.targetId === grant.id)).toBe(false);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const earlier = await listAuditEvents(auditor, auditListParams.parse({ to: yesterday, targetType: "Grant" }));
  expect(earlier.rows.some((row) => row.targetId === grant.id && row.action === "grant.suspend")).toBe(false);
});
