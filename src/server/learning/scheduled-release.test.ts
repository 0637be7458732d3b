import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import {
  assignments,
  enrollments,
  lessonExercises,
  lessons,
  mailOutbox,
  moduleReleaseNotices,
  modules,
  quizzes,
} from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { updateModule } from "../authoring/structure";
import { getQuizPlace } from "../assessments/quiz-store";
import { getAssignmentPlace } from "../assessments/assignments";
import { listExercisesForStudent } from "../assessments/exercises";
import { getLessonForLearner, getLessonForLearnerById } from "./access";
import { grantEnrollment } from "./enrollment-state";
import { setLessonProgress } from "./progress";
import { sendModuleReleaseNotices } from "./release-notices";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;
const DAY = 86_400_000;

/** A published course of two modules; the second has a quiz, an assignment and an interactive lesson. */
async function dripCourse() {
  const owner = await createUser(db(), { role: "INSTRUCTOR" });
  const tree = await createCourseTree(db(), [1, 3], { published: true });
  await addInstructor(db(), tree.course.id, owner.id, "OWNER");
  const [quizLesson, assignmentLesson, interactiveLesson] = tree.lessons.slice(1);
  await db().update(lessons).set({ lessonType: "QUIZ" }).where(eq(lessons.id, quizLesson!.id));
  await db().insert(quizzes).values({ lessonId: quizLesson!.id });
  await db().update(lessons).set({ lessonType: "ASSIGNMENT" }).where(eq(lessons.id, assignmentLesson!.id));
  await db()
    .insert(assignments)
    .values({ lessonId: assignmentLesson!.id, prompt: "Write." } as never);
  await db().update(lessons).set({ lessonType: "INTERACTIVE" }).where(eq(lessons.id, interactiveLesson!.id));
  await db()
    .insert(lessonExercises)
    .values({
      lessonId: interactiveLesson!.id,
      position: 1,
      language: "python",
      checks: [{ name: "x", code: "assert True" }],
    });
  const student = await createUser(db());
  await createEnrollment(db(), student.id, tree.course.id);
  return {
    owner: actorOf(owner),
    student,
    course: tree.course,
    open: tree.lessons[0]!,
    second: tree.modules[1]!,
    quizLesson: quizLesson!,
    assignmentLesson: assignmentLesson!,
    interactiveLesson: interactiveLesson!,
  };
}

async function release(
  owner: ReturnType<typeof actorOf>,
  module: { id: string; title: string },
  r: Parameters<typeof updateModule>[2]["release"],
) {
  await updateModule(db(), owner, { moduleId: module.id, title: module.title, published: true, release: r });
}

