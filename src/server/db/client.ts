import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";
import { DEFAULT_TRANSACTION_RETRY, retryTransactions, watchPool } from "./faults";
import { lockDataDir } from "./lock";
import { watchPoolMetrics } from "../metrics/metrics";
import { autoPrepare } from "./prepared";
import { currentWalPosition, ReadRoutingPool } from "./replica";
import type { Db } from "./types";

export type { Db, DbKind } from "./types";

interface DatabaseHandle {
  db: Db;
  /**
   * For reads that tolerate lag (catalog, course pages, public certificate lookups, analytics): the replica
   * when DATABASE_REPLICA_URL is set (./replica.ts decides per statement), otherwise `db` itself.
   */
  readDb: Db;
  /**
   * The primary's WAL position after a write, which the writer's next reads wait for on the replica
   * (read-your-writes); undefined without a replica (nothing to wait for) or when it cannot be read.
   */
  writePosition(): Promise<bigint | undefined>;
  close: () => Promise<void>;
}

/**
 * An open database. The PostgreSQL kind also exposes its pool, for work that needs one connection for a
 * while (a session advisory lock is held by a connection, not by the pool).
 */
export type Database = PgliteDatabase | PostgresDatabase;
/** The embedded kind exposes its one client (LISTEN/NOTIFY within the process: src/server/db/content-changes.ts). */
export type PgliteDatabase = DatabaseHandle & { kind: "pglite"; client: PGlite };
export type PostgresDatabase = DatabaseHandle & {
  kind: "postgres";
  pool: pg.Pool;
  url: string;
  /**
   * Where session state may live (advisory locks, LISTEN): DATABASE_DIRECT_URL, which bypasses a
   * transaction-mode pooler in front of DATABASE_URL; the same as `url` without one.
   */
  directUrl: string;
  /**
   * One connection for a while (a session advisory lock belongs to a connection, not to the pool): a pooled
   * client when there is no pooler, otherwise a new direct connection. `release(true)` closes it (its session
   * and whatever it holds end with it).
   */
  sessionConnection(): Promise<{ client: pg.ClientBase; release: (destroy?: boolean) => void }>;
  /** DATABASE_REPLICA_URL's router (where `readDb` sends its statements), when one is set. */
  replica?: ReadRoutingPool;
};

export const pgliteDir = (dataDir: string) => path.join(dataDir, "pglite");

/** Opens the embedded database under `dataDir` (taking its lock) or an in-memory one. */
export async function openPglite(
  opts: { dataDir?: string; loadDataDir?: Blob | File } = {},
): Promise<Database> {
  const dir = opts.dataDir ? pgliteDir(opts.dataDir) : undefined;
  const release = dir ? lockDataDir(dir) : () => {};
  try {
    const client = new PGlite({ dataDir: dir, loadDataDir: opts.loadDataDir });
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      readDb: db,
      writePosition: async () => undefined,
      kind: "pglite",
      client,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export interface PostgresOptions {
  /**
   * How long a request waits for a connection (a new one, or a free one of a full pool) before it fails and
   * is answered 503: short, so an outage or an exhausted pool answers quickly instead of hanging.
   */
  connectionTimeoutMillis?: number;
  /** Further runs of a top-level transaction after a serialization failure or deadlock (0: none). */
  transactionRetries?: number;
  /** Sends before a statement's text becomes a named prepared statement (./prepared.ts); 0: never. */
  prepareThreshold?: number;
  /** DATABASE_DIRECT_URL: session state (advisory locks, LISTEN) goes there, around a pooler. */
  directUrl?: string;
  /** DATABASE_REPLICA_URL: a streaming replica for reads that tolerate lag (./replica.ts). */
  replicaUrl?: string;
  /** Longest lag (ms) at which the replica is still read. */
  replicaMaxLagMs?: number;
}

export function openPostgres(url: string, poolSize = 10, opts: PostgresOptions = {}): PostgresDatabase {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 2000,
    // A dead peer (network gone, server host down) is noticed by the OS instead of hanging forever.
    keepAlive: true,
  });
  // An idle client losing its connection (the server restarted) must not crash the process: the pool drops it
  // and the next query connects again. The failure is remembered (faults.ts) for the HTTP layer.
  watchPool(pool);
  watchPoolMetrics(pool);
  autoPrepare(pool, { threshold: opts.prepareThreshold ?? 3, maxNames: 500 });
  const db = retryTransactions(drizzlePg(pool, { schema }) as unknown as Db, {
    ...DEFAULT_TRANSACTION_RETRY,
    ...(opts.transactionRetries === undefined ? {} : { retries: opts.transactionRetries }),
  });
  const directUrl = opts.directUrl ?? url;
  const sessionConnection = async () => {
    if (directUrl === url) {
      const client = await pool.connect();
      return { client, release: (destroy = false) => client.release(destroy) };
    }
    const client = new pg.Client({
      connectionString: directUrl,
      keepAlive: true,
      connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 2000,
    });
    await client.connect();
    return { client, release: () => void client.end().catch(() => {}) };
  };
  let replica: ReadRoutingPool | undefined;
  let readDb = db;
  if (opts.replicaUrl) {
    replica = new ReadRoutingPool(pool, opts.replicaUrl, {
      poolSize,
      connectionTimeoutMillis: opts.connectionTimeoutMillis,
      maxLagMs: opts.replicaMaxLagMs,
    });
    watchPoolMetrics(replica.replica);
    autoPrepare(replica.replica, { threshold: opts.prepareThreshold ?? 3, maxNames: 500 });
    readDb = retryTransactions(drizzlePg(replica as unknown as pg.Pool, { schema }) as unknown as Db, {
      ...DEFAULT_TRANSACTION_RETRY,
      ...(opts.transactionRetries === undefined ? {} : { retries: opts.transactionRetries }),
    });
  }
  return {
    db,
    readDb,
    kind: "postgres",
    pool,
    url,
    directUrl,
    sessionConnection,
    replica,
    writePosition: async () => (replica ? currentWalPosition(pool) : undefined),
    close: async () => {
      await replica?.end();
      await pool.end();
    },
  };
}
