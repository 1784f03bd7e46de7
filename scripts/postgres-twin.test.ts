import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PG_MIGRATIONS, SOURCE, SQLITE_MIGRATIONS, deriveTwin, driftProblems, migrationNames } from "./postgres-twin";

describe("PostgreSQL twin of the schema", () => {
  it("is in step with prisma/schema.prisma and its migrations", () => {
    expect(driftProblems()).toEqual([]);
  });

  it("differs from the source only in provider and client output", () => {
    const twin = deriveTwin(readFileSync(SOURCE, "utf8"));
    expect(twin).toContain('provider = "postgresql"');
    expect(twin).not.toContain('provider = "sqlite"');
    expect(twin).toContain("lib/generated/prisma-pg");
  });

  it("notices a source change that skipped the migration script", () => {
    const changed = readFileSync(SOURCE, "utf8").replace("model Team {", "model Team {\n  extra String?");
    expect(deriveTwin(changed)).not.toEqual(deriveTwin(readFileSync(SOURCE, "utf8")));
  });

  it("has one migration per step for each database", () => {
    expect(migrationNames(SQLITE_MIGRATIONS).length).toBeGreaterThan(0);
    expect(migrationNames(PG_MIGRATIONS)).toEqual(migrationNames(SQLITE_MIGRATIONS));
  });
});