describe("scheduled release", () => {
  it("closes every lesson endpoint of a module until N days after enrollment, with when it opens", async () => {
    const c = await dripCourse();
    await release(c.owner, c.second, { kind: "after_days", days: 7 });
    const me = actorOf(c.student);
    const locked = { code: "NOT_YET_AVAILABLE", status: 403 };
    await expect(getLessonForLearnerById(db(), me, c.quizLesson.id)).rejects.toMatchObject(locked);
    const refusal = await getLessonForLearnerById(db(), me, c.quizLesson.id).catch((e) => e);
    const opens = new Date(refusal.errorDetails.availableAt).getTime();
    expect(Math.abs(opens - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    expect(refusal.userMessage).toMatch(/opens on \d+ \w+ \d{4}/);
    await expect(
      setLessonProgress(db(), me, c.assignmentLesson.id, { completed: true }),
    ).rejects.toMatchObject(locked);
    await expect(getQuizPlace(db(), me, c.quizLesson.id)).rejects.toMatchObject(locked);
    await expect(getAssignmentPlace(db(), me, c.assignmentLesson.id)).rejects.toMatchObject(locked);
    await expect(listExercisesForStudent(db(), me, c.interactiveLesson.id)).rejects.toMatchObject(locked);
    // The player withholds the lesson and says when; the open module is untouched.
    const view = await getLessonForLearner(db(), me, c.course.slug, c.quizLesson.id, {
      whenLocked: "withhold",
    });
    expect(view.lockedUntil).not.toBeNull();
    expect(view.modules[1]!.opensAt).not.toBeNull();
    expect(view.modules[0]!.opensAt).toBeNull();
    expect((await getLessonForLearnerById(db(), me, c.open.id)).lockedUntil).toBeNull();
    // Course staff see everything.
    expect((await getQuizPlace(db(), c.owner, c.quizLesson.id)).staff).toBe(true);
    expect((await getLessonForLearnerById(db(), c.owner, c.quizLesson.id)).lockedUntil).toBeNull();
    // Eight days later it is open.
    await db()
      .update(enrollments)
      .set({ accessStartedAt: new Date(Date.now() - 8 * DAY) })
      .where(eq(enrollments.userId, c.student.id));
    expect((await getQuizPlace(db(), me, c.quizLesson.id)).enrolled).toBe(true);
    await setLessonProgress(db(), me, c.open.id, { completed: true });
    // The percentage counts every lesson, open or not: 1 of 4.
    const [e] = await db().select().from(enrollments).where(eq(enrollments.userId, c.student.id));
    expect(e!.progressPercentage).toBe(25);
  });

  it("opens on a fixed date, and counts days from a re-purchase after a refund", async () => {
    const c = await dripCourse();
    const me = actorOf(c.student);
    await release(c.owner, c.second, { kind: "on_date", date: new Date(Date.now() + 3 * DAY).toISOString() });
    await expect(getQuizPlace(db(), me, c.quizLesson.id)).rejects.toMatchObject({
      code: "NOT_YET_AVAILABLE",
    });
    await release(c.owner, c.second, { kind: "on_date", date: new Date(Date.now() - DAY).toISOString() });
    expect((await getQuizPlace(db(), me, c.quizLesson.id)).enrolled).toBe(true);

    await release(c.owner, c.second, { kind: "after_days", days: 2 });
    await db()
      .update(enrollments)
      .set({
        status: "REFUNDED",
        enrolledAt: new Date(Date.now() - 30 * DAY),
        accessStartedAt: new Date(Date.now() - 30 * DAY),
      })
      .where(eq(enrollments.userId, c.student.id));
    await grantEnrollment(db(), c.student.id, c.course.id);
    await expect(getQuizPlace(db(), me, c.quizLesson.id)).rejects.toMatchObject({
      code: "NOT_YET_AVAILABLE",
    });
  });

  it("refuses an impossible schedule with the field's message", async () => {
    const c = await dripCourse();
    await expect(release(c.owner, c.second, { kind: "after_days", days: 0 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "release.days" }],
    });
    await expect(release(c.owner, c.second, { kind: "on_date", date: "soon" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "release.date" }],
    });
    const [m] = await db().select().from(modules).where(eq(modules.id, c.second.id));
    expect(m!.releaseKind).toBe("immediate");
  });

  it("e-mails each student once when a module opens", async () => {
    const c = await dripCourse();
    await release(c.owner, c.second, { kind: "after_days", days: 3 });
    await db()
      .update(enrollments)
      .set({ accessStartedAt: new Date(Date.now() - 4 * DAY) })
      .where(eq(enrollments.userId, c.student.id));
    const first = await sendModuleReleaseNotices(db());
    const again = await sendModuleReleaseNotices(db());
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(again.sent).toBe(0);
    const notices = await db()
      .select()
      .from(moduleReleaseNotices)
      .where(
        and(eq(moduleReleaseNotices.userId, c.student.id), eq(moduleReleaseNotices.moduleId, c.second.id)),
      );
    expect(notices).toHaveLength(1);
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, c.student.email));
    expect(mails.filter((m) => m.subject.startsWith("Now open:"))).toHaveLength(1);
    expect(mails[0]!.text).not.toContain("expires");
  });
});
