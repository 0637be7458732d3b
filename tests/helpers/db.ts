import fs from "node:fs";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../../src/server/db/client";
import { adminUrl, databaseUrlFor } from "./pg-urls";

export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A fresh, migrated database for one test file: a PGlite copy of the template, or (with DATABASE_URL)
 * a new database on the PostgreSQL server created from the template database.
 */
export async function createTestDatabase(
  opts: { poolSize?: number } = {},
): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `aiw_t_${process.ppid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = openPostgres(adminUrl(serverUrl), 1);
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.pool.query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
        break;
      } catch (e) {
        if (attempt > 10) throw e;
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
      }
    }
    const url = databaseUrlFor(serverUrl, name);
    const database = openPostgres(url, opts.poolSize ?? 12);
    return {
      ...database,
      url,
      close: async () => {
        await database.close();
        await admin.pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dump = fs.readFileSync(inject("pgliteDump"));
  return openPglite({ loadDataDir: new Blob([dump]) });
}
