import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { isDatabaseUnreachable, pgErrorCode } from "../errors";
import { logger } from "../log";
import { metrics } from "../metrics/metrics";

/**
 * Reads that tolerate lag go to a streaming replica (DATABASE_REPLICA_URL; docs/decisions.md, "Read
 * replicas"). A `ReadRoutingPool` stands where Drizzle expects a pool: each statement goes to the replica
 * or the primary, decided when it is sent:
 *
 * - to the primary inside a transaction (Drizzle takes a connection with `connect()`, which is always the
 *   primary's), when the request is a page-cache fill (`readContext().primary`), when the replica is down or
 *   lagging more than the allowed time, and when the request's reader wrote recently and the replica has not
 *   yet replayed that write (`readContext().minLsn`: the primary's WAL position after the write, carried by a
 *   cookie — read-your-writes);
 * - otherwise to the replica; a statement the replica cannot answer (it stopped, it restarts, a recovery
 *   conflict cancelled it) runs again on the primary, so losing the replica costs time, never an error.
 *
 * Only the reads the services hand the "read" database (catalog, course pages, public certificate lookups,
 * analytics) come here; everything else keeps using the primary's handle.
 */

/** A WAL position (`pg_lsn`'s text form "16/B374D848") as a number that orders like the position. */
export function parseLsn(text: string): bigint | undefined {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) return undefined;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReadContext {
  /** A page-cache fill, or anything else that must not see the past: every read goes to the primary. */
  primary?: boolean;
  /** The reader's own last write: the replica serves them only once it has replayed this far. */
  minLsn?: bigint;
}

// On globalThis: the lean server (scripts/serve.ts) sets the context and the Next.js bundle reads it, each
// with its own copy of this module.
const ALS_KEY = Symbol.for("ai-whisperers.read-context");
type AlsHolder = { [ALS_KEY]?: AsyncLocalStorage<ReadContext> };
const storage = () => ((globalThis as AlsHolder)[ALS_KEY] ??= new AsyncLocalStorage<ReadContext>());

/** Runs `fn` with reads routed for this context (a request). */
export const withReadContext = <T>(context: ReadContext, fn: () => T): T => storage().run(context, fn);
export const readContext = (): ReadContext | undefined => storage().getStore();

/**
 * The cookie that carries a browser's last write position (short-lived: after its lifetime every replica
 * that is not lagging beyond the allowed time has replayed it anyway).
 */
export const WRITE_POSITION_COOKIE = "aiw_wpos";
export const WRITE_POSITION_MAX_AGE_S = 60;

export function lsnFromCookieHeader(cookie: string | undefined | null): bigint | undefined {
  if (!cookie || !cookie.includes(WRITE_POSITION_COOKIE)) return undefined;
  for (const part of cookie.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === WRITE_POSITION_COOKIE) {
      return parseLsn(decodeURIComponent(part.slice(eq + 1).trim()));
    }
  }
  return undefined;
}

