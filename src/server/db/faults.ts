import type pg from "pg";
import { isDatabaseUnreachable, pgErrorCode } from "../errors";
import type { Db } from "./types";

/**
 * Surviving database faults (issue 13; docs/operations.md, "When the database restarts"):
 * - a top-level transaction that PostgreSQL aborted for a serialization failure (40001) or a deadlock (40P01)
 *   runs again, a bounded number of times, after a short jittered pause;
 * - connection-level failures are remembered (when the last one happened), so the HTTP layer can tell "not
 *   signed in" from "the session could not be looked up" (Auth.js swallows a failed session lookup).
 */

/** SQLSTATEs after which the whole transaction may simply run again: nothing of it was committed. */
const RETRYABLE = new Set(["40001", "40P01"]);

export const isRetryableTransactionError = (e: unknown) => RETRYABLE.has(pgErrorCode(e).code ?? "");

export interface TransactionRetry {
  /** Further runs after the first (0: no retry). */
  retries: number;
  /** The n-th retry waits a random time in [base·n, 2·base·n) ms. */
  baseDelayMs: number;
}

export const DEFAULT_TRANSACTION_RETRY: TransactionRetry = { retries: 3, baseDelayMs: 15 };

/**
 * Makes `db.transaction` (the top level only: a transaction's own `tx.transaction` is a savepoint inside it,
 * and retrying a part would be wrong) run its callback again after a serialization failure or deadlock.
 * The callback must therefore be safe to run twice: database work only, or side effects that are idempotent
 * (a provider call with an idempotency key); everything else happens after the commit (DESIGN.md).
 * The instance stays the real Drizzle object (Auth.js's adapter checks its class); only the method is replaced.
 */
export function retryTransactions(db: Db, retry: TransactionRetry = DEFAULT_TRANSACTION_RETRY): Db {
  const original = db.transaction.bind(db);
  const transaction: typeof db.transaction = async (fn, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await original(fn, config);
      } catch (e) {
        noteDatabaseFault(e);
        if (attempt > retry.retries || !isRetryableTransactionError(e)) throw e;
        const base = retry.baseDelayMs * attempt;
        await new Promise((r) => setTimeout(r, base + Math.random() * base));
      }
    }
  };
  Object.defineProperty(db, "transaction", { value: transaction, configurable: true, writable: true });
  return db;
}

// On globalThis: Next.js may load this module in more than one bundle of one process, and the pool (made by
// one of them) and the HTTP layer (another) must share what they know.
const KEY = Symbol.for("ai-whisperers.database-faults");
type Holder = { [KEY]?: { lastAt: number } };
const faults = () => ((globalThis as Holder)[KEY] ??= { lastAt: 0 });

/** Remembers a connection-level failure (anything else is ignored). */
export function noteDatabaseFault(e: unknown) {
  if (isDatabaseUnreachable(e)) faults().lastAt = Date.now();
}

/** When (epoch ms) the database last failed at the connection level in this process; 0 if never. */
export const lastDatabaseFaultAt = () => faults().lastAt;

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === "function";

/**
 * Notes the connection-level failures of a pool: idle clients losing their connection, connection attempts
 * that fail (refused, reset, timed out waiting for a free connection) and queries that fail with them.
 * The promises callers get are unchanged.
 */
export function watchPool(pool: pg.Pool) {
  pool.on("error", noteDatabaseFault);
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const observe = (result: unknown) => {
    if (isThenable(result)) result.then(undefined, noteDatabaseFault);
    return result;
  };
  Object.assign(pool, {
    query: (...args: unknown[]) => observe(query(...args)),
    connect: (...args: unknown[]) => observe(connect(...args)),
  });
}
