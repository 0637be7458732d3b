import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { getLessonForLearner } from "../learning/access";
import { changeEnrollmentStatus, getUserForAdmin } from "./enrollments";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("suspending and reinstating enrollments", () => {
  it("closes lessons at once and reinstates COMPLETED when the enrollment had been completed", async () => {
    const db = database.db;
    const admin = await createUser(db, { role: "ADMIN" });
    const student = await createUser(db);
    const tree = await createCourseTree(db, [1], { published: true });
    const e = await createEnrollment(db, student.id, tree.course.id, {
      status: "COMPLETED",
      completedAt: new Date(),
      progressPercentage: 100,
    });
    expect(
      await changeEnrollmentStatus(db, actorOf(admin), { enrollmentId: e.id, action: "suspend" }),
    ).toEqual({ status: "SUSPENDED", changed: true });
    await expect(
      getLessonForLearner(db, actorOf(student), tree.course.slug, tree.lessons[0]!.id),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(
      await changeEnrollmentStatus(db, actorOf(admin), { enrollmentId: e.id, action: "reinstate" }),
    ).toEqual({ status: "COMPLETED", changed: true });
    await expect(
      getLessonForLearner(db, actorOf(student), tree.course.slug, tree.lessons[0]!.id),
    ).resolves.toBeDefined();
    const view = await getUserForAdmin(db, actorOf(admin), student.id);
    expect(view.enrollments[0]).toMatchObject({ status: "COMPLETED" });
  });

  it("is for admins only and leaves refunded enrollments to payments", async () => {
    const db = database.db;
    const student = await createUser(db);
    const tree = await createCourseTree(db, [1], { published: true });
    const e = await createEnrollment(db, student.id, tree.course.id, { status: "REFUNDED" });
    await expect(
      changeEnrollmentStatus(db, actorOf(student), { enrollmentId: e.id, action: "suspend" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await createUser(db, { role: "ADMIN" });
    await expect(
      changeEnrollmentStatus(db, actorOf(admin), { enrollmentId: e.id, action: "reinstate" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      changeEnrollmentStatus(db, actorOf(admin), { enrollmentId: e.id, action: "delete" as never }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
