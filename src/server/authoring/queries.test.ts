import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import { refreshCourseStats } from "../catalog/refresh-course-stats";
import type { Database } from "../db/client";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setLessonProgress } from "../learning/progress";
import { findMyCourses, getCourseForEditing, getLessonForEditing } from "./queries";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());
const db = () => database.db;

describe("the instructor's views", () => {
  it("count the course's students, its completions and who has progress in each module and lesson", async () => {
    const owner = await createUser(db(), { role: "INSTRUCTOR" });
    const tree = await createCourseTree(db(), [1, 2], { published: true });
    await addInstructor(db(), tree.course.id, owner.id);
    const [a, b, c] = [await createUser(db()), await createUser(db()), await createUser(db())];
    for (const u of [a, b, c]) await createEnrollment(db(), u.id, tree.course.id);
    for (const lesson of tree.lessons)
      await setLessonProgress(db(), actorOf(a), lesson.id, { completed: true });
    await setLessonProgress(db(), actorOf(b), tree.lessons[1]!.id, { completed: true });

    const view = await getCourseForEditing(db(), actorOf(owner), tree.course.id);
    expect(view.enrolledStudents).toBe(3);
    expect(view.modules.map((m) => m.studentsWithProgress)).toEqual([1, 2]);
    expect(view.modules[1]!.lessons.map((l) => l.studentsWithProgress)).toEqual([2, 1]);
    const lesson = await getLessonForEditing(db(), actorOf(owner), tree.lessons[1]!.id);
    expect(lesson.studentsWithProgress).toBe(2);
    await db().transaction((tx) => refreshCourseStats(tx, tree.course.id));
    const [mine] = await findMyCourses(db(), actorOf(owner));
    expect(mine).toMatchObject({ id: tree.course.id, enrollmentCount: 3, completionRate: 33 });
  });
});
