// Claims for background work that several app instances run at once against one database.
//
// A unit of work (a campaign's reminders, a review item's due date or remediation, a grant's
// expiry) is locked inside the transaction that does it: on PostgreSQL with
// `FOR UPDATE SKIP LOCKED`, so a second runner passes over a row the first holds instead of
// waiting for it and doing it again; the work itself stays conditional (status, version,
// "not yet remediated") so a runner that arrives after the first one committed finds nothing
// left to do. SQLite has one writer at a time and is run with a single runner.
//
// A whole job that must not run twice at once (the findings recompute, the daily snapshot)
// holds a lease: the JobLease row of its name, taken with a conditional update.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { Sql } from "@/lib/sql/dialect";
import { parseRows } from "@/lib/sql/rows";
import { z } from "zod";
import { db, provider, type Tx } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";

export type LockableTable = "Campaign" | "ReviewItem" | "Grant";

/** Locks the rows no other transaction holds; returns their ids, in the given order. */
export async function lockRows(tx: Tx, table: LockableTable, ids: string[]): Promise<string[]> {
  if (ids.length === 0 || provider() === "sqlite") return ids;
  const q = new Sql("postgresql");
  const rows = parseRows(
    z.object({ id: z.string() }),
    await tx.$queryRawUnsafe<unknown[]>(...q.statement(`SELECT id FROM "${table}" WHERE ${q.inList("id", ids)} FOR UPDATE SKIP LOCKED`)),
  );
  const locked = new Set(rows.map((r) => r.id));
  return ids.filter((id) => locked.has(id));
}

const RUNNER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * Runs `work` while holding the named lease, or returns null when another runner holds it.
 * The lease lasts `ttlMs` at most, so a crashed runner's lease runs out by itself.
 */
export async function withLease<T>(name: string, ttlMs: number, work: () => Promise<T>): Promise<T | null> {
  try {
    await db.jobLease.create({ data: { name, holder: "", expiresAt: new Date(0) } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Wall-clock time, not the job's clock: the lease is about runners alive now.
  const now = new Date();
  const { count } = await db.jobLease.updateMany({
    where: { name, expiresAt: { lt: now } },
    data: { holder: RUNNER, expiresAt: new Date(now.getTime() + ttlMs) },
  });
  if (count === 0) {
    logger.info("job skipped: another runner holds its lease", { job: name });
    return null;
  }
  try {
    return await work();
  } finally {
    await db.jobLease.updateMany({ where: { name, holder: RUNNER }, data: { expiresAt: new Date(0) } });
  }
}
