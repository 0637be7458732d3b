/**
 * `npm run db:migrate`: apply pending migrations (the production deploy step), as the owner role. With
 * `-- --app-role NAME` or DATABASE_APP_ROLE=NAME it then grants that role exactly what the application needs
 * (src/server/db/roles.ts; "Database roles" in docs/operations.md), on every run, so new tables are covered.
 */
import { migrateDatabase, migrationStatus } from "../src/server/db/migrate";
import { AppRoleError, appRoleFromArgs } from "../src/server/db/roles";
import { cliEnv, describeTarget, fail, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  let appRole: string | undefined;
  try {
    // A deploy-time setting of this command only; the server never reads it.
    appRole = appRoleFromArgs(process.argv.slice(2), process.env.DATABASE_APP_ROLE);
  } catch (e) {
    if (e instanceof AppRoleError) fail(e.message);
    throw e;
  }
  if (appRole && !env.databaseUrl)
    fail("An application role needs PostgreSQL (DATABASE_URL); PGlite has no roles.");
  const database = await openCliDatabase(env);
  try {
    const before = await migrationStatus(database);
    try {
      await migrateDatabase(database, undefined, { appRole });
    } catch (e) {
      if (e instanceof AppRoleError) fail(e.message);
      throw e;
    }
    const after = await migrationStatus(database);
    console.log(
      `Migrated ${describeTarget(env)}: ${after.applied - before.applied} applied now, ${after.applied} of ${after.known} in total.`,
    );
    if (appRole) {
      console.log(
        `Granted role "${appRole}" the application's privileges: rows of every table (audit_log: SELECT and INSERT ` +
          "only; the migration journal: SELECT only), sequences, EXECUTE on aiw_pseudonymise_audit; no DDL.",
      );
    } else if (env.databaseUrl) {
      console.log(
        "No application role named (DATABASE_APP_ROLE or -- --app-role): grants left as they were. " +
          'See "Database roles" in docs/operations.md.',
      );
    }
  } finally {
    await database.close();
  }
});
