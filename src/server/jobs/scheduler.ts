import "server-only";
import type pg from "pg";
import type { Database } from "../db/client";
import { logger } from "../log";
import { metrics } from "../metrics/metrics";

export type RunOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * One run of `job`, unless another app instance is running it (DESIGN.md convention 16).
 *
 * On PostgreSQL the guard is the session advisory lock `lockKey`. A session lock belongs to a connection,
 * so one connection is held for the whole run: lock, run, unlock, release (a pooled client, or a direct
 * connection around a transaction-mode pooler: DATABASE_DIRECT_URL). (Unlocking
 * through the pool may land on another connection; the lock then stays with an idle pooled connection and
 * the job never runs again on any instance.) If unlocking fails, the client is destroyed instead of going
 * back to the pool: its session ends and takes the lock with it. The job's own queries use the pool, so the
 * pool needs a second connection while a job runs.
 *
 * PGlite is one process by construction: the job just runs. The job's error is rethrown once the lock is
 * released.
 */
export async function runExclusive<T>(
  database: Database,
  name: string,
  lockKey: number,
  job: () => Promise<T>,
): Promise<RunOutcome<T>> {
  if (database.kind !== "postgres") return { ran: true, result: await job() };

  const { client, release } = await database.sessionConnection();
  // A checked-out client has no error listener of the pool's; its connection dying while the job runs
  // (server restart, idle timeout, terminated backend) would otherwise crash the process.
  const onError = (err: Error) => logger.warn("job lock connection failed", { job: name, err });
  client.on("error", onError);
  let reusable = false;
  try {
    const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [lockKey]);
    if (!locked.rows[0]?.ok) {
      reusable = true;
      return { ran: false };
    }
    try {
      return { ran: true, result: await job() };
    } finally {
      reusable = await unlock(client, name, lockKey);
    }
  } finally {
    // A client going back to the pool gets the pool's idle listener; one being destroyed keeps ours.
    if (reusable) client.removeListener("error", onError);
    release(!reusable);
  }
}

async function unlock(client: pg.ClientBase, name: string, lockKey: number): Promise<boolean> {
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_advisory_unlock($1) AS ok", [lockKey]);
    if (rows[0]?.ok === true) return true;
    logger.warn("job lock was not held at unlock; closing its connection", { job: name, lockKey });
  } catch (err) {
    logger.warn("job lock could not be released; closing its connection", { job: name, lockKey, err });
  }
  return false;
}

/**
 * Runs `job` 10 s after start-up and then every `everyMs`, in-process, through `runExclusive`. A run that
 * is still going when the next one is due makes that one skip.
 */
export function schedule(
  database: Database,
  name: string,
  lockKey: number,
  everyMs: number,
  job: () => Promise<unknown>,
) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const outcome = await runExclusive(database, name, lockKey, job);
      metrics().jobRuns.inc({ job: name, outcome: outcome.ran ? "ran" : "skipped" });
      if (outcome.ran) logger.info("job finished", { job: name, result: outcome.result });
      else logger.debug("job skipped: another instance holds its lock", { job: name });
    } catch (e) {
      metrics().jobRuns.inc({ job: name, outcome: "failed" });
      logger.error("job failed", { job: name, err: e });
    } finally {
      running = false;
    }
  };
  timers.add(setTimeout(run, 10_000).unref());
  timers.add(setInterval(run, everyMs).unref());
}

const timers = new Set<NodeJS.Timeout>();
const stoppers = new Set<() => void>();

/** Registers a loop of its own (the webhook worker) to be stopped with the scheduled jobs. */
export function onStopJobs(stop: () => void) {
  stoppers.add(stop);
}

/** Stops every scheduled job (graceful shutdown); a run in progress finishes on its own. */
export function stopScheduledJobs() {
  for (const t of timers) clearTimeout(t);
  timers.clear();
  for (const stop of stoppers) stop();
  stoppers.clear();
}
// The server script (scripts/serve.ts) stops the jobs of the Next.js bundle in the same process through this.
(globalThis as { [k: symbol]: unknown })[Symbol.for("ai-whisperers.stop-jobs")] = stopScheduledJobs;
