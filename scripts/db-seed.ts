/** `npm run db:seed`: load the demo catalogue, people and history. Idempotent; demo mode only. */
import { migrateAndSeed } from "../src/server/db/seed";
import { cliEnv, describeTarget, fail, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  if (!env.isDemo) {
    fail(
      "db:seed loads demo data and refuses in production mode. To put the demo into a PostgreSQL database " +
        "on purpose, run it with APP_MODE=demo.",
    );
  }
  const database = await openCliDatabase(env);
  try {
    const { inserted } = await migrateAndSeed(database, { appUrl: env.appUrl, currency: env.currency });
    const total = Object.values(inserted).reduce((a, b) => a + b, 0);
    console.log(
      `Seeded ${describeTarget(env)}: ${total} rows inserted${total === 0 ? " (the demo was already there)" : ""}.`,
    );
    for (const [table, n] of Object.entries(inserted)) if (n) console.log(`  ${table.padEnd(20)} ${n}`);
  } finally {
    await database.close();
  }
});
