// CSV keeps the truth: the consumers and grants exports, imported into an instance without them,
// give back the same catalogue — every status, origin and date — and a spreadsheet's ways of
// writing files (a byte-order mark, TRUE/FALSE, serial dates, cells over several lines) read as meant.
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { CONSUMER_COLUMNS, GRANT_COLUMNS } from "@/lib/catalogue/csv-columns";
import { applyCsvImport, previewCsvImport } from "@/lib/catalogue/csv-import";
import { exportConsumers, exportGrants } from "@/lib/catalogue/queries";
import { consumerListParams, grantListParams } from "@/lib/catalogue/schemas";
import { csvStream } from "@/lib/lists/csv";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, liveStateDigest } from "./helpers";

let admin: Ctx;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
});

const exportOf = async (kind: "consumers" | "grants") =>
  new Response(
    kind === "consumers"
      ? csvStream(exportConsumers(admin, consumerListParams.parse({})), CONSUMER_COLUMNS)
      : csvStream(exportGrants(admin, grantListParams.parse({})), GRANT_COLUMNS),
  ).text();

/** A file's rows without the columns a new instance cannot keep (ids) or does not import (counts), sorted. */
function comparable(csv: string, drop: string[]) {
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([key]) => !drop.includes(key))))).sort();
}

const withoutIds = (csv: string) =>
  Papa.unparse(Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data.map(({ id: _id, ...row }) => row));

describe("an export imported into an instance without its consumers and grants", () => {
  it("gives back every consumer and grant as it was: status, origin and dates included", { timeout: 180_000 }, async () => {
    const consumers = await exportOf("consumers");
    const grants = await exportOf("grants");
    const statuses = (csv: string) => new Set(comparable(csv, []).map((r) => JSON.parse(r).status));
    expect([...statuses(grants)].sort()).toEqual(expect.arrayContaining(["ACTIVE", "EXPIRED", "REVOKED", "SUSPENDED"]));
    expect([...statuses(consumers)].sort()).toEqual(expect.arrayContaining(["ACTIVE", "DECOMMISSIONED", "SUSPENDED"]));

    // The instance keeps its teams, people, roles and APIs; its consumers (and with them every grant) go.
    await db.consumer.deleteMany({});
    expect(await db.grant.count()).toBe(0);

    expect(await applyCsvImport(admin, { kind: "consumers", csv: withoutIds(consumers) })).toMatchObject({ errors: [] });
    expect(await applyCsvImport(admin, { kind: "grants", csv: withoutIds(grants) })).toMatchObject({ errors: [] });

    expect(comparable(await exportOf("consumers"), ["id", "credentials"])).toEqual(comparable(consumers, ["id", "credentials"]));
    expect(comparable(await exportOf("grants"), ["id"])).toEqual(comparable(grants, ["id"]));
  });
});

describe("a row's state", () => {
  const grantLine = (
    g: {
      id: string;
      consumer: { name: string; environment: string };
      api: { name: string; environment: string };
      scopes: { scope: { name: string } }[];
      justification: string;
    },
    status: string,
  ) =>
    Papa.unparse([
      {
        id: g.id,
        consumer: g.consumer.name,
        consumerEnvironment: g.consumer.environment,
        api: g.api.name,
        apiEnvironment: g.api.environment,
        scopes: g.scopes.map((s) => s.scope.name).join(" "),
        justification: g.justification,
        status,
      },
    ]);

  it("may revoke or suspend a grant, and resume a suspended one", async () => {
    const grant = await db.grant.findFirstOrThrow({
      where: { status: "ACTIVE" },
      include: { consumer: true, api: true, scopes: { include: { scope: true } } },
    });
    expect(await applyCsvImport(admin, { kind: "grants", csv: grantLine(grant, "SUSPENDED") })).toMatchObject({ update: 1 });
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("SUSPENDED");
    expect(await applyCsvImport(admin, { kind: "grants", csv: grantLine(grant, "ACTIVE") })).toMatchObject({ update: 1 });
    expect(await applyCsvImport(admin, { kind: "grants", csv: grantLine(grant, "REVOKED") })).toMatchObject({ update: 1 });
    const revoked = await db.grant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(revoked.status).toBe("REVOKED");
    expect(await db.auditEvent.count({ where: { targetId: grant.id, action: { in: ["grant.suspend", "grant.resume", "grant.revoke"] } } })).toBe(3);
  });

  it("never gives back revoked or expired access", async () => {
    for (const status of ["REVOKED", "EXPIRED"] as const) {
      const grant = await db.grant.findFirstOrThrow({ where: { status }, include: { consumer: true, api: true, scopes: { include: { scope: true } } } });
      const state = await liveStateDigest();
      const preview = await previewCsvImport(admin, { kind: "grants", csv: grantLine(grant, "ACTIVE") });
      expect(preview.errors[0]!.messages).toEqual([`status: ${status.toLowerCase()} access is not given back by import; request it`]);
      await expectAppError(applyCsvImport(admin, { kind: "grants", csv: grantLine(grant, "ACTIVE") }), "VALIDATION");
      expect(await liveStateDigest()).toBe(state);
    }
  });

  it("never makes a decommissioned consumer active again", async () => {
    const consumer = await db.consumer.findFirstOrThrow({ where: { status: "DECOMMISSIONED" }, include: { team: true } });
    const csv = Papa.unparse([
      { id: consumer.id, name: consumer.name, kind: consumer.kind, environment: consumer.environment, team: consumer.team.name, status: "ACTIVE" },
    ]);
    const preview = await previewCsvImport(admin, { kind: "consumers", csv });
    expect(preview.errors[0]!.messages.join(" ")).toContain("not made active again by import");
  });
});

