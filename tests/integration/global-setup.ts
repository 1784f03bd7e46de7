// Builds the migrated, demo-seeded template database once for the whole run.
import { DEMO_PASSWORD, TEMPLATE_PG, TEMPLATE_SQLITE, engine, migrate, pgAdmin, pgUrl, resetWorkDir } from "./databases";

export default async function setup() {
  resetWorkDir();
  let url: string;
  if (engine === "sqlite") {
    url = `file:${TEMPLATE_SQLITE}`;
  } else {
    await pgAdmin(async (client) => {
      const { rows } = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'scopeward_it_%'");
      for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${TEMPLATE_PG}"`);
    });
    url = pgUrl(TEMPLATE_PG);
  }
  migrate(url);
  // The app's settings (and so its SQL dialect) come from DATABASE_URL, read once at first
  // use: set it before any app module loads.
  process.env.DATABASE_URL = url;
  const { db } = await import("@/lib/server/db");
  const { seedDemo } = await import("@/prisma/seed/demo");
  await seedDemo(db, { password: DEMO_PASSWORD, now: new Date() });
  await db.$disconnect();
}
