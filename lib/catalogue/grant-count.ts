// How many grants the list's filters match, on PostgreSQL: counted up to a limit, and past it
// the planner's estimate read from EXPLAIN — milliseconds where counting 900,000 rows takes
// hundreds. Written as SQL because Prisma orders a limited count (by id, which no filter's
// index serves); the conditions mirror grantWhere in queries.ts, and the grant-list test
// compares the two on the same filters.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import type { GrantListParams } from "./schemas";

/**
 * A search term as Prisma's `contains` sends it: LIKE's wildcards in the term stay wildcards
 * (Prisma escapes nothing, and SQLite's LIKE has no escape character by default), so the count
 * matches the list.
 */
const likeTerm = (text: string) => `%${text}%`;

export function grantConditions(p: GrantListParams, now: Date): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (p.status) where.push(Prisma.sql`g."status" = ${p.status}::"GrantStatus"`);
  if (p.origin) where.push(Prisma.sql`g."origin" = ${p.origin}::"GrantOrigin"`);
  if (p.kind) where.push(Prisma.sql`g."consumerKind" = ${p.kind}::"ConsumerKind"`);
  if (p.environment) where.push(Prisma.sql`g."consumerEnvironment" = ${p.environment}::"Environment"`);
  if (p.apiId) where.push(Prisma.sql`g."apiId" = ${p.apiId}`);
  if (p.consumerId) where.push(Prisma.sql`g."consumerId" = ${p.consumerId}`);
  if (p.ownerId) where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Consumer" c WHERE c."id" = g."consumerId" AND c."ownerId" = ${p.ownerId})`);
  if (p.ending) where.push(Prisma.sql`g."expiresAt" > ${now} AND g."expiresAt" <= ${new Date(now.getTime() + p.ending * 86_400_000)}`);
  if (p.q) {
    const term = likeTerm(p.q);
    where.push(
      Prisma.sql`(EXISTS (SELECT 1 FROM "Consumer" c WHERE c."id" = g."consumerId" AND c."name" ILIKE ${term}) OR EXISTS (SELECT 1 FROM "Api" a WHERE a."id" = g."apiId" AND a."name" ILIKE ${term}))`,
    );
  }
  return where;
}

const whereOf = (p: GrantListParams, now: Date) => {
  const conditions = grantConditions(p, now);
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
};

/** The grants the filters match, counted up to `limit`. */
export async function countGrantsUpTo(p: GrantListParams, now: Date, limit: number): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM (SELECT 1 FROM "Grant" g ${whereOf(p, now)} LIMIT ${limit}) s`;
  return Number(row?.count ?? 0);
}

/** The planner's estimate of the grants the filters match. */
export async function estimateGrants(p: GrantListParams, now: Date): Promise<number> {
  const [plan] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Grant" g ${whereOf(p, now)}`;
  return plan?.["QUERY PLAN"][0].Plan["Plan Rows"] ?? 0;
}
