import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { migrateDatabase } from "../migrate";
import { isEmpty, seedDemo, type SeedOptions, type SeedSummary } from "./demo";

export { isEmpty, seedDemo } from "./demo";

/** Migrations, then the demo data (idempotent). Demo mode only: callers check the mode. */
export async function migrateAndSeed(database: Database, opts: SeedOptions): Promise<SeedSummary> {
  await migrateDatabase(database);
  return seedDemo(database.db, opts);
}

/** Seeds only a database that holds nothing yet (a first start). Returns whether it seeded. */
export async function seedIfEmpty(database: Database, opts: SeedOptions): Promise<boolean> {
  if (!(await isEmpty(database.db))) return false;
  await seedDemo(database.db, opts);
  return true;
}

/** Drops every table, type and function of the application (development only). */
export async function dropEverything(database: Database): Promise<void> {
  await database.db.execute(sql`DROP SCHEMA IF EXISTS drizzle CASCADE`);
  await database.db.execute(sql`DROP SCHEMA public CASCADE`);
  await database.db.execute(sql`CREATE SCHEMA public`);
}
