// The operations an API's imported document declares, compiled for matching (route-match.ts)
// and kept per API for as long as the API is unchanged: its `updatedAt` moves on every import
// and every change of its base URLs, and the decision reads it with the live grant, so a new
// document is matched from the very next decision.
import { z } from "zod";
import { hotQuery } from "@/lib/server/driver";
import { compileRoutes, type RouteOperation, type RouteTable } from "./route-match";

const OPERATIONS_SQL = `SELECT o.id AS "id", o.method AS "method", o.path AS "path", o."scopeFree" AS "scopeFree",
    os.requirement AS "requirement", s.name AS "scope"
  FROM "ApiOperation" o
  LEFT JOIN "OperationScope" os ON os."operationId" = o.id
  LEFT JOIN "Scope" s ON s.id = os."scopeId"
  WHERE o."apiId" = $1`;
const BASES_SQL = `SELECT x.value AS "value" FROM "ApiAddress" x WHERE x."apiId" = $1 AND x.kind = 'BASE_URL'`;

const operationRow = z.object({
  id: z.string(),
  method: z.string(),
  path: z.string(),
  // The SQLite driver reads integers as bigint, booleans as 0 and 1.
  scopeFree: z.union([z.boolean(), z.number(), z.bigint()]).transform(Boolean),
  requirement: z.union([z.number(), z.bigint()]).transform(Number).nullable(),
  scope: z.string().nullable(),
});

// Enough for every API of a large catalogue; past it the oldest compiled table goes.
const MAX_TABLES = 5000;
const tables = new Map<string, { version: string; table: Promise<RouteTable> }>();

async function load(apiId: string): Promise<RouteTable> {
  const [rows, bases] = await Promise.all([
    hotQuery("api-operations", OPERATIONS_SQL, [apiId], operationRow),
    hotQuery("api-bases", BASES_SQL, [apiId], z.object({ value: z.string() })),
  ]);
  const byId = new Map<string, RouteOperation & { sets: Map<number, string[]> }>();
  for (const row of rows) {
    let op = byId.get(row.id);
    if (!op) byId.set(row.id, (op = { method: row.method, path: row.path, scopeFree: row.scopeFree, requirements: [], sets: new Map() }));
    if (row.requirement !== null && row.scope !== null) op.sets.set(row.requirement, [...(op.sets.get(row.requirement) ?? []), row.scope]);
  }
  const operations = [...byId.values()].map(({ sets, ...op }) => ({
    ...op,
    // No requirement rows at all: nothing to hold beyond the grant.
    scopeFree: op.scopeFree || sets.size === 0,
    requirements: [...sets.keys()].sort((a, b) => a - b).map((k) => sets.get(k)!.sort()),
  }));
  return compileRoutes(
    operations,
    bases.map((b) => URL.parse(b.value)?.pathname ?? ""),
  );
}

/** The API's compiled operations as of `version` (its updatedAt as the decision read it). */
export function routesOf(apiId: string, version: string): Promise<RouteTable> {
  const known = tables.get(apiId);
  if (known && known.version === version) return known.table;
  const table = load(apiId);
  // A failed read is not kept: the next decision reads again.
  table.catch(() => tables.delete(apiId));
  tables.delete(apiId);
  tables.set(apiId, { version, table });
  if (tables.size > MAX_TABLES) tables.delete(tables.keys().next().value!);
  return table;
}
