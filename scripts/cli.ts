/** Shared by the command-line scripts: the same configuration and database choice as the server. */
import { openPglite, openPostgres, type Database } from "../src/server/db/client";
import { DataDirLockedError } from "../src/server/db/lock";
import { EnvError, loadEnv, type Env } from "../src/server/env";

export function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

export function cliEnv(): Env {
  try {
    return loadEnv(process.env, { serving: false });
  } catch (e) {
    if (e instanceof EnvError) fail(e.message);
    throw e;
  }
}

/** PostgreSQL when DATABASE_URL is set; otherwise the embedded database (refused while a server holds it). */
export async function openCliDatabase(env: Env): Promise<Database> {
  if (env.databaseUrl) {
    return openPostgres(env.databaseUrl, 2, {
      prepareThreshold: env.databasePrepareThreshold,
      directUrl: env.databaseDirectUrl,
    });
  }
  try {
    return await openPglite({ dataDir: env.dataDir });
  } catch (e) {
    if (e instanceof DataDirLockedError) fail(e.message);
    throw e;
  }
}

export function describeTarget(env: Env): string {
  if (!env.databaseUrl) return `the embedded database in ${env.dataDir}`;
  const u = new URL(env.databaseUrl);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export async function run(main: () => Promise<void>) {
  try {
    await main();
    process.exit(0);
  } catch (e) {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  }
}
