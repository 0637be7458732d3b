import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { lockDataDir } from "./lock";
import type { Db, DbKind } from "./types";

export type { Db, DbKind } from "./types";

export interface Database {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
}

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

export function openPostgres(url: string, poolSize = 10): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return { db, kind: "postgres", pool, close: () => pool.end() };
}
