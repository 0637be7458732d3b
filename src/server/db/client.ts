import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { lockDataDir } from "./lock";
import type { Db } from "./types";

export type { Db, DbKind } from "./types";

interface DatabaseHandle {
  db: Db;
  close: () => Promise<void>;
}

/**
 * An open database. The PostgreSQL kind also exposes its pool, for work that needs one connection for a
 * while (a session advisory lock is held by a connection, not by the pool).
 */
export type Database = (DatabaseHandle & { kind: "pglite" }) | PostgresDatabase;
export type PostgresDatabase = DatabaseHandle & { kind: "postgres"; pool: pg.Pool };

export const pgliteDir = (dataDir: string) => path.join(dataDir, "pglite");

/** Opens the embedded database under `dataDir` (taking its lock) or an in-memory one. */
export async function openPglite(
  opts: { dataDir?: string; loadDataDir?: Blob | File } = {},
): Promise<Database> {
  const dir = opts.dataDir ? pgliteDir(opts.dataDir) : undefined;
  const release = dir ? lockDataDir(dir) : () => {};
  try {
    const client = new PGlite({ dataDir: dir, loadDataDir: opts.loadDataDir });
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export function openPostgres(url: string, poolSize = 10): PostgresDatabase {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, kind: "postgres", pool, close: () => pool.end() };
}
