// CSV import: exports import back unchanged, one bad row writes nothing and is named by
// line, and a valid file is written whole.
import { beforeAll, describe, expect, it } from "vitest";
import { CONSUMER_COLUMNS, GRANT_COLUMNS } from "@/lib/catalogue/csv-columns";
import { applyCsvImport, previewCsvImport } from "@/lib/catalogue/csv-import";
import { exportConsumers, exportGrants } from "@/lib/catalogue/queries";
import { consumerListParams, grantListParams } from "@/lib/catalogue/schemas";
import { csvStream } from "@/lib/lists/csv";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, liveStateDigest, rowCounts } from "./helpers";

let admin: Ctx, owner: Ctx;
beforeAll(async () => {
  [admin, owner] = await Promise.all([ctxFor(DEMO.admin), ctxFor(DEMO.owner)]);
});

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

// A whole export (about 3,000 grants) is checked in paced chunks that leave room for live traffic:
// on PostgreSQL under CI's load the grants took 23-30 s, at the default 30 s limit.
describe("CSV round trip", { timeout: 120_000 }, () => {
  it("the consumers export imports back unchanged", async () => {
    const csv = await text(csvStream(exportConsumers(admin, consumerListParams.parse({})), CONSUMER_COLUMNS));
    const before = await liveStateDigest();
    const preview = await previewCsvImport(admin, { kind: "consumers", csv });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ create: 0, update: 0, unchanged: await db.consumer.count() });
    await applyCsvImport(admin, { kind: "consumers", csv });
    expect(await liveStateDigest()).toBe(before);
  });

  it("the grants export imports back unchanged", async () => {
    const csv = await text(csvStream(exportGrants(admin, grantListParams.parse({})), GRANT_COLUMNS));
    const preview = await previewCsvImport(admin, { kind: "grants", csv });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ create: 0, update: 0, unchanged: await db.grant.count() });
  });
});

describe("a file with one bad row", () => {
  it("writes nothing and names the row by line and reason", async () => {
    const team = await db.team.findFirstOrThrow();
    const csv = [
      "name,kind,environment,team,owner",
      `import-svc-1,SERVICE,PRODUCTION,${team.name},${DEMO.owner}`,
      `import-svc-2,ROBOT,PRODUCTION,${team.name},`,
      `import-svc-3,SERVICE,PRODUCTION,No Such Team,`,
    ].join("\n");
    const preview = await previewCsvImport(admin, { kind: "consumers", csv });
    expect(preview).toMatchObject({ rows: 3, create: 1 });
    expect(preview.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(preview.errors[0]!.messages.join(" ")).toMatch(/kind/);
    expect(preview.errors[1]!.messages).toContain('team: no team named "No Such Team"');
    const before = await rowCounts();
    const error = await expectAppError(applyCsvImport(admin, { kind: "consumers", csv }), "VALIDATION");
    expect(error.message).toBe("Nothing was imported: 2 rows need attention.");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["line 3", "line 4"]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("a valid file", () => {
  it("creates consumers, their credentials and grants, each audited", async () => {
    const team = await db.team.findFirstOrThrow();
    const api = await db.api.findFirstOrThrow({
      where: { ownerId: owner.userId, lifecycle: { not: "RETIRED" } },
      include: { scopes: { take: 2, orderBy: { name: "asc" } } },
    });
    await applyCsvImport(owner, { kind: "consumers", csv: `name,kind,environment,team,owner\nimported-etl,SERVICE,STAGING,${team.name},${DEMO.owner}\n` });
    const consumer = await db.consumer.findFirstOrThrow({ where: { name: "imported-etl" } });
    expect(consumer.ownerId).toBe(owner.userId);
    await applyCsvImport(owner, {
      kind: "credentials",
      csv: `consumer,label,type,accessTokenTtlSeconds,senderConstraint\nimported-etl,etl key,CLIENT_SECRET,900,DPOP\n`,
    });
    expect(await db.consumerCredential.count({ where: { consumerId: consumer.id } })).toBe(1);
    const grants = `consumer,api,apiEnvironment,scopes,justification\nimported-etl,${api.name},${api.environment},${api.scopes.map((s) => s.name).join(" ")},Nightly extract of ledger entries\n`;
    expect(await applyCsvImport(owner, { kind: "grants", csv: grants })).toMatchObject({ create: 1, errors: [] });
    const grant = await db.grant.findFirstOrThrow({ where: { consumerId: consumer.id }, include: { scopes: true } });
    expect(grant).toMatchObject({ origin: "IMPORT", status: "ACTIVE" });
    expect(grant.scopes).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { actorLabel: `${DEMO.owner} via CSV import`, actorUserId: owner.userId } })).toBe(3);
    // Each file's import is audited as the person's, with what it did.
    const finished = await db.auditEvent.findMany({ where: { action: "csv.import.finish", actorUserId: owner.userId }, orderBy: { seq: "asc" } });
    expect(finished.map((e) => e.summary)).toEqual([
      "Imported a CSV file of 1 consumer: 1 created, 0 updated, 0 unchanged",
      "Imported a CSV file of 1 credential: 1 created, 0 updated, 0 unchanged",
      "Imported a CSV file of 1 grant: 1 created, 0 updated, 0 unchanged",
    ]);
    // An owner cannot grant on an API they do not own.
    const foreign = await db.api.findFirstOrThrow({ where: { ownerId: { not: owner.userId } }, include: { scopes: { take: 1 } } });
    const refused = await previewCsvImport(owner, {
      kind: "grants",
      csv: `consumer,api,apiEnvironment,scopes,justification\nimported-etl,${foreign.name},${foreign.environment},${foreign.scopes[0]!.name},Not theirs to grant\n`,
    });
    expect(refused.errors[0]!.messages).toContain("The API was not found.");
  });
});
