import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { isMetricsRequestAllowed, metrics } from "./metrics";

const valueOf = async (name: string, labels: Record<string, string>) => {
  const metric = (await metrics().registry.getMetricsAsJSON()).find((m) => m.name === name);
  const found = (metric?.values ?? []).find((v) =>
    Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want),
  );
  return found?.value ?? 0;
};

describe("metrics", () => {
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
  });

  it("admit /metrics only with the exact bearer token", () => {
    const token = "t".repeat(40);
    expect(isMetricsRequestAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(isMetricsRequestAllowed(`Bearer ${token}x`, token)).toBe(false);
    expect(isMetricsRequestAllowed(`bearer ${token}`, token)).toBe(false);
    expect(isMetricsRequestAllowed(null, token)).toBe(false);
  });

  it.skipIf(!onPostgres)(
    "count failed statements by SQLSTATE class and show the pool in use and waiting",
    async () => {
      database = await createTestDatabase({ poolSize: 1 });
      if (database.kind !== "postgres") throw new Error("PostgreSQL only");
      const pool = database.pool;
      const before = await valueOf("aiw_db_query_errors_total", { class: "42" });
      await expect(pool.query("SELECT * FROM no_such_table")).rejects.toThrow();
      const held = await pool.connect();
      await expect(held.query("SELEC 1")).rejects.toThrow();
      expect(await valueOf("aiw_db_query_errors_total", { class: "42" })).toBe(before + 2);
      // The one connection is taken: a second request waits for it.
      const waiting = pool.connect();
      expect(await valueOf("aiw_db_pool_connections", { state: "in_use" })).toBeGreaterThanOrEqual(1);
      expect(await valueOf("aiw_db_pool_connections", { state: "waiting" })).toBeGreaterThanOrEqual(1);
      held.release();
      (await waiting).release();
      expect(await valueOf("aiw_db_pool_connections", { state: "waiting" })).toBe(0);
    },
  );

  it("renders the Prometheus text format with the process's own metrics", async () => {
    const text = await metrics().registry.metrics();
    expect(text).toMatch(/^# HELP aiw_http_requests_total /m);
    expect(text).toMatch(/^aiw_process_cpu_seconds_total /m);
  });
});
