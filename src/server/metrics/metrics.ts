import { timingSafeEqual } from "node:crypto";
import type pg from "pg";
import client from "prom-client";
import { pgErrorCode } from "../errors";

/**
 * The Prometheus metrics of one server process (docs/operations.md, "Metrics"). Each instance exposes its own;
 * Prometheus scrapes every instance. Kept on globalThis: the lean server (scripts/serve.ts) and the Next.js
 * bundle load this module separately in one process, and both record into the same registry.
 */
function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "aiw_" });
  const pools = new Set<pg.Pool>();
  const sum = (f: (p: pg.Pool) => number) => [...pools].reduce((n, p) => n + f(p), 0);
  return {
    registry,
    pools,
    httpRequests: new client.Counter({
      name: "aiw_http_requests_total",
      help: "HTTP requests answered, by kind (api, page, next), route template, method and status.",
      labelNames: ["kind", "route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "aiw_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by kind, route template and method.",
      labelNames: ["kind", "route", "method"] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    pageCache: new client.Counter({
      name: "aiw_page_cache_lookups_total",
      help: "Anonymous page-cache lookups, by result (hit, miss).",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    dbErrors: new client.Counter({
      name: "aiw_db_query_errors_total",
      help: "Database statements that failed, by SQLSTATE class (08: connection, 40: rollback, 23: constraint, …; 'none': no SQLSTATE, e.g. a connection that could not be made).",
      labelNames: ["class"] as const,
      registers: [registry],
    }),
    dbPool: new client.Gauge({
      name: "aiw_db_pool_connections",
      help: "Connections of the PostgreSQL pool(s) of this process, by state (total, idle, in_use, waiting: requests queued for a connection).",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const total = sum((p) => p.totalCount);
        const idle = sum((p) => p.idleCount);
        this.set({ state: "total" }, total);
        this.set({ state: "idle" }, idle);
        this.set({ state: "in_use" }, total - idle);
        this.set(
          { state: "waiting" },
          sum((p) => p.waitingCount),
        );
      },
    }),
    dbReads: new client.Counter({
      name: "aiw_db_routed_reads_total",
      help: "Lag-tolerant reads (catalog, course pages, public certificate lookups, analytics) with DATABASE_REPLICA_URL set, by where they ran (replica, primary).",
      labelNames: ["target"] as const,
      registers: [registry],
    }),
    dbReplica: new client.Gauge({
      name: "aiw_db_replica",
      help: "The read replica as last checked by this instance: up (1/0), lag_seconds (how long it has been behind a primary position it was shown), lag_bytes (WAL not yet replayed).",
      labelNames: ["measure"] as const,
      registers: [registry],
    }),
    jobRuns: new client.Counter({
      name: "aiw_job_runs_total",
      help: "Scheduled job runs, by job and outcome (ran, skipped: another instance held the lock, failed).",
      labelNames: ["job", "outcome"] as const,
      registers: [registry],
    }),
    webhookAttempts: new client.Counter({
      name: "aiw_webhook_attempts_total",
      help: "Outbound webhook attempts, by outcome (delivered, retry: will be tried again, failed: given up).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    webhookBacklog: new client.Gauge({
      name: "aiw_webhook_outbox_pending",
      help: "Webhook deliveries waiting (pending), and the age in seconds of the oldest one due (oldest_due_seconds), as last seen by this instance's worker.",
      labelNames: ["measure"] as const,
      registers: [registry],
    }),
    mailFailures: new client.Counter({
      name: "aiw_mail_failures_total",
      help: "E-mails that could not be sent (the SMTP server refused or could not be reached).",
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof create>;

type RequestChildren = {
  count: ReturnType<Metrics["httpRequests"]["labels"]>;
  duration: ReturnType<Metrics["httpDuration"]["labels"]>;
};
/** Per-label-set children, made once: the hot path does a Map lookup, not prom-client's label hashing. */
const requestChildren = new Map<string, RequestChildren>();

/** One answered HTTP request (every request of the lean server: keep this cheap). */
export function recordRequest(kind: string, route: string, method: string, status: number, seconds: number) {
  const key = `${kind} ${route} ${method} ${status}`;
  let children = requestChildren.get(key);
  if (!children) {
    const m = metrics();
    children = {
      count: m.httpRequests.labels(kind, route, method, String(status)),
      duration: m.httpDuration.labels(kind, route, method),
    };
    // Routes are templates, methods and statuses few: bounded, but never let a surprise grow it without end.
    if (requestChildren.size < 5000) requestChildren.set(key, children);
  }
  children.count.inc();
  children.duration.observe(seconds);
}
const KEY = Symbol.for("ai-whisperers.metrics");
type Holder = { [KEY]?: Metrics };

export const metrics = (): Metrics => ((globalThis as Holder)[KEY] ??= create());

/** Counts every failed statement of the pool's connections, and reports the pool's size and queue. */
export function watchPoolMetrics(pool: pg.Pool) {
  const m = metrics();
  m.pools.add(pool);
  pool.on("connect", (conn) => {
    const original = conn.query.bind(conn) as (...args: unknown[]) => unknown;
    (conn as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        // The callback form (the pool's own query() calls it so).
        args[args.length - 1] = (err: unknown, ...rest: unknown[]) => {
          if (err) noteQueryError(err);
          return (last as (...a: unknown[]) => unknown)(err, ...rest);
        };
        return original(...args);
      }
      const out = original(...args);
      if (out && typeof (out as Promise<unknown>).then === "function") {
        // A second, handled chain: the caller still gets the rejection.
        (out as Promise<unknown>).then(undefined, (e: unknown) => noteQueryError(e));
      }
      return out;
    };
  });
  // A connection that cannot be made (the database is down): both the promise and the callback form (the
  // pool's own query() uses the latter).
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const callback = args[0];
    if (typeof callback === "function") {
      return connect((err: unknown, ...rest: unknown[]) => {
        if (err) noteQueryError(err);
        return (callback as (...a: unknown[]) => unknown)(err, ...rest);
      });
    }
    const out = connect(...args) as Promise<unknown>;
    out.then(undefined, (e: unknown) => noteQueryError(e));
    return out;
  };
  const end = pool.end.bind(pool);
  pool.end = (async (...args: unknown[]) => {
    m.pools.delete(pool);
    return (end as (...a: unknown[]) => Promise<void>)(...args);
  }) as typeof pool.end;
}

export function noteQueryError(e: unknown) {
  const code = pgErrorCode(e).code;
  metrics().dbErrors.inc({ class: code && /^[0-9A-Z]{5}$/.test(code) ? code.slice(0, 2) : "none" });
}

/** Compares the Authorization header with `Bearer <token>` in constant time. */
export function isMetricsRequestAllowed(authorization: string | null, token: string): boolean {
  const given = Buffer.from(authorization ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
