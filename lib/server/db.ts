// The Prisma client singleton. DATABASE_URL picks the database: a `file:` URL the
// embedded SQLite file, a `postgresql://` URL PostgreSQL — no code change between them.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { providerOf, sqlitePath, type DatabaseProvider } from "./database-url";
import { env } from "./env";

// Both generated clients come from one datamodel (the PostgreSQL schema is a generated
// twin), so they expose the same API; the SQLite client's type stands for both.
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// Secret columns stay out of every query unless a caller asks for them by name.
const omit = { user: { passwordHash: true }, apiToken: { tokenHash: true } } as const;

/** better-sqlite3 exposed by its adapter; the factory keeps a hand on it for bulkInsert(). */
export type SqliteStatement = { run(...values: unknown[]): { changes: number }; all(...values: unknown[]): unknown[] };
type SqliteConnection = { name: string; inTransaction: boolean; prepare(sql: string): SqliteStatement };

// One client, one SQLite connection and one pool per process, kept on globalThis. The
// production build can hold this module more than once (a copy per server bundle); each copy
// opened its own SQLite connection, and one copy's long write transaction then locked the
// others out (SQLITE_BUSY on a sign-in while an import or a recompute was writing).
/** Opened at its first statement, closed with the Prisma client it serves. */
type StatementPool = { url: string; pool?: pg.Pool };
type Shared = {
  db?: Db;
  sqliteConnection?: SqliteConnection;
  pools: WeakMap<object, pg.Pool>;
  statementPools: WeakMap<object, StatementPool>;
  pgConnections: Map<number, pg.PoolClient>;
};
const processWide = globalThis as unknown as { scopeward?: Shared };
const shared: Shared = (processWide.scopeward ??= { pools: new WeakMap(), statementPools: new WeakMap(), pgConnections: new Map() });

class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client: SqliteConnection }).client;
    shared.sqliteConnection = connection;
    // Write-ahead logging: readers and the one writer no longer wait for each other, so a
    // long background recompute never holds up a reviewer's decision; a commit is one
    // append and one sync. The mode is kept in the file.
    connection.prepare("PRAGMA journal_mode = WAL").all();
    return adapter;
  }
}

/**
 * The one SQLite connection Prisma uses. Statements run on it join whatever transaction
 * Prisma has open on it, which is what a bulk insert inside a launch needs.
 */
export function rawSqliteConnection(): SqliteConnection | undefined {
  return shared.sqliteConnection;
}

// Two pools per PostgreSQL client: the one under Prisma (shared.pools), whose connections
// transactions hold, and one for single statements sent beside Prisma (statementPool).

export function createDb(url: string): Db {
  if (providerOf(url) === "postgresql") {
    const pool = new pg.Pool({ connectionString: url });
    // Each connection by its server process id (which node-postgres keeps, untyped, from the
    // server's greeting), so that a transaction can be told which one it holds (pgConnectionOf
    // in driver.ts).
    pool.on("connect", (connection) => {
      if ("processID" in connection && typeof connection.processID === "number") shared.pgConnections.set(connection.processID, connection);
    });
    pool.on("remove", (connection) => {
      for (const [pid, held] of shared.pgConnections) if (held === connection) shared.pgConnections.delete(pid);
    });
    const client = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }), omit }) as unknown as Db;
    shared.pools.set(client, pool);
    const statements: StatementPool = { url };
    shared.statementPools.set(client, statements);
    // Closing the client closes both pools: an open connection would keep a script alive, or a
    // database from being copied or dropped. Prisma reconnects at its next query, the statement
    // pool at its next statement.
    const disconnect = client.$disconnect.bind(client);
    client.$disconnect = async () => {
      const pool = statements.pool;
      statements.pool = undefined;
      await Promise.all([disconnect(), pool?.end()]);
    };
    return client;
  }
  mkdirSync(dirname(sqlitePath(url)), { recursive: true });
  // busy timeout: writers queue behind each other instead of failing at once.
  const client = new PrismaClient({ adapter: new SqliteAdapterFactory({ url, timeout: 10_000 }), omit });
  return client as unknown as Db;
}

export const db: Db = (shared.db ??= createDb(env().DATABASE_URL));

/** The app's PostgreSQL connection whose server process has this id, while it is open. */
export function pgConnectionByPid(pid: number): pg.PoolClient | undefined {
  return shared.pgConnections.get(pid);
}

/**
 * The pool for single statements sent beside Prisma's (hot paths' prepared statements, reads a
 * transaction makes ahead of its own), or undefined on SQLite. None of its connections is held
 * while its holder waits for another, so a transaction reading on one always gets one: reads on
 * Prisma's own pool from ten open transactions waited forever for an eleventh connection.
 */
export function statementPool(): pg.Pool | undefined {
  const statements = shared.statementPools.get(db);
  if (!statements) return undefined;
  return (statements.pool ??= new pg.Pool({ connectionString: statements.url }));
}

export function provider(): DatabaseProvider {
  return providerOf(env().DATABASE_URL);
}

/**
 * A case-insensitive "contains" filter. SQLite's LIKE already ignores ASCII case;
 * PostgreSQL needs `mode: "insensitive"`, which the SQLite client's types do not know.
 */
export function containsText(text: string): { contains: string } {
  return (provider() === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text }) as {
    contains: string;
  };
}
