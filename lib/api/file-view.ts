// The decision point's in-memory view of live state on SQLite, the counterpart of the live view
// PostgreSQL's notifications keep (live-view.ts). SQLite sends no notifications, but the file
// says whether it changed: `data_version` moves when another connection — another process —
// commits, and `total_changes()` when this connection writes (rolled-back writes included).
// Each read first asks both; when either has moved, everything kept is forgotten. So a decision
// that repeats one made since the last write anywhere costs no query, and a revocation committed
// anywhere is seen by the next decision, as on PostgreSQL.
//
// Nothing is kept or served while this connection is inside a transaction: its reads there see
// writes that may still roll back.
import { z } from "zod";
import { preparedOnDriver, sqliteDriver } from "@/lib/server/driver";
import { parseRows } from "@/lib/sql/rows";
import { PromiseCache } from "./promise-cache";

// As many as the live view keeps.
const MAX_ENTRIES = 200_000;
const VERSION_SQL = "SELECT total_changes() || ' ' || (SELECT data_version FROM pragma_data_version) AS version";
const versionRow = z.object({ version: z.string() });

/** The file's version as this connection sees it, or null when nothing may be kept (no connection yet, or in a transaction). */
function fileVersion(): string | null {
  const driver = sqliteDriver();
  if (!driver || driver.inTransaction) return null;
  const statement = preparedOnDriver(VERSION_SQL);
  return statement ? (parseRows(versionRow, statement.all())[0]?.version ?? null) : null;
}

export class FileView {
  private cache = new PromiseCache(MAX_ENTRIES);
  private version: string | null = null;

  /** Reads served from memory and from the file, and times everything was forgotten: for tests and the bench. */
  get counts() {
    return this.cache.counts;
  }

  /** The value under `key`: from memory while the file has not changed since it was read, else `load()`. */
  read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const version = fileVersion();
    if (version === null) return load();
    if (version !== this.version) {
      if (this.cache.size) this.cache.clear();
      this.version = version;
    }
    return this.cache.read(key, [], load);
  }
}
