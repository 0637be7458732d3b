/** `npm run db:health`: the founding document's health checks, printed as tables. */
import { sql } from "drizzle-orm";
import { queryRows } from "../src/server/db/rows";
import { cliEnv, describeTarget, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const database = await openCliDatabase(env);
  try {
    const started = performance.now();
    await queryRows(database.db, sql`SELECT 1`);
    console.log(
      `Connection to ${describeTarget(env)}: ok (${(performance.now() - started).toFixed(1)} ms)\n`,
    );
    console.log("Table sizes");
    console.table(
      await queryRows(
        database.db,
        sql.raw(`SELECT 
    tablename,
    pg_size_pretty(pg_total_relation_size(tablename::text)) as size
FROM pg_tables 
WHERE schemaname = 'public'
ORDER BY pg_total_relation_size(tablename::text) DESC;`),
      ),
    );
    console.log("Index usage");
    console.table(
      await queryRows(
        database.db,
        sql.raw(`SELECT 
    indexrelname as index_name,
    idx_scan as times_used,
    pg_size_pretty(pg_relation_size(indexrelname::regclass)) as size
FROM pg_stat_user_indexes
ORDER BY idx_scan DESC;`),
      ),
    );
  } finally {
    await database.close();
  }
});
