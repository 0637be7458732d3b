import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, users } from "../db/schema";
import { createUser } from "../db/seed/factories";
import { changeUserRole, countAdmins, findUsers } from "./roles";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

describe("roles", () => {
  it("lets an admin change a role, and audits it with before and after", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const student = await createUser(db());
    await expect(
      changeUserRole(db(), actorOf(admin), { userId: student.id, role: "INSTRUCTOR" }),
    ).resolves.toEqual({ changed: true });
    const [row] = await db().select().from(users).where(eq(users.id, student.id));
    expect(row!.role).toBe("INSTRUCTOR");
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, student.id));
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: "user.role_changed",
        actorId: admin.id,
        before: { role: "STUDENT" },
        after: { role: "INSTRUCTOR" },
      }),
    );
  });

  it("refuses non-admins (403) and anonymous callers (401), in the service itself", async () => {
    const instructor = await createUser(db(), { role: "INSTRUCTOR" });
    const other = await createUser(db());
    await expect(
      changeUserRole(db(), actorOf(instructor), { userId: other.id, role: "ADMIN" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeUserRole(db(), null, { userId: other.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(findUsers(db(), actorOf(instructor), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("rejects an unknown role with 422 and an unknown user with 404", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    await expect(
      changeUserRole(db(), actorOf(admin), { userId: admin.id, role: "GOD" as never }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      changeUserRole(db(), actorOf(admin), { userId: "nope", role: "STUDENT" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("never demotes the last admin, even when every admin demotes another at the same moment", async () => {
    await db().update(users).set({ role: "STUDENT" }).where(eq(users.role, "ADMIN"));
    const admins = await Promise.all(Array.from({ length: 6 }, () => createUser(db(), { role: "ADMIN" })));
    // Each admin demotes the next one, all at once (on PostgreSQL these run concurrently on the pool).
    const results = await Promise.allSettled(
      admins.map((a, i) =>
        changeUserRole(db(), actorOf(a), { userId: admins[(i + 1) % admins.length]!.id, role: "STUDENT" }),
      ),
    );
    expect(await countAdmins(db())).toBeGreaterThanOrEqual(1);
    const refused = results.filter((r) => r.status === "rejected");
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        code: expect.stringMatching(/CONFLICT|FORBIDDEN/),
      });
    if (onPostgres) expect(refused.length).toBeGreaterThan(0);
  });

  it("searches users by e-mail or name, newest first, page by page", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const tag = `zq${Date.now()}`;
    for (let i = 0; i < 5; i++)
      await createUser(db(), { email: `${tag}-${i}@example.com`, name: `Searchable ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await findUsers(db(), actorOf(admin), { q: tag, limit: 2, cursor });
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    await expect(findUsers(db(), actorOf(admin), { cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});
