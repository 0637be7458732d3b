import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { courseReviews, userProgress } from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { getCourseAnalytics } from "./course-analytics";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("course analytics", () => {
  it("counts enrollments, the completion funnel, time spent and ratings for the course's instructor", async () => {
    const db = database.db;
    const teacher = await createUser(db, { role: "INSTRUCTOR" });
    const tree = await createCourseTree(db, [2], { published: true });
    await addInstructor(db, tree.course.id, teacher.id);
    for (let i = 0; i < 3; i++) {
      const s = await createUser(db);
      await createEnrollment(db, s.id, tree.course.id);
      const lesson = tree.lessons[0]!;
      await db.insert(userProgress).values({
        userId: s.id,
        courseId: tree.course.id,
        moduleId: lesson.moduleId,
        lessonId: lesson.id,
        completed: i < 2,
        completedAt: i < 2 ? new Date() : null,
        timeSpent: 120,
      });
      if (i === 0)
        await db.insert(courseReviews).values({ userId: s.id, courseId: tree.course.id, rating: 4 });
    }
    const a = await getCourseAnalytics(db, actorOf(teacher), tree.course.id);
    expect(a.enrollmentsByMonth).toHaveLength(12);
    expect(a.enrollmentsByMonth.at(-1)).toEqual({ label: new Date().toISOString().slice(0, 7), value: 3 });
    expect(a.enrollmentsByMonth.slice(0, -1).every((m) => m.value === 0)).toBe(true);
    expect(a.lessons.map((l) => l.completed)).toEqual([2, 0]);
    expect(a.lessons[0]!.averageSeconds).toBe(120);
    expect(a.ratings.find((r) => r.label === "4 stars")?.value).toBe(1);
  });

  it("is not found for another instructor and forbidden for students", async () => {
    const db = database.db;
    const tree = await createCourseTree(db, [1], { published: true });
    const other = await createUser(db, { role: "INSTRUCTOR" });
    const student = await createUser(db);
    await expect(getCourseAnalytics(db, actorOf(other), tree.course.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getCourseAnalytics(db, actorOf(student), tree.course.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
