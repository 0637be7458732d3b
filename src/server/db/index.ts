import "server-only";
import { getEnv, isBuildPhase } from "../env";
import { logger } from "../log";
import { openPglite, openPostgres, type Database } from "./client";
import { migrateDatabase } from "./migrate";

export type { Db, DbKind, Database } from "./client";

// Kept on globalThis: Next may evaluate this module in more than one bundle of the same process,
// and there must be exactly one PGlite instance (one process, one handle).
const KEY = Symbol.for("ai-whisperers.database");
type Holder = { [KEY]?: Promise<Database> };

/** The application's database, opened on first use (never at import or build time). */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  if (isBuildPhase()) {
    return Promise.reject(
      new Error("The database is not opened during `next build`; render this page dynamically."),
    );
  }
  holder[KEY] ??= openApplicationDatabase().catch((e) => {
    delete holder[KEY];
    throw e;
  });
  return holder[KEY];
}

export async function getDb() {
  return (await getDatabase()).db;
}

/**
 * The handle for reads that tolerate lag (catalog, course pages, public certificate lookups, analytics): the
 * replica when DATABASE_REPLICA_URL is set, unless the request must see the primary (./replica.ts).
 */
export async function getReadDb() {
  return (await getDatabase()).readDb;
}

async function openApplicationDatabase(): Promise<Database> {
  const env = getEnv();
  if (env.databaseUrl) {
    const database = openPostgres(env.databaseUrl, env.databasePoolSize, {
      prepareThreshold: env.databasePrepareThreshold,
      directUrl: env.databaseDirectUrl,
      replicaUrl: env.databaseReplicaUrl,
      replicaMaxLagMs: env.databaseReplicaMaxLagMs,
    });
    logger.info("database opened", {
      kind: "postgres",
      poolSize: env.databasePoolSize,
      replica: Boolean(env.databaseReplicaUrl),
    });
    return database;
  }
  const started = Date.now();
  const database = await openPglite({ dataDir: env.dataDir });
  await migrateDatabase(database);
  logger.info("database opened", { kind: "pglite", dataDir: env.dataDir, ms: Date.now() - started });
  return database;
}
