/** `npm run jobs:cleanup`: the retention job, by hand (the server also runs it daily). */
import { runCleanup } from "../src/server/jobs/cleanup";
import { cliEnv, describeTarget, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const database = await openCliDatabase(env);
  try {
    const report = await runCleanup(database.db, { sessionMaxAgeDays: env.sessionMaxAgeDays });
    console.log(`Cleaned ${describeTarget(env)}:`, report);
  } finally {
    await database.close();
  }
});
