import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { Database } from "./client";
import { applyAppRoleGrants, AppRoleError, assertAppRole } from "./roles";
import { queryRows } from "./rows";
import { assertSupportedPostgres } from "./version";

export const MIGRATIONS_DIR = path.join(process.cwd(), "drizzle");
/**
 * Drizzle's bookkeeping table lives in `public`, not in its default `drizzle` schema: the document's
 * index-usage report casts index names to regclass, which only resolves names on the search path.
 */
const MIGRATIONS_SCHEMA = "public";
const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * Applies every pending migration under drizzle/ (idempotent; drizzle records what ran). With `appRole`
 * (PostgreSQL only), then grants that role exactly the application's privileges (src/server/db/roles.ts),
 * under the same advisory lock: two deploys granting at once could fail with "tuple concurrently updated".
 */
export async function migrateDatabase(
  database: Database,
  migrationsFolder = MIGRATIONS_DIR,
  opts: { appRole?: string } = {},
): Promise<void> {
  await assertSupportedPostgres(database.db);
  if (database.kind === "pglite") {
    if (opts.appRole) {
      throw new AppRoleError("The embedded database has no roles: an application role needs PostgreSQL.");
    }
    await migratePglite(database.db as unknown as PgliteDatabase, {
      migrationsFolder,
      migrationsSchema: MIGRATIONS_SCHEMA,
      migrationsTable: MIGRATIONS_TABLE,
    });
  } else {
    // Several instances may start a deploy at once: one applies, the others wait. The session lock is
    // taken and released on one dedicated connection (through the pool, the unlock could run on another
    // connection and leave the lock held); the migrations themselves run through the pool.
    const { client: lock, release } = await database.sessionConnection();
    let unlocked = false;
    try {
      await lock.query("SELECT pg_advisory_lock(727274)");
      // A wrong role name is refused before any migration runs.
      if (opts.appRole) await assertAppRole(database.db, opts.appRole);
      await migratePg(database.db as unknown as NodePgDatabase, {
        migrationsFolder,
        migrationsSchema: MIGRATIONS_SCHEMA,
        migrationsTable: MIGRATIONS_TABLE,
      });
      if (opts.appRole) await applyAppRoleGrants(database.db, opts.appRole);
    } finally {
      try {
        const { rows } = await lock.query<{ ok: boolean }>("SELECT pg_advisory_unlock(727274) AS ok");
        unlocked = rows[0]?.ok === true;
      } catch {
        unlocked = false;
      }
      // A connection whose unlock failed is destroyed: ending its session releases the lock.
      release(!unlocked);
    }
  }
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function readJournal(migrationsFolder = MIGRATIONS_DIR): Journal {
  return JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
}

/** How many migrations the database has applied, and how many the code has. */
export async function migrationStatus(
  database: Database,
  migrationsFolder = MIGRATIONS_DIR,
): Promise<{ applied: number; known: number }> {
  const known = readJournal(migrationsFolder).entries.length;
  const [exists] = await queryRows<{ present: boolean }>(
    database.db,
    sql`SELECT to_regclass('public.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!exists?.present) return { applied: 0, known };
  const [count] = await queryRows<{ n: number }>(
    database.db,
    sql`SELECT count(*)::int AS n FROM public.__drizzle_migrations`,
  );
  return { applied: count?.n ?? 0, known };
}
