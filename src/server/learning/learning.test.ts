import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { certificates, enrollments, modules, payments, userProgress, users } from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { getLessonForLearner } from "./access";
import { verifyCertificate, findMyCertificates } from "./certificates";
import { findMyEnrollments } from "./dashboard";
import { enrollInCourse } from "./enroll";
import { setLessonProgress, touchLesson } from "./progress";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 16 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;
const student = (overrides = {}) =>
  createUser(db(), { emailVerified: new Date(), name: "Stu Dent", ...overrides });
const published = { published: true };

describe("enrollment", () => {
  it("enrolls in a free course once, however often it is asked", async () => {
    const u = await student();
    const { course } = await createCourseTree(db(), [1], published);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => enrollInCourse(db(), actorOf(u), course.slug)),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.enrollment.id)).size).toBe(1);
    const rows = await db().select().from(enrollments).where(eq(enrollments.userId, u.id));
    expect(rows).toHaveLength(1);
  });

  it("refuses a paid course without a completed payment (402), and accepts it with one", async () => {
    const u = await student();
    const { course } = await createCourseTree(db(), [1], { ...published, price: 4900 });
    await expect(enrollInCourse(db(), actorOf(u), course.slug)).rejects.toMatchObject({
      code: "PAYMENT_REQUIRED",
    });
    await db().insert(payments).values({
      userId: u.id,
      courseId: course.id,
      amount: 4900,
      provider: "demo",
      status: "COMPLETED",
      processedAt: new Date(),
    });
    await expect(enrollInCourse(db(), actorOf(u), course.slug)).resolves.toMatchObject({ created: true });
  });

  it("is 404 for an unknown or unpublished course and 401 for nobody", async () => {
    const u = await student();
    const { course } = await createCourseTree(db(), [1]);
    await expect(enrollInCourse(db(), actorOf(u), course.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(enrollInCourse(db(), actorOf(u), "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(enrollInCourse(db(), null, course.slug)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("lesson access", () => {
  it("follows the enrollment: none, suspended and refunded are refused; active and completed open", async () => {
    const tree = await createCourseTree(db(), [2], published);
    const lesson = tree.lessons[0]!;
    const none = await student();
    await expect(getLessonForLearner(db(), actorOf(none), tree.course.slug, lesson.id)).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    for (const status of ["SUSPENDED", "REFUNDED"] as const) {
      const u = await student();
      await createEnrollment(db(), u.id, tree.course.id, { status });
      await expect(getLessonForLearner(db(), actorOf(u), tree.course.slug, lesson.id)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const active = await student();
    await createEnrollment(db(), active.id, tree.course.id);
    const view = await getLessonForLearner(db(), actorOf(active), tree.course.slug, lesson.id);
    expect(view.lesson.content).toContain("Lesson 1");
    expect(view.nextLessonId).toBe(tree.lessons[1]!.id);
  });

  it("is 404 for a lesson under another course's slug, and for a draft module's lesson", async () => {
    const a = await createCourseTree(db(), [1], published);
    const b = await createCourseTree(db(), [1], published);
    const u = await student();
    await createEnrollment(db(), u.id, a.course.id);
    await createEnrollment(db(), u.id, b.course.id);
    await expect(
      getLessonForLearner(db(), actorOf(u), a.course.slug, b.lessons[0]!.id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().update(modules).set({ published: false }).where(eq(modules.id, a.modules[0]!.id));
    await expect(
      getLessonForLearner(db(), actorOf(u), a.course.slug, a.lessons[0]!.id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps an unpublished course open to its enrolled students only; staff preview without enrolling", async () => {
    const tree = await createCourseTree(db(), [1], { published: false });
    const enrolled = await student();
    await createEnrollment(db(), enrolled.id, tree.course.id);
    await expect(
      getLessonForLearner(db(), actorOf(enrolled), tree.course.slug, tree.lessons[0]!.id),
    ).resolves.toMatchObject({ preview: false });
    const outsider = await student();
    await expect(
      getLessonForLearner(db(), actorOf(outsider), tree.course.slug, tree.lessons[0]!.id),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const teacher = await createUser(db(), { role: "INSTRUCTOR" });
    await addInstructor(db(), tree.course.id, teacher.id);
    await expect(
      getLessonForLearner(db(), actorOf(teacher), tree.course.slug, tree.lessons[0]!.id),
    ).resolves.toMatchObject({ preview: true });
  });
});

describe("progress and completion", () => {
  it("counts completions, keeps the module row in step, completes the course once and issues one certificate", async () => {
    const u = await student({ name: "Łukasz Żółć" });
    const tree = await createCourseTree(db(), [2, 2], published);
    await createEnrollment(db(), u.id, tree.course.id);
    const a = actorOf(u);
    const r1 = await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: true });
    expect(r1.enrollment).toEqual({ status: "ACTIVE", progressPercentage: 25 });
    await setLessonProgress(db(), a, tree.lessons[1]!.id, { completed: true });
    const [moduleRow] = await db()
      .select()
      .from(userProgress)
      .where(
        and(
          eq(userProgress.userId, u.id),
          eq(userProgress.moduleId, tree.modules[0]!.id),
          sql`lesson_id IS NULL`,
        ),
      );
    expect(moduleRow!.completed).toBe(true);
    await setLessonProgress(db(), a, tree.lessons[2]!.id, { completed: true });
    const last = await setLessonProgress(db(), a, tree.lessons[3]!.id, { completed: true });
    expect(last).toMatchObject({
      enrollment: { status: "COMPLETED", progressPercentage: 100 },
      certificateIssued: true,
    });
    const [cert] = await findMyCertificates(db(), a);
    expect(cert).toMatchObject({
      holderName: "Łukasz Żółć",
      courseTitle: tree.course.title,
      status: "valid",
    });
    expect(cert!.certificateNumber).toMatch(/^AIW-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect(verifyCertificate(db(), cert!.certificateNumber.toLowerCase())).resolves.toMatchObject({
      holderName: "Łukasz Żółć",
    });
    // Un-completing a lesson lowers the figure but never takes the completion or the certificate away.
    const undo = await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: false });
    expect(undo.enrollment).toEqual({ status: "COMPLETED", progressPercentage: 75 });
    await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: true });
    expect(await db().select().from(certificates).where(eq(certificates.userId, u.id))).toHaveLength(1);
  });

  it("issues the certificate when the address is confirmed, not before", async () => {
    const u = await createUser(db(), { name: "Pending Person" });
    const tree = await createCourseTree(db(), [1], published);
    await createEnrollment(db(), u.id, tree.course.id);
    const r = await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
    expect(r).toMatchObject({ enrollment: { status: "COMPLETED" }, certificateIssued: false });
    await db().update(users).set({ emailVerified: new Date() }).where(eq(users.id, u.id));
    const { issuePendingCertificates } = await import("./certificates");
    expect(await issuePendingCertificates(db(), u.id)).toBe(1);
    expect(await issuePendingCertificates(db(), u.id)).toBe(0);
  });

  it("caps time spent to the real time elapsed and validates the input", async () => {
    const u = await student();
    const tree = await createCourseTree(db(), [1], published);
    await createEnrollment(db(), u.id, tree.course.id);
    const a = actorOf(u);
    const first = await setLessonProgress(db(), a, tree.lessons[0]!.id, { timeSpentSeconds: 300 });
    expect(first.lessonProgress).toEqual({ completed: false, timeSpent: 30 });
    const again = await setLessonProgress(db(), a, tree.lessons[0]!.id, { timeSpentSeconds: 300 });
    expect(again.lessonProgress.timeSpent - first.lessonProgress.timeSpent).toBeLessThanOrEqual(1);
    // A heartbeat keeps the lesson's completion; un-completing is explicit.
    await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: true });
    const beat = await setLessonProgress(db(), a, tree.lessons[0]!.id, { timeSpentSeconds: 5 });
    expect(beat.lessonProgress.completed).toBe(true);
    expect(beat.enrollment).toEqual({ status: "COMPLETED", progressPercentage: 100 });
    const undone = await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: false });
    expect(undone.lessonProgress.completed).toBe(false);
    expect(undone.enrollment).toEqual({ status: "COMPLETED", progressPercentage: 0 });
    await expect(setLessonProgress(db(), a, "no-such-lesson", { completed: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      setLessonProgress(db(), a, tree.lessons[0]!.id, { timeSpentSeconds: 301 }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(setLessonProgress(db(), a, tree.lessons[0]!.id, {})).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    const outsider = await student();
    await expect(
      setLessonProgress(db(), actorOf(outsider), tree.lessons[0]!.id, { completed: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gets the exact figure from fifty concurrent completions, one COMPLETED transition and one certificate", async () => {
    const u = await student();
    // One lesson per module: nothing but the enrollment lock orders these transactions.
    const tree = await createCourseTree(
      db(),
      Array.from({ length: 50 }, () => 1),
      published,
      5,
    );
    await createEnrollment(db(), u.id, tree.course.id);
    const a = actorOf(u);
    const results = await Promise.all(
      tree.lessons.map((l) => setLessonProgress(db(), a, l.id, { completed: true })),
    );
    expect(results.filter((r) => r.certificateIssued)).toHaveLength(1);
    const [e] = await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, u.id), eq(enrollments.courseId, tree.course.id)));
    expect(e).toMatchObject({ status: "COMPLETED", progressPercentage: 100 });
    expect(await db().select().from(certificates).where(eq(certificates.userId, u.id))).toHaveLength(1);
    if (onPostgres)
      expect(new Set(results.map((r) => r.enrollment.progressPercentage)).size).toBeGreaterThan(1);
  });

  it("resumes at the last lesson opened and not finished, else the next in order", async () => {
    const u = await student();
    const tree = await createCourseTree(db(), [3], published);
    await createEnrollment(db(), u.id, tree.course.id);
    const a = actorOf(u);
    let mine = (await findMyEnrollments(db(), a)).find((e) => e.courseId === tree.course.id)!;
    expect(mine.resumeLessonId).toBe(tree.lessons[0]!.id);
    await setLessonProgress(db(), a, tree.lessons[0]!.id, { completed: true });
    mine = (await findMyEnrollments(db(), a)).find((e) => e.courseId === tree.course.id)!;
    expect(mine.resumeLessonId).toBe(tree.lessons[1]!.id);
    await setLessonProgress(db(), a, tree.lessons[2]!.id, { timeSpentSeconds: 5 });
    mine = (await findMyEnrollments(db(), a)).find((e) => e.courseId === tree.course.id)!;
    expect(mine.resumeLessonId).toBe(tree.lessons[2]!.id);
  });

  it("resumes at the lesson opened last, and writes nothing when the last one is opened again at once", async () => {
    const u = await student();
    const tree = await createCourseTree(db(), [3], published);
    await createEnrollment(db(), u.id, tree.course.id);
    const a = actorOf(u);
    const [first, second] = [tree.lessons[1]!, tree.lessons[2]!];
    const open = (lesson: typeof first) => touchLesson(db(), a, tree.course.id, lesson.id, lesson.moduleId);
    const resume = async () =>
      (await findMyEnrollments(db(), a)).find((e) => e.courseId === tree.course.id)!.resumeLessonId;
    const stamps = async () =>
      (
        await db()
          .select({ lessonId: userProgress.lessonId, updatedAt: userProgress.updatedAt })
          .from(userProgress)
          .where(eq(userProgress.userId, u.id))
      ).map((r) => `${r.lessonId}@${r.updatedAt.toISOString()}`);

    await open(first);
    await new Promise((r) => setTimeout(r, 5));
    await open(second);
    expect(await resume()).toBe(second.id);
    // Back to the first within the minute: it is not the last one opened, so it is written.
    await new Promise((r) => setTimeout(r, 5));
    await open(first);
    expect(await resume()).toBe(first.id);
    // The same lesson again at once: nothing changes.
    const before = await stamps();
    await new Promise((r) => setTimeout(r, 5));
    await open(first);
    expect(await stamps()).toEqual(before);
    expect(await resume()).toBe(first.id);
  });
});

describe("certificate verification", () => {
  it("rejects a mistyped number without a lookup, and an unknown one as not found", async () => {
    await expect(verifyCertificate(db(), "AIW-2026-AAAA-AAAA-AAAA")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(verifyCertificate(db(), "'; DROP TABLE certificates; --")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
