import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import { getCourseAnalytics } from "../analytics/course-analytics";
import { getCoursePage } from "../catalog/queries";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { addInstructor, createCourseTree, createUser } from "../db/seed/factories";
import { getLessonForLearner } from "../learning/access";
import { getCourseForEditing, getLessonForEditing } from "./queries";
import { isCourseStaff } from "./staff";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());
const db = () => database.db;

describe("course staff", () => {
  it("are admins and the course's instructors while their role is still INSTRUCTOR or ADMIN", async () => {
    const tree = await createCourseTree(db(), [1], { published: false, price: 4900 });
    const teacher = await createUser(db(), { role: "INSTRUCTOR" });
    const other = await createUser(db(), { role: "INSTRUCTOR" });
    const admin = await createUser(db(), { role: "ADMIN" });
    const student = await createUser(db());
    await addInstructor(db(), tree.course.id, teacher.id);
    const lesson = tree.lessons[0]!;

    expect(await isCourseStaff(db(), actorOf(teacher), tree.course.id)).toBe(true);
    expect(await isCourseStaff(db(), actorOf(admin), tree.course.id)).toBe(true);
    expect(await isCourseStaff(db(), actorOf(other), tree.course.id)).toBe(false);
    expect(await isCourseStaff(db(), actorOf(student), tree.course.id)).toBe(false);
    expect(await isCourseStaff(db(), null, tree.course.id)).toBe(false);

    // Staff see the draft, preview paid lessons, edit and read analytics.
    expect(await getCoursePage(db(), actorOf(teacher), tree.course.slug)).not.toBeNull();
    const preview = await getLessonForLearner(db(), actorOf(teacher), tree.course.slug, lesson.id);
    expect(preview.preview).toBe(true);
    await getCourseForEditing(db(), actorOf(teacher), tree.course.id);
    await getCourseAnalytics(db(), actorOf(teacher), tree.course.id);

    // Demoted to STUDENT: the team row stays, and grants nothing — neither with the fresh actor nor with a
    // stale one that still says INSTRUCTOR (the role is checked on the users row too).
    await db().update(users).set({ role: "STUDENT" }).where(eq(users.id, teacher.id));
    const demoted = actorOf({ ...teacher, role: "STUDENT" });
    const stale = actorOf(teacher);
    for (const actor of [demoted, stale]) {
      expect(await isCourseStaff(db(), actor, tree.course.id)).toBe(false);
      expect(await getCoursePage(db(), actor, tree.course.slug)).toBeNull();
      await expect(getLessonForLearner(db(), actor, tree.course.slug, lesson.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(getLessonForEditing(db(), stale, lesson.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getCourseAnalytics(db(), stale, tree.course.id)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });
});
