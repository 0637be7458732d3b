/** `npm run db:migrate`: apply pending migrations (the production deploy step). */
import { migrateDatabase, migrationStatus } from "../src/server/db/migrate";
import { cliEnv, describeTarget, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const database = await openCliDatabase(env);
  try {
    const before = await migrationStatus(database);
    await migrateDatabase(database);
    const after = await migrationStatus(database);
    console.log(
      `Migrated ${describeTarget(env)}: ${after.applied - before.applied} applied now, ${after.applied} of ${after.known} in total.`,
    );
  } finally {
    await database.close();
  }
});
