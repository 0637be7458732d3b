import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { payments } from "../db/schema";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setCourseFeatured } from "./courses";
import { getAdminOverview } from "./overview";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("admin overview", () => {
  it("counts users by role, courses by state, enrollments by status and net revenue by month", async () => {
    const db = database.db;
    const admin = await createUser(db, { role: "ADMIN" });
    const student = await createUser(db);
    const tree = await createCourseTree(db, [1], { published: true, price: 5000 });
    await createCourseTree(db, [1]);
    await createEnrollment(db, student.id, tree.course.id);
    await db.insert(payments).values([
      {
        userId: student.id,
        courseId: tree.course.id,
        amount: 5000,
        provider: "demo",
        status: "COMPLETED",
        processedAt: new Date(),
      },
      {
        userId: student.id,
        courseId: tree.course.id,
        amount: 5000,
        provider: "demo",
        status: "REFUNDED",
        refundedAmount: 5000,
        processedAt: new Date(),
      },
    ]);
    const o = await getAdminOverview(db, actorOf(admin));
    expect(o.usersByRole).toEqual(
      expect.arrayContaining([
        { label: "Admin", value: 1 },
        { label: "Student", value: 1 },
      ]),
    );
    expect(o.coursesByState).toEqual(
      expect.arrayContaining([
        { label: "Draft", value: 1 },
        { label: "Published", value: 1 },
      ]),
    );
    expect(o.enrollmentsByStatus).toEqual([{ label: "Active", value: 1 }]);
    // Every one of the last 12 months, quiet ones at zero; this month's sale last.
    expect(o.revenueByMonth).toHaveLength(12);
    expect(o.revenueByMonth.at(-1)).toEqual({ label: new Date().toISOString().slice(0, 7), value: 5000 });
    expect(o.revenueByMonth.slice(0, -1).every((m) => m.value === 0)).toBe(true);
    expect(o.revenue).toEqual([
      { month: new Date().toISOString().slice(0, 7), gross: 10000, discount: 0, refunded: 5000, net: 5000 },
    ]);
    await expect(getAdminOverview(db, actorOf(student))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("features only published courses, audited", async () => {
    const db = database.db;
    const admin = await createUser(db, { role: "ADMIN" });
    const draft = await createCourseTree(db, [1]);
    const live = await createCourseTree(db, [1], { published: true });
    await expect(
      setCourseFeatured(db, actorOf(admin), { courseId: draft.course.id, featured: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await setCourseFeatured(db, actorOf(admin), { courseId: live.course.id, featured: true })).toEqual(
      { changed: true },
    );
    expect(await setCourseFeatured(db, actorOf(admin), { courseId: live.course.id, featured: true })).toEqual(
      { changed: false },
    );
  });
});
