// Bulk inserts belong to their caller's transaction: rows are written with it and rolled back
// with it, and none is ever written once the transaction has ended (SQLite writes them on the
// driver connection, where a rolled-back transaction would otherwise leave them committed alone).
import { describe, expect, it } from "vitest";
import { insertRows, type Column } from "@/lib/server/bulk-insert";
import { inOneTransaction } from "@/lib/server/command";
import { z } from "zod";
import { db, type Tx } from "@/lib/server/db";
import { readRows } from "@/lib/server/driver";
import { engine } from "./databases";

const columns: Column[] = [
  { name: "id", type: "text" },
  { name: "name", type: "text" },
  { name: "description", type: "text" },
];
const teams = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, name: `${prefix} team ${i}`, description: "" }));

class Rollback extends Error {}

describe("insertRows", () => {
  it("writes with the transaction and rolls back with it", async () => {
    await inOneTransaction(async ({ tx }) => insertRows(tx, "Team", columns, teams("kept", 1_200)));
    expect(await db.team.count({ where: { id: { startsWith: "kept-" } } })).toBe(1_200);
    await expect(
      inOneTransaction(async ({ tx }) => {
        await insertRows(tx, "Team", columns, teams("undone", 1_200));
        throw new Rollback();
      }),
    ).rejects.toThrow(Rollback);
    expect(await db.team.count({ where: { id: { startsWith: "undone-" } } })).toBe(0);
  });

  it("writes every character as given, from rows made as they are written", async () => {
    const awkward = ["tab\there", "line\nbreak", "back\\slash \\N", "carriage\rreturn", "quote \" and '", "ünïcødé ✓ 🔑"];
    function* rows() {
      for (const [i, name] of awkward.entries()) yield { id: `awkward-${i}`, name, description: i % 2 ? "" : `${name}|${name}` };
    }
    expect(await inOneTransaction(async ({ tx }) => insertRows(tx, "Team", columns, rows()))).toBe(awkward.length);
    const stored = await db.team.findMany({ where: { id: { startsWith: "awkward-" } }, orderBy: { id: "asc" } });
    expect(stored.map((t) => t.name)).toEqual(awkward);
    expect(stored.map((t) => t.description)).toEqual(awkward.map((name, i) => (i % 2 ? "" : `${name}|${name}`)));
  });

  it("writes JSON as given: backslashes, escapes and control characters", async () => {
    const campaign = await db.campaign.findFirstOrThrow({ select: { id: true } });
    const bodies = [{ path: "C:\\keys\\n" }, { text: "tab\tline\nreturn\r" }, { quote: '"\\"', unicode: "✓ 🔑 \u0001" }, ["plain"]];
    const factColumns: Column[] = [
      { name: "campaignId", type: "text" },
      { name: "key", type: "text" },
      { name: "body", type: "json" },
    ];
    const rows = bodies.map((body, i) => ({ campaignId: campaign.id, key: `awkward:${i}`, body }));
    await inOneTransaction(async ({ tx }) => insertRows(tx, "ReviewFact", factColumns, rows));
    const stored = await db.reviewFact.findMany({ where: { campaignId: campaign.id, key: { startsWith: "awkward:" } }, orderBy: { key: "asc" } });
    expect(stored.map((f) => f.body)).toEqual(bodies);
  });

  it("writes nothing once its transaction has ended", async () => {
    // A read inside the transaction first: on PostgreSQL it learns the transaction's connection,
    // which is back in the pool once the transaction ends.
    const ended: Tx = await db.$transaction(async (tx) => {
      await readRows(tx, ["SELECT id FROM \"Team\" WHERE id = 'none'"], z.object({ id: z.string() }));
      return tx;
    });
    await expect(insertRows(ended, "Team", columns, teams("late", 3))).rejects.toThrow();
    expect(await db.team.count({ where: { id: { startsWith: "late-" } } })).toBe(0);
  });

  it.runIf(engine === "sqlite")("refuses to write on SQLite's driver connection outside a transaction", async () => {
    // What a transaction that ran past its time limit leaves behind: the connection, out of it.
    const outside: Tx = db;
    await expect(insertRows(outside, "Team", columns, teams("orphan", 3))).rejects.toThrow(/ended before its rows were written/);
    expect(await db.team.count({ where: { id: { startsWith: "orphan-" } } })).toBe(0);
  });
});
