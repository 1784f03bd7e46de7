// Bulk inserts belong to their caller's transaction: rows are written with it and rolled back
// with it, and none is ever written once the transaction has ended (SQLite writes them on the
// driver connection, where a rolled-back transaction would otherwise leave them committed alone).
import { describe, expect, it } from "vitest";
import { insertRows, type Column } from "@/lib/server/bulk-insert";
import { inOneTransaction } from "@/lib/server/command";
import { db, type Tx } from "@/lib/server/db";
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

  it.runIf(engine === "sqlite")("refuses to write on SQLite's driver connection outside a transaction", async () => {
    // What a transaction that ran past its time limit leaves behind: the connection, out of it.
    const outside: Tx = db;
    await expect(insertRows(outside, "Team", columns, teams("orphan", 3))).rejects.toThrow(/ended before its rows were written/);
    expect(await db.team.count({ where: { id: { startsWith: "orphan-" } } })).toBe(0);
  });
});
