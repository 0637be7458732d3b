import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import { openPostgres, type Database } from "../db/client";
import { checkHealth } from "./health";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("health check", () => {
  it("reports ok when the database answers SELECT 1", async () => {
    const report = await checkHealth(async () => database.db);
    expect(report).toMatchObject({ status: "ok", database: "up" });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports unavailable, without naming the host, when the database refuses connections", async () => {
    const down = openPostgres("postgresql://postgres@127.0.0.1:1/nothing", 1);
    try {
      const report = await checkHealth(async () => down.db);
      expect(report).toMatchObject({ status: "unavailable", database: "down" });
      expect(report.reason).toBe("The database is unreachable or refused the query.");
    } finally {
      await down.close();
    }
  });

  it("reports unavailable when the database does not answer in time", async () => {
    const report = await checkHealth(() => new Promise(() => {}), 50);
    expect(report).toMatchObject({
      status: "unavailable",
      reason: "The database did not answer within 50 ms.",
    });
  });
});
