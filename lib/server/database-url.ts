// Shared by the Prisma CLI config and the app's database module, so both always
// agree on which database a given DATABASE_URL means. No imports: prisma.config.ts loads it.

/** The embedded default: a SQLite file under the project. */
export const DEFAULT_DATABASE_URL = "file:./data/scopeward.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:…"`);
}

/** Path of the SQLite file a `file:` URL names. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}