describe("spreadsheet files", () => {
  const teamName = async () => (await db.team.findFirstOrThrow()).name;

  it("read a byte-order mark, TRUE/FALSE and yes/no, and Excel's serial dates", async () => {
    const team = await teamName();
    const csv = `\uFEFFname,kind,environment,team,isCiPipeline,createdAt\nsheet-ci,SERVICE,STAGING,${team},TRUE,45658\nsheet-plain,SERVICE,STAGING,${team},no,2025-01-01\n`;
    expect(await applyCsvImport(admin, { kind: "consumers", csv })).toMatchObject({ create: 2, errors: [] });
    const made = await db.consumer.findMany({ where: { name: { startsWith: "sheet-" } }, orderBy: { name: "asc" } });
    expect(made.map((c) => [c.name, c.isCiPipeline, c.createdAt.toISOString()])).toEqual([
      ["sheet-ci", true, "2025-01-01T00:00:00.000Z"],
      ["sheet-plain", false, "2025-01-01T00:00:00.000Z"],
    ]);
  });

  it("refuse a day written the local way, and a yes/no that is neither, naming the file's line", async () => {
    const team = await teamName();
    // The second record's description spans two lines of the file, so the third record starts on line 5.
    const csv = `name,kind,environment,team,description,isCiPipeline,createdAt\nsheet-ok,SERVICE,STAGING,${team},fine,no,\nsheet-long,SERVICE,STAGING,${team},"two\nlines",no,\nsheet-bad,SERVICE,STAGING,${team},x,maybe,31/12/2025\n`;
    const preview = await previewCsvImport(admin, { kind: "consumers", csv });
    expect(preview.errors).toEqual([
      {
        line: 5,
        messages: [expect.stringContaining('isCiPipeline: "maybe" is neither yes nor no'), expect.stringContaining('createdAt: "31/12/2025" is not a date')],
      },
    ]);
  });

  it("refuse a file that is not UTF-8, saying how to save it", async () => {
    const team = await teamName();
    // What a Windows-1252 "Zürich" becomes when read as UTF-8.
    const csv = `name,kind,environment,team\nZ\uFFFDrich-svc,SERVICE,STAGING,${team}\n`;
    const error = await expectAppError(previewCsvImport(admin, { kind: "consumers", csv }), "VALIDATION");
    expect(error.fieldErrors?.csv?.[0]).toContain("not UTF-8");
  });

  it("show a name clash in the preview, not at the import", async () => {
    const existing = await db.consumer.findFirstOrThrow({ include: { team: true } });
    const csv = `name,kind,environment,team\n${existing.name},SERVICE,${existing.environment},${existing.team.name}\n`;
    const preview = await previewCsvImport(admin, { kind: "consumers", csv });
    expect(preview.errors).toEqual([{ line: 2, messages: ["name: A consumer with this name already exists in this environment"] }]);
  });
});
