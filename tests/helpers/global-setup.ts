import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/server/db/client";
import { migrateDatabase } from "../../src/server/db/migrate";
import { adminUrl, databaseUrlFor } from "./pg-urls";

/**
 * Builds one migrated database to copy from: a PGlite data-dir dump (default) or, with DATABASE_URL,
 * a template database on the PostgreSQL server. Each test file then gets its own fresh copy.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `aiw_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = openPostgres(adminUrl(serverUrl), 2);
    await admin.pool.query(`CREATE DATABASE ${template}`);
    const tpl = openPostgres(databaseUrlFor(serverUrl, template), 2);
    await migrateDatabase(tpl);
    await tpl.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteDump", "");
    return async () => {
      const leftovers = await admin.pool.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`aiw_t_${process.pid}_%`],
      );
      for (const { datname } of leftovers.rows)
        await admin.pool.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.pool.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.close();
    };
  }
  const db = await openPglite();
  await migrateDatabase(db);
  const dump = await (
    db.db as unknown as { $client: { dumpDataDir: (c: "none") => Promise<Blob> } }
  ).$client.dumpDataDir("none");
  await db.close();
  const file = path.join(os.tmpdir(), `aiw-pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDump", file);
  project.provide("pgTemplate", "");
  return () => fs.rmSync(file, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}
