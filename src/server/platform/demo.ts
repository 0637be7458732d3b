import "server-only";
import { sql } from "drizzle-orm";
import { getDatabase } from "../db";
import { migrationStatus } from "../db/migrate";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";

/** What a newcomer trying the demo wants to know about this instance. Demo mode only. */
export async function getDemoOverview() {
  const env = getEnv();
  if (!env.isDemo) throw new Error("demo overview requested in production mode");
  const database = await getDatabase();
  const { applied, known } = await migrationStatus(database);
  const [counts] = await queryRows<{ users: number; courses: number; published: number }>(
    database.db,
    sql`
    SELECT (SELECT count(*)::int FROM users) AS users,
           (SELECT count(*)::int FROM courses) AS courses,
           (SELECT count(*)::int FROM courses WHERE published) AS published
  `,
  );
  const c = counts ?? { users: 0, courses: 0, published: 0 };
  return {
    facts: [
      {
        label: "Database",
        value:
          database.kind === "pglite"
            ? `Embedded PostgreSQL in ${env.dataDir}`
            : "PostgreSQL server (DATABASE_URL)",
      },
      { label: "Migrations applied", value: `${applied} of ${known}` },
      { label: "Public URL (APP_URL)", value: env.appUrl },
      { label: "Currency", value: env.currency },
      { label: "Courses", value: `${c.published} published of ${c.courses}` },
      { label: "Users", value: String(c.users) },
      {
        label: "Sign-in secret",
        value: env.authSecret ? "from AUTH_SECRET" : `generated, kept in ${env.dataDir}/auth-secret`,
      },
      { label: "Reset everything", value: "stop the server, delete the data folder, npm start" },
    ],
  };
}
