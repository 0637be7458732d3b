import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { assertRole, type Actor } from "../accounts/actor";

export interface DatabaseHealth {
  latencyMs: number;
  statsSince: Date | null;
  tables: { table: string; size: string; bytes: number; rows: number }[];
  indexes: {
    index: string;
    table: string;
    timesUsed: number;
    size: string;
    backsConstraint: boolean;
    unused: boolean;
  }[];
}

/**
 * The founding document's monitoring queries, for admins: reachability and latency, table sizes, index usage.
 * An index never scanned since the statistics were last reset is flagged, unless it backs a constraint
 * (a primary key or unique index is needed even when no query reads through it).
 */
export async function getDatabaseHealth(db: Db, actor: Actor | null): Promise<DatabaseHealth> {
  assertRole(actor, "ADMIN");
  const started = performance.now();
  await queryRows(db, sql`SELECT 1`);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const [stats] = await queryRows<{ stats_reset: string | null }>(
    db,
    sql`SELECT stats_reset::text FROM pg_stat_database WHERE datname = current_database()`,
  );
  const tables = await queryRows<{ tablename: string; size: string; bytes: string; rows: string }>(
    db,
    sql`SELECT t.tablename, pg_size_pretty(pg_total_relation_size(t.tablename::text)) AS size,
               pg_total_relation_size(t.tablename::text) AS bytes,
               coalesce(s.n_live_tup, 0) AS rows
        FROM pg_tables t LEFT JOIN pg_stat_user_tables s ON s.relname = t.tablename AND s.schemaname = t.schemaname
        WHERE t.schemaname = 'public'
        ORDER BY pg_total_relation_size(t.tablename::text) DESC`,
  );
  const indexes = await queryRows<{
    index_name: string;
    table_name: string;
    times_used: string;
    size: string;
    backs_constraint: boolean;
  }>(
    db,
    sql`SELECT s.indexrelname AS index_name, s.relname AS table_name, s.idx_scan AS times_used,
               pg_size_pretty(pg_relation_size(s.indexrelid)) AS size,
               (i.indisprimary OR i.indisunique OR EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = s.indexrelid)) AS backs_constraint
        FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
        WHERE s.schemaname = 'public'
        ORDER BY s.idx_scan DESC, s.indexrelname`,
  );
  return {
    latencyMs,
    statsSince: stats?.stats_reset ? new Date(stats.stats_reset) : null,
    tables: tables.map((t) => ({
      table: t.tablename,
      size: t.size,
      bytes: Number(t.bytes),
      rows: Number(t.rows),
    })),
    indexes: indexes.map((i) => ({
      index: i.index_name,
      table: i.table_name,
      timesUsed: Number(i.times_used),
      size: i.size,
      backsConstraint: i.backs_constraint,
      unused: Number(i.times_used) === 0 && !i.backs_constraint,
    })),
  };
}
