import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { createUser } from "../db/seed/factories";
import { getDatabaseHealth } from "./database-health";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("database health", () => {
  it("reports latency, every table and every index, flagging unused ones that back no constraint", async () => {
    const admin = await createUser(database.db, { role: "ADMIN" });
    const health = await getDatabaseHealth(database.db, actorOf(admin));
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(["users", "courses", "lessons", "payments"]),
    );
    const pkey = health.indexes.find((i) => i.index === "users_pkey")!;
    expect(pkey).toMatchObject({ backsConstraint: true, unused: false });
    expect(health.indexes.find((i) => i.index === "idx_users_role")?.backsConstraint).toBe(false);
    for (const i of health.indexes) expect(i.unused).toBe(i.timesUsed === 0 && !i.backsConstraint);
  });

  it("is for admins only", async () => {
    const student = await createUser(database.db);
    await expect(getDatabaseHealth(database.db, actorOf(student))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(getDatabaseHealth(database.db, null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
