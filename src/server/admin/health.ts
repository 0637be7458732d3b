import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { logger } from "../log";

export interface HealthReport {
  status: "ok" | "unavailable";
  database: "up" | "down";
  latencyMs: number;
  reason?: string;
  /** When the check started. */
  checkedAt: Date;
}

/** `SELECT 1` with a deadline: a database that does not answer in time counts as down. */
export async function checkHealth(getDb: () => Promise<Db>, timeoutMs = 3000): Promise<HealthReport> {
  const started = performance.now();
  const checkedAt = new Date();
  let timer: NodeJS.Timeout | undefined;
  try {
    const probe = (async () => {
      const db = await getDb();
      await db.execute(sql`SELECT 1`);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([probe, deadline]);
    return { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started), checkedAt };
  } catch (e) {
    const timedOut = e instanceof Error && e.message.startsWith("no answer within");
    logger.warn("health check failed", { err: e });
    return {
      status: "unavailable",
      database: "down",
      latencyMs: Math.round(performance.now() - started),
      checkedAt,
      // Public endpoint: say what is wrong without naming hosts or credentials.
      reason: timedOut
        ? `The database did not answer within ${timeoutMs} ms.`
        : "The database is unreachable or refused the query.",
    };
  } finally {
    clearTimeout(timer);
  }
}
