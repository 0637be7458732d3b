/** `npm run db:reset`: development only. Drop everything, migrate, seed. */
import { dropEverything, migrateAndSeed } from "../src/server/db/seed";
import { cliEnv, describeTarget, fail, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  if (!env.isDemo) fail("db:reset drops every table and refuses in production mode.");
  const database = await openCliDatabase(env);
  try {
    await dropEverything(database);
    const { inserted } = await migrateAndSeed(database, { appUrl: env.appUrl, currency: env.currency });
    const total = Object.values(inserted).reduce((a, b) => a + b, 0);
    console.log(`Reset ${describeTarget(env)}: dropped everything, migrated, seeded ${total} rows.`);
  } finally {
    await database.close();
  }
});
