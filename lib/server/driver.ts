// The driver connections under Prisma's clients, for the paths where Prisma's per-query and
// per-row work is most of the cost: reads of tens of thousands of rows inside a launch, and
// the two statements every decision runs. Everything else goes through Prisma.
import pg from "pg";
import type { z } from "zod";
import { parseRows } from "@/lib/sql/rows";
import { sqlitePath } from "./database-url";
import type { SqliteStatement, Tx } from "./db";
import { db, pgConnectionByPid, statementPool, provider, rawSqliteConnection } from "./db";
import { env } from "./env";

/**
 * The driver connection under Prisma's SQLite client, when it is the one for DATABASE_URL:
 * statements on it join the transaction Prisma has open and skip Prisma's per-row cost.
 * Undefined on PostgreSQL (or before Prisma's first query).
 */
export function sqliteDriver() {
  const connection = provider() === "sqlite" ? rawSqliteConnection() : undefined;
  return connection && connection.name === sqlitePath(env().DATABASE_URL) ? connection : undefined;
}

// Statements prepared once per driver connection, for the paths every API call takes.
const preparedStatements = new WeakMap<object, Map<string, SqliteStatement>>();

/** The statement prepared on the SQLite driver connection, or undefined off SQLite. */
export function preparedOnDriver(sql: string): SqliteStatement | undefined {
  const driver = sqliteDriver();
  if (!driver) return undefined;
  let statements = preparedStatements.get(driver);
  if (!statements) preparedStatements.set(driver, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = driver.prepare(sql)));
  return statement;
}

// PostgreSQL's "timestamp without time zone" holds UTC here (as Prisma writes it); node-postgres
// would read it as local time.
const utcTimestamps = {
  getTypeParser: (oid: number, format?: string) =>
    oid === 1114 ? (value: string) => new Date(`${value.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid, format as "text"),
};

/** Rows of one statement sent on a node-postgres pool or connection, times read as UTC. */
async function pgRows<S extends z.ZodType>(on: pg.Pool | pg.PoolClient, query: pg.QueryConfig, row: S): Promise<z.output<S>[]> {
  return parseRows(row, (await on.query({ ...query, types: utcTimestamps })).rows);
}

/**
 * Rows of a statement on a path every API call takes (`$1`-numbered parameters, each used once,
 * in order): prepared once on the SQLite driver connection, or a named prepared statement on
 * the PostgreSQL pool, so neither Prisma's per-query work nor PostgreSQL's planning is paid per call.
 */
export async function hotQuery<S extends z.ZodType>(name: string, sql: string, values: unknown[], row: S): Promise<z.output<S>[]> {
  // The driver connection opens with Prisma's first query: a fresh instance's first call opens it.
  if (provider() === "sqlite" && !rawSqliteConnection()) await db.$connect();
  const statement = preparedOnDriver(sql.replace(/\$\d+/g, "?"));
  if (statement) return parseRows(row, statement.all(...values));
  const pool = statementPool();
  if (pool) return pgRows(pool, { name: `scopeward.${name}`, text: sql, values }, row);
  return parseRows(row, await db.$queryRawUnsafe<unknown[]>(sql, ...values));
}

/** A time as a raw row carries it: ISO text on SQLite, a Date on PostgreSQL. */
export const toDate = (value: unknown): Date | null =>
  value instanceof Date ? value : typeof value === "string" || typeof value === "number" ? new Date(value) : null;

/**
 * The same time as ISO 8601 text in UTC, as `Date.toISOString()` writes it. SQLite rows
 * already hold it (with "+00:00" for "Z", as Prisma's adapter stores times), so no Date is made.
 */
export function toIso(value: unknown): string | null {
  if (typeof value === "string" && value.length === 29 && value.endsWith("+00:00")) return `${value.slice(0, 23)}Z`;
  return toDate(value)?.toISOString() ?? null;
}

/**
 * Rows of a statement (from Sql.statement) inside the caller's transaction. On SQLite it runs
 * on the driver connection, skipping the adapter's per-row conversion, which dominates reads
 * of tens of thousands of rows; values come back as the driver has them (times as ISO text,
 * booleans as 0/1), so callers convert what they use.
 */
export async function readRows<S extends z.ZodType>(tx: Tx, [sql, ...args]: [string, ...unknown[]], row: S): Promise<z.output<S>[]> {
  const driver = sqliteDriver();
  if (driver) return parseRows(row, driver.prepare(sql).all(...args));
  if (provider() === "postgresql") {
    return pgRows(await pgConnectionOf(tx), { text: sql, values: args }, row);
  }
  return parseRows(row, await tx.$queryRawUnsafe<unknown[]>(sql, ...args));
}

/** Runs a statement (from Sql.statement) and returns its rows, checked against `row`. */
export type RowReader = <S extends z.ZodType>(statement: [string, ...unknown[]], row: S) => Promise<z.output<S>[]>;

/** Rows read inside the caller's transaction (readRows). */
export const rowsIn =
  (tx: Tx): RowReader =>
  (statement, row) =>
    readRows(tx, statement, row);

/**
 * Rows read outside any transaction: on PostgreSQL on the statement pool (never Prisma's, whose
 * connections transactions hold), on SQLite on the driver connection. For previews, and for
 * reads a transaction makes beside its own writes of rows it does not write (under READ
 * COMMITTED its own connection would read the same committed rows).
 */
export const readBeside: RowReader = async ([sql, ...args], row) => {
  const pool = statementPool();
  if (pool) return pgRows(pool, { text: sql, values: args }, row);
  return readRows(db, [sql, ...args], row);
};

const transactionConnections = new WeakMap<Tx, pg.PoolClient>();

/**
 * The PostgreSQL driver connection a Prisma transaction holds: statements sent on it join the
 * transaction, without Prisma's per-query and per-row work. Prisma does not hand it out; the
 * transaction asks the server which process serves it, and the pool knows its connections by
 * that id (db.ts). Reads ask once per transaction; a write asks afresh (`alive`), so that it
 * can never land on the connection of a transaction that has ended (past its time limit, say)
 * and commit alone.
 */
export async function pgConnectionOf(tx: Tx, { alive = false } = {}): Promise<pg.PoolClient> {
  const known = transactionConnections.get(tx);
  if (known && !alive) return known;
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const connection = row && pgConnectionByPid(Number(row.pid));
  if (!connection) throw new Error("The connection of this transaction is not one of the app's pool");
  transactionConnections.set(tx, connection);
  return connection;
}
