import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import { logger } from "../log";

/**
 * Runs `job` now and then every `everyMs`, in-process. On PostgreSQL a session advisory lock makes sure only
 * one app instance runs it at a time (DESIGN.md convention 16); PGlite is one process by construction.
 */
export function schedule(
  database: Database,
  name: string,
  lockKey: number,
  everyMs: number,
  job: () => Promise<unknown>,
) {
  const run = async () => {
    try {
      if (database.kind === "postgres") {
        const [got] = await queryRows<{ ok: boolean }>(
          database.db,
          sql`SELECT pg_try_advisory_lock(${lockKey}) AS ok`,
        );
        if (!got?.ok) return;
        try {
          logger.info("job finished", { job: name, result: await job() });
        } finally {
          await database.db.execute(sql`SELECT pg_advisory_unlock(${lockKey})`);
        }
      } else {
        logger.info("job finished", { job: name, result: await job() });
      }
    } catch (e) {
      logger.error("job failed", { job: name, err: e });
    }
  };
  setTimeout(run, 10_000).unref();
  setInterval(run, everyMs).unref();
}