export const writePositionCookie = (lsn: bigint, secure: boolean) =>
  `${WRITE_POSITION_COOKIE}=${encodeURIComponent(formatLsn(lsn))}; Path=/; Max-Age=${WRITE_POSITION_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;

// Writers without cookies (personal API tokens): their last write position, by user, on this instance.
const RECENT_KEY = Symbol.for("ai-whisperers.recent-writes");
type RecentHolder = { [RECENT_KEY]?: Map<string, { lsn: bigint; at: number }> };
const recentWrites = () => ((globalThis as RecentHolder)[RECENT_KEY] ??= new Map());

/** Remembers a user's write (for their next reads on this instance, whatever credential they use). */
export function rememberWrite(userId: string, lsn: bigint) {
  const writes = recentWrites();
  const now = Date.now();
  if (writes.size >= 10_000) {
    for (const [id, w] of writes) if (now - w.at > WRITE_POSITION_MAX_AGE_S * 1000) writes.delete(id);
    if (writes.size >= 10_000) writes.delete(writes.keys().next().value!);
  }
  writes.delete(userId);
  writes.set(userId, { lsn, at: now });
}

/**
 * A write just committed in this request: what the request reads afterwards (a server action's page render)
 * waits for it too, and so do the writer's next requests on this instance.
 */
export function noteOwnWrite(userId: string | undefined, lsn: bigint) {
  const context = readContext();
  if (context && (context.minLsn === undefined || context.minLsn < lsn)) context.minLsn = lsn;
  if (userId) rememberWrite(userId, lsn);
}

/** The request's reader is known: their own recent write on this instance joins the request's context. */
export function noteReader(userId: string) {
  const context = readContext();
  if (!context) return;
  const write = recentWrites().get(userId);
  if (!write || Date.now() - write.at > WRITE_POSITION_MAX_AGE_S * 1000) return;
  if (context.minLsn === undefined || context.minLsn < write.lsn) context.minLsn = write.lsn;
}

/** Errors after which the primary answers instead: the replica is gone, starting, or cancelled the read. */
function isReplicaTrouble(e: unknown): boolean {
  if (isDatabaseUnreachable(e)) return true;
  const code = pgErrorCode(e).code ?? "";
  // 40001 on a standby: "canceling statement due to conflict with recovery"; 57P0x: shutting down or
  // starting; 53xxx: out of connections or resources; 08xxx: connection problems.
  return code === "40001" || /^(57P0|53|08)/.test(code);
}

export interface ReplicaOptions {
  poolSize: number;
  connectionTimeoutMillis?: number;
  /** How often the replica's replay position (and the primary's WAL position) is read. */
  pollMs?: number;
  /** A replica further behind than this (ms) is left alone until it catches up. */
  maxLagMs?: number;
}

export interface ReplicaState {
  /** The replica answered its last position check. */
  up: boolean;
  /** The position the replica has replayed up to, as of the last check (it only moves forward). */
  replayLsn: bigint;
  /** How long (ms) the replica has been behind a primary position it was shown, 0 when caught up. */
  lagMs: number;
  lagBytes: number;
}

export type Target = "primary" | "replica";

/**
 * Where Drizzle's "read" handle sends its statements. Its class name contains "Pool", so Drizzle takes a
 * connection with `connect()` for a transaction — always a primary connection.
 */
export class ReadRoutingPool {
  readonly replica: pg.Pool;
  private readonly state: ReplicaState = { up: false, replayLsn: 0n, lagMs: 0, lagBytes: 0 };
  private behind: { lsn: bigint; since: number } | null = null;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private readonly maxLagMs: number;

  constructor(
    private readonly primary: pg.Pool,
    replicaUrl: string,
    opts: ReplicaOptions,
  ) {
    this.maxLagMs = opts.maxLagMs ?? 30_000;
    this.replica = new pg.Pool({
      connectionString: replicaUrl,
      max: opts.poolSize,
      connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 2000,
      keepAlive: true,
    });
    // An idle replica connection that dies must not crash the process; the next check marks it down.
    this.replica.on("error", () => {});
    const m = metrics();
    m.dbReplica.set({ measure: "up" }, 0);
    this.polling = this.poll();
    this.timer = setInterval(() => void (this.polling = this.poll()), opts.pollMs ?? 1000);
    this.timer.unref();
  }

  /** The replica's state as of the last check (first call: after the first check). */
  async ready(): Promise<ReplicaState> {
    await this.polling;
    return { ...this.state };
  }

  snapshot(): ReplicaState {
    return { ...this.state };
  }

  /** Checks the replica now (tests; a failed read also triggers one). */
  refresh(): Promise<void> {
    return (this.polling = this.poll());
  }

  private async poll(): Promise<void> {
    const m = metrics();
    try {
      const [replica, primary] = await Promise.all([
        this.replica.query<{ lsn: string | null; recovering: boolean }>(
          "SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS recovering",
        ),
        this.primary.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn").catch(() => null),
      ]);
      const row = replica.rows[0];
      if (!row?.recovering || !row.lsn) {
        // Not a standby (promoted, or the wrong URL): its data is not the primary's past, never read from it.
        if (this.state.up) logger.warn("database replica: not a standby; reads go to the primary");
        this.state.up = false;
        m.dbReplica.set({ measure: "up" }, 0);
        return;
      }
      const replay = parseLsn(row.lsn) ?? 0n;
      if (replay > this.state.replayLsn) this.state.replayLsn = replay;
      const primaryLsn = primary?.rows[0] ? parseLsn(primary.rows[0].lsn) : undefined;
      const now = Date.now();
      if (this.behind && this.state.replayLsn >= this.behind.lsn) this.behind = null;
      if (!this.behind && primaryLsn !== undefined && this.state.replayLsn < primaryLsn) {
        this.behind = { lsn: primaryLsn, since: now };
      }
      this.state.lagMs = this.behind ? now - this.behind.since : 0;
      this.state.lagBytes =
        primaryLsn !== undefined && primaryLsn > this.state.replayLsn
          ? Number(primaryLsn - this.state.replayLsn)
          : 0;
      if (!this.state.up) logger.info("database replica: up; lag-tolerant reads go to it");
      this.state.up = true;
      m.dbReplica.set({ measure: "up" }, 1);
      m.dbReplica.set({ measure: "lag_seconds" }, this.state.lagMs / 1000);
      m.dbReplica.set({ measure: "lag_bytes" }, this.state.lagBytes);
    } catch (e) {
      if (this.state.up) logger.warn("database replica: unreachable; reads go to the primary", { err: e });
      this.state.up = false;
      m.dbReplica.set({ measure: "up" }, 0);
    }
  }

  /** Where a statement sent now goes. */
  target(): Target {
    const s = this.state;
    if (!s.up || s.lagMs > this.maxLagMs) return "primary";
    const context = readContext();
    if (context?.primary) return "primary";
    if (context?.minLsn !== undefined && s.replayLsn < context.minLsn) return "primary";
    return "replica";
  }

  // Drizzle's node-postgres session calls query(config, values) and expects a promise.
  async query(...args: unknown[]): Promise<unknown> {
    const m = metrics();
    const send = (pool: pg.Pool) => (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
    if (this.target() === "replica") {
      try {
        const result = await send(this.replica);
        m.dbReads.inc({ target: "replica" });
        return result;
      } catch (e) {
        if (!isReplicaTrouble(e)) throw e;
        this.state.up = false;
        m.dbReplica.set({ measure: "up" }, 0);
        logger.warn("database replica: a read failed; it runs on the primary", {
          code: pgErrorCode(e).code ?? null,
        });
        void this.refresh();
      }
    }
    const result = await send(this.primary);
    m.dbReads.inc({ target: "primary" });
    return result;
  }

  /** Transactions (and anything else that needs one connection) run on the primary. */
  connect(...args: unknown[]): unknown {
    return (this.primary.connect as (...a: unknown[]) => unknown)(...args);
  }

  async end(): Promise<void> {
    clearInterval(this.timer);
    await this.polling?.catch(() => {});
    await this.replica.end();
  }
}

/** The primary's WAL position now (after a commit: at or past that commit's record). */
export async function currentWalPosition(pool: pg.Pool): Promise<bigint | undefined> {
  try {
    const { rows } = await pool.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
    return rows[0] ? parseLsn(rows[0].lsn) : undefined;
  } catch {
    return undefined;
  }
}
