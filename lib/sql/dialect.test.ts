import { describe, expect, it } from "vitest";
import { Sql } from "./dialect";

describe("dialect-neutral statements", () => {
  it("lays numbered parameters out as positional ones for SQLite, repeating reused ones", () => {
    const q = new Sql("sqlite");
    const a = q.p("a");
    const b = q.p("b");
    expect(q.statement(`SELECT ${b}, ${a}, ${b}`)).toEqual(["SELECT ?, ?, ?", "b", "a", "b"]);
  });

  it("renumbers PostgreSQL parameters in order of use and leaves out unused ones", () => {
    const q = new Sql("postgresql");
    const a = q.p("a");
    q.p("unused");
    const c = q.p("c");
    expect(q.statement(`SELECT ${c}, ${a}, ${c}`)).toEqual(["SELECT $1, $2, $1", "c", "a"]);
  });

  it("stores moments the way each database's columns hold them", () => {
    const at = new Date("2026-11-22T10:00:00.000Z");
    const lite = new Sql("sqlite");
    expect(lite.statement(lite.at(at))).toEqual(["?", "2026-11-22T10:00:00.000+00:00"]);
    const pg = new Sql("postgresql");
    expect(pg.statement(pg.at(at))).toEqual(["CAST($1 AS timestamp(3))", "2026-11-22T10:00:00.000Z"]);
  });
});
