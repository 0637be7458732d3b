import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import {
  auditLog,
  courseInstructors,
  courseSlugRedirects,
  courses,
  enrollments,
  lessons,
  modules,
  userProgress,
} from "../db/schema";
import {
  addInstructor,
  createCourseTree,
  createEnrollment,
  createUser,
  type CourseTree,
} from "../db/seed/factories";
import type { Actor } from "../accounts/actor";
import {
  checkSlugAvailability,
  createCourse,
  deleteCourse,
  publishCourse,
  unpublishCourse,
  updateCourse,
} from "./courses";
import { previewLessonMarkdown, updateLesson } from "./lessons";
import { findMyCourses, getCourseForEditing, getLessonForEditing } from "./queries";
import {
  createLesson,
  createModule,
  deleteLesson,
  deleteModule,
  moveLesson,
  reorderLessons,
  reorderModules,
  updateModule,
} from "./structure";
import type { TCourseInput } from "./schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const instructor = async () => actorOf(await createUser(db(), { role: "INSTRUCTOR" }));
const admin = async () => actorOf(await createUser(db(), { role: "ADMIN" }));
const student = async () => createUser(db(), { role: "STUDENT", emailVerified: new Date() });

async function ownedTree(owner: Actor, shape = [2, 2], overrides = {}): Promise<CourseTree> {
  const tree = await createCourseTree(db(), shape, overrides);
  await addInstructor(db(), tree.course.id, owner.id);
  return tree;
}

const courseInput = (over: Record<string, unknown> = {}): TCourseInput => ({
  title: "Neural Networks Explained",
  slug: `neural-networks-${Math.random().toString(36).slice(2, 8)}`,
  description: "From perceptrons to transformers.",
  price: "49.00",
  difficulty: "INTERMEDIATE",
  imageUrl: "",
  metaTitle: "",
  metaDescription: "",
  learningObjectives: ["Explain backpropagation", " "],
  prerequisites: [],
  ...(over as Partial<TCourseInput>),
});

async function lessonOrders(moduleId: string) {
  return db()
    .select({ id: lessons.id, order: lessons.order })
    .from(lessons)
    .where(eq(lessons.moduleId, moduleId))
    .orderBy(asc(lessons.order));
}

async function complete(userId: string, tree: CourseTree, lessonIds: string[]) {
  for (const id of lessonIds) {
    const l = tree.lessons.find((x) => x.id === id)!;
    await db().insert(userProgress).values({
      userId,
      courseId: tree.course.id,
      moduleId: l.moduleId,
      lessonId: id,
      completed: true,
      completedAt: new Date(),
    });
  }
}

const percentage = async (enrollmentId: string) =>
  (await db().select().from(enrollments).where(eq(enrollments.id, enrollmentId)))[0]!;

describe("authorization", () => {
  it("hides another instructor's course (NOT_FOUND) from reads and every change", async () => {
    const ada = await instructor();
    const alan = await instructor();
    const tree = await ownedTree(ada);
    const [m] = tree.modules;
    const lessonId = tree.lessons[0]!.id;
    const attempts: (() => Promise<unknown>)[] = [
      () => getCourseForEditing(db(), alan, tree.course.id),
      () => getLessonForEditing(db(), alan, lessonId),
      () => updateCourse(db(), alan, { ...courseInput(), courseId: tree.course.id }),
      () => publishCourse(db(), alan, tree.course.id),
      () => unpublishCourse(db(), alan, { courseId: tree.course.id }),
      () => deleteCourse(db(), alan, tree.course.id),
      () => createModule(db(), alan, { courseId: tree.course.id, title: "Mine now" }),
      () => updateModule(db(), alan, { moduleId: m!.id, title: "x" }),
      () => deleteModule(db(), alan, { id: m!.id }),
      () =>
        reorderModules(db(), alan, {
          parentId: tree.course.id,
          ids: tree.modules.map((x) => x.id).reverse(),
          previousIds: tree.modules.map((x) => x.id),
        }),
      () => createLesson(db(), alan, { moduleId: m!.id, title: "x" }),
      () => updateLesson(db(), alan, { lessonId, title: "x", lessonType: "TEXT", duration: 5, content: "x" }),
      () => deleteLesson(db(), alan, { id: lessonId }),
      () => moveLesson(db(), alan, { lessonId, toModuleId: tree.modules[1]!.id }),
      () =>
        reorderLessons(db(), alan, {
          parentId: m!.id,
          ids: m!.lessons.map((x) => x.id).reverse(),
          previousIds: m!.lessons.map((x) => x.id),
        }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findMyCourses(db(), alan)).map((c) => c.id)).not.toContain(tree.course.id);
    const [after] = await db().select().from(courses).where(eq(courses.id, tree.course.id));
    expect(after!.title).toBe(tree.course.title);
    expect(await lessonOrders(m!.id)).toEqual(m!.lessons.map((l) => ({ id: l.id, order: l.order })));
  });

  it("refuses students every authoring service (FORBIDDEN)", async () => {
    const s = actorOf(await student());
    const ada = await instructor();
    const tree = await ownedTree(ada);
    const attempts: (() => Promise<unknown>)[] = [
      () => findMyCourses(db(), s),
      () => createCourse(db(), s, courseInput()),
      () => getCourseForEditing(db(), s, tree.course.id),
      () => checkSlugAvailability(db(), s, { slug: "x" }),
      () => createModule(db(), s, { courseId: tree.course.id, title: "x" }),
      () => createLesson(db(), s, { moduleId: tree.modules[0]!.id, title: "x" }),
      () => deleteLesson(db(), s, { id: tree.lessons[0]!.id }),
      () => publishCourse(db(), s, tree.course.id),
      async () => previewLessonMarkdown(s, "# hi"),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(findMyCourses(db(), null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("lets admins edit any course and co-instructors edit theirs", async () => {
    const ada = await instructor();
    const co = await instructor();
    const boss = await admin();
    const tree = await ownedTree(ada);
    await addInstructor(db(), tree.course.id, co.id, "INSTRUCTOR");
    await expect(getCourseForEditing(db(), boss, tree.course.id)).resolves.toMatchObject({
      course: { id: tree.course.id },
    });
    await createModule(db(), boss, { courseId: tree.course.id, title: "By the admin" });
    await createModule(db(), co, { courseId: tree.course.id, title: "By the co-instructor" });
    const view = await getCourseForEditing(db(), ada, tree.course.id);
    expect(view.modules.map((m) => m.title)).toEqual([
      "Module 1",
      "Module 2",
      "By the admin",
      "By the co-instructor",
    ]);
    expect((await findMyCourses(db(), boss)).map((c) => c.id)).toContain(tree.course.id);
  });
});

describe("courses", () => {
  it("creates a draft in cents with its creator as OWNER, audited", async () => {
    const ada = await instructor();
    const input = courseInput();
    const { id } = await createCourse(db(), ada, input);
    const [c] = await db().select().from(courses).where(eq(courses.id, id));
    expect(c).toMatchObject({
      price: 4900,
      published: false,
      duration: 0,
      learningObjectives: ["Explain backpropagation"],
      imageUrl: null,
    });
    const owners = await db().select().from(courseInstructors).where(eq(courseInstructors.courseId, id));
    expect(owners).toEqual([expect.objectContaining({ userId: ada.id, role: "OWNER" })]);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(entry).toMatchObject({ action: "course.created", actorId: ada.id });
    await expect(createCourse(db(), ada, { ...courseInput(), slug: input.slug })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("rejects invalid fields, every one of them", async () => {
    const ada = await instructor();
    const err = await createCourse(
      db(),
      ada,
      courseInput({ slug: "Not A Slug", price: "4.999", imageUrl: "javascript:alert(1)", title: "" }),
    ).catch((e) => e);
    expect(err.code).toBe("INVALID_INPUT");
    expect(err.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "imageUrl",
      "price",
      "slug",
      "title",
    ]);
  });

  it("keeps old slugs as redirects only after the first publication", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1]);
    const base = { ...courseInput(), courseId: tree.course.id };
    const draftSlug = `draft-${tree.course.id.slice(0, 8).toLowerCase()}`;
    await updateCourse(db(), ada, { ...base, slug: draftSlug });
    const redirectsOf = () =>
      db().select().from(courseSlugRedirects).where(eq(courseSlugRedirects.courseId, tree.course.id));
    expect(await redirectsOf()).toEqual([]);
    await publishCourse(db(), ada, tree.course.id);
    const liveSlug = `${draftSlug}-live`;
    await updateCourse(db(), ada, { ...base, slug: liveSlug });
    expect((await redirectsOf()).map((r) => r.oldSlug)).toEqual([draftSlug]);
    // The old address belongs to this course: others cannot take it, the course can take it back.
    const alan = await instructor();
    await expect(checkSlugAvailability(db(), alan, { slug: draftSlug })).resolves.toMatchObject({
      available: false,
    });
    await expect(
      checkSlugAvailability(db(), ada, { slug: liveSlug, courseId: tree.course.id }),
    ).resolves.toEqual({ available: true });
    await expect(checkSlugAvailability(db(), ada, { slug: "Bad Slug" })).resolves.toMatchObject({
      available: false,
    });
    await updateCourse(db(), ada, { ...base, slug: draftSlug });
    expect((await redirectsOf()).map((r) => r.oldSlug)).toEqual([liveSlug]);
    const actions = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, tree.course.id));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "course.published",
      "course.updated",
      "course.updated",
      "course.updated",
    ]);
  });

  it("lists exactly what stands between a course and publication", async () => {
    const ada = await instructor();
    const { id } = await createCourse(db(), ada, courseInput({ learningObjectives: [" "] }));
    await expect(publishCourse(db(), ada, id)).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [
        {
          path: "learningObjectives",
          message:
            "Add at least one learning objective (what students will be able to do) in the course details.",
        },
        { path: "modules", message: "Add at least one published module." },
      ],
    });
    await db()
      .update(courses)
      .set({ learningObjectives: ["Explain backpropagation"] })
      .where(eq(courses.id, id));
    const m1 = await createModule(db(), ada, { courseId: id, title: "Basics" });
    const m2 = await createModule(db(), ada, { courseId: id, title: "Empty one" });
    await createModule(db(), ada, { courseId: id, title: "Draft module", published: false });
    const l1 = await createLesson(db(), ada, { moduleId: m1.id, title: "Intro" });
    const view = await getCourseForEditing(db(), ada, id);
    expect(view.publishProblems.map((p) => p.message)).toEqual([
      "Lesson “Intro” in “Basics” has no content.",
      "Module “Empty one” has no lessons.",
    ]);
    await expect(publishCourse(db(), ada, id)).rejects.toMatchObject({ code: "CONFLICT" });
    await updateLesson(db(), ada, {
      lessonId: l1.id,
      title: "Intro",
      lessonType: "TEXT",
      duration: 5,
      content: "# Hi",
    });
    await deleteModule(db(), ada, { id: m2.id });
    await expect(publishCourse(db(), ada, id)).resolves.toEqual({ changed: true });
    const [c] = await db().select().from(courses).where(eq(courses.id, id));
    expect(c!.published).toBe(true);
    expect(c!.firstPublishedAt).toBeInstanceOf(Date);
    const first = c!.firstPublishedAt!;

    // Unpublishing clears featured, and asks for confirmation when students are enrolled.
    await db().update(courses).set({ featured: true }).where(eq(courses.id, id));
    const s = await student();
    await createEnrollment(db(), s.id, id);
    const err = await unpublishCourse(db(), ada, { courseId: id }).catch((e) => e);
    expect(err).toMatchObject({ code: "CONFLICT" });
    expect(err.userMessage).toMatch(/^1 student is enrolled/);
    await unpublishCourse(db(), ada, { courseId: id, confirmEnrolled: 1 });
    const [after] = await db().select().from(courses).where(eq(courses.id, id));
    expect(after).toMatchObject({ published: false, featured: false });
    await publishCourse(db(), ada, id);
    const [again] = await db().select().from(courses).where(eq(courses.id, id));
    expect(again!.firstPublishedAt!.getTime()).toBe(first.getTime());
  });

  it("deletes a course nobody enrolled in; refuses (409) one with enrollments", async () => {
    const ada = await instructor();
    const empty = await ownedTree(ada, [1]);
    await deleteCourse(db(), ada, empty.course.id);
    expect(await db().select().from(courses).where(eq(courses.id, empty.course.id))).toEqual([]);
    const taught = await ownedTree(ada, [1]);
    await createEnrollment(db(), (await student()).id, taught.course.id);
    await expect(deleteCourse(db(), ada, taught.course.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("structure", () => {
  it("keeps module and course durations in step with the lessons", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [2, 1]);
    const [m1, m2] = tree.modules;
    const durations = async () => {
      const [c] = await db()
        .select({ d: courses.duration })
        .from(courses)
        .where(eq(courses.id, tree.course.id));
      const ms = await db()
        .select({ d: modules.duration })
        .from(modules)
        .where(eq(modules.courseId, tree.course.id))
        .orderBy(asc(modules.order));
      return [c!.d, ...ms.map((m) => m.d)];
    };
    expect(await durations()).toEqual([30, 20, 10]);
    const l = tree.lessons[0]!;
    await updateLesson(db(), ada, {
      lessonId: l.id,
      title: l.title,
      lessonType: "VIDEO",
      duration: 25,
      content: "x",
    });
    expect(await durations()).toEqual([45, 35, 10]);
    await moveLesson(db(), ada, { lessonId: l.id, toModuleId: m2!.id });
    expect(await durations()).toEqual([45, 10, 35]);
    await updateModule(db(), ada, { moduleId: m2!.id, title: "Later", published: false });
    expect(await durations()).toEqual([10, 10, 35]);
    await deleteLesson(db(), ada, { id: m1!.lessons[1]!.id });
    expect(await durations()).toEqual([0, 0, 35]);
    await createLesson(db(), ada, { moduleId: m1!.id, title: "New" });
    expect(await durations()).toEqual([0, 0, 35]);
  });

  it("reorders densely 1..n and answers 409 to a stale order", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [4]);
    const m = tree.modules[0]!;
    const ids = m.lessons.map((l) => l.id);
    const next = [ids[2]!, ids[0]!, ids[3]!, ids[1]!];
    await reorderLessons(db(), ada, { parentId: m.id, ids: next, previousIds: ids });
    expect(await lessonOrders(m.id)).toEqual(next.map((id, i) => ({ id, order: i + 1 })));
    await expect(
      reorderLessons(db(), ada, { parentId: m.id, ids: [...ids].reverse(), previousIds: ids }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      reorderLessons(db(), ada, { parentId: m.id, ids: ids.slice(1), previousIds: next }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const moduleIds = (await ownedTree(ada, [1, 1, 1])).modules.map((x) => x.id);
    const courseId = (await db().select().from(modules).where(eq(modules.id, moduleIds[0]!)))[0]!.courseId;
    await reorderModules(db(), ada, {
      parentId: courseId,
      ids: [...moduleIds].reverse(),
      previousIds: moduleIds,
    });
    const after = await db()
      .select({ id: modules.id, order: modules.order })
      .from(modules)
      .where(eq(modules.courseId, courseId))
      .orderBy(asc(modules.order));
    expect(after).toEqual([...moduleIds].reverse().map((id, i) => ({ id, order: i + 1 })));
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, courseId), eq(auditLog.action, "module.reordered")));
    expect(entry!.after).toEqual([...moduleIds].reverse());
  });

  it("lets one of two concurrent reorders of a module win; the other gets 409 and nothing is lost", async () => {
    const ada = await instructor();
    for (let round = 0; round < 5; round++) {
      const tree = await ownedTree(ada, [6]);
      const m = tree.modules[0]!;
      const ids = m.lessons.map((l) => l.id);
      const a = [...ids].reverse();
      const b = [...ids.slice(3), ...ids.slice(0, 3)];
      const results = await Promise.allSettled([
        reorderLessons(db(), ada, { parentId: m.id, ids: a, previousIds: ids }),
        reorderLessons(db(), ada, { parentId: m.id, ids: b, previousIds: ids }),
      ]);
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      const rows = await lessonOrders(m.id);
      expect(rows.map((r) => r.order)).toEqual([1, 2, 3, 4, 5, 6]);
      const winner = results[0]!.status === "fulfilled" ? a : b;
      expect(rows.map((r) => r.id)).toEqual(winner);
    }
  });

  it("keeps orders dense when a reorder races a lesson creation", async () => {
    const ada = await instructor();
    for (let round = 0; round < 5; round++) {
      const tree = await ownedTree(ada, [5]);
      const m = tree.modules[0]!;
      const ids = m.lessons.map((l) => l.id);
      const [reorder, created] = await Promise.allSettled([
        reorderLessons(db(), ada, { parentId: m.id, ids: [...ids].reverse(), previousIds: ids }),
        createLesson(db(), ada, { moduleId: m.id, title: `Racer ${round}` }),
      ]);
      expect(created.status).toBe("fulfilled");
      const rows = await lessonOrders(m.id);
      expect(rows.map((r) => r.order)).toEqual([1, 2, 3, 4, 5, 6]);
      const newId = (created as PromiseFulfilledResult<{ id: string }>).value.id;
      if (reorder.status === "fulfilled") {
        expect(rows.map((r) => r.id)).toEqual([...[...ids].reverse(), newId]);
      } else {
        expect(reorder.reason).toMatchObject({ code: "CONFLICT" });
        expect(rows.map((r) => r.id)).toEqual([...ids, newId]);
      }
    }
  });

  it("recomputes percentages after deletes, moves and additions, never taking a completion away", async () => {
    const ada = await instructor();
    // Module 1: 2 lessons, module 2: 2 lessons; a third, unpublished module does not count.
    const tree = await ownedTree(ada, [2, 2, 1], { published: true });
    const [m1, m2, draft] = tree.modules;
    await updateModule(db(), ada, { moduleId: draft!.id, title: "Draft", published: false });
    const [l1, l2, l3, l4] = tree.lessons;
    const half = await student();
    const done = await student();
    const fresh = await student();
    const eHalf = await createEnrollment(db(), half.id, tree.course.id, { progressPercentage: 50 });
    const eDone = await createEnrollment(db(), done.id, tree.course.id, {
      status: "COMPLETED",
      completedAt: new Date(),
      progressPercentage: 100,
    });
    const eFresh = await createEnrollment(db(), fresh.id, tree.course.id);
    await complete(half.id, tree, [l1!.id, l3!.id]);
    await complete(done.id, tree, [l1!.id, l2!.id, l3!.id, l4!.id]);

    // Deleting l2, which one student completed: a confirmation for exactly that count is needed.
    const refused = await deleteLesson(db(), ada, { id: l2!.id }).catch((e) => e);
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect(refused.userMessage).toMatch(/^1 student has progress in this lesson/);
    await deleteLesson(db(), ada, { id: l2!.id, confirmAffected: 1 });
    // half: 2 of 3 → 66; done: 3 of 3; fresh: 0.
    expect((await percentage(eHalf.id)).progressPercentage).toBe(66);
    expect(await percentage(eDone.id)).toMatchObject({ progressPercentage: 100, status: "COMPLETED" });
    expect((await percentage(eFresh.id)).progressPercentage).toBe(0);

    // Moving l3 into the unpublished module takes it out of the count: half 1 of 2 → 50.
    await moveLesson(db(), ada, { lessonId: l3!.id, toModuleId: draft!.id });
    const moved = await db().select().from(userProgress).where(eq(userProgress.lessonId, l3!.id));
    expect(moved.map((p) => p.moduleId)).toEqual([draft!.id, draft!.id]);
    expect((await percentage(eHalf.id)).progressPercentage).toBe(50);
    expect(await percentage(eDone.id)).toMatchObject({ progressPercentage: 100, status: "COMPLETED" });

    // A new lesson lowers every percentage; the completed enrollment stays COMPLETED. The course is
    // published, so the lesson is written in the draft module and then moved into a published one.
    const bonus = await createLesson(db(), ada, { moduleId: draft!.id, title: "Bonus" });
    await updateLesson(db(), ada, {
      lessonId: bonus.id,
      title: "Bonus",
      lessonType: "TEXT",
      duration: 10,
      content: "# Bonus",
    });
    await moveLesson(db(), ada, { lessonId: bonus.id, toModuleId: m2!.id });
    expect((await percentage(eHalf.id)).progressPercentage).toBe(33);
    expect(await percentage(eDone.id)).toMatchObject({ progressPercentage: 66, status: "COMPLETED" });

    // Deleting a module with progress needs its own confirmation.
    await expect(deleteModule(db(), ada, { id: m1!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteModule(db(), ada, { id: m1!.id, confirmAffected: 2 });
    expect((await percentage(eHalf.id)).progressPercentage).toBe(0);
    expect(await percentage(eDone.id)).toMatchObject({ progressPercentage: 50, status: "COMPLETED" });
    const orders = await db()
      .select({ order: modules.order })
      .from(modules)
      .where(eq(modules.courseId, tree.course.id))
      .orderBy(asc(modules.order));
    expect(orders.map((o) => o.order)).toEqual([1, 2]);

    const actions = await db()
      .select({ action: auditLog.action, after: auditLog.after })
      .from(auditLog)
      .where(sql`${auditLog.entityId} IN (${l2!.id}, ${l3!.id}, ${m1!.id})`);
    expect(actions.map((a) => a.action).sort()).toEqual(["lesson.deleted", "lesson.moved", "module.deleted"]);
  });

  it("renders the live preview with the player's sanitizer", async () => {
    const ada = await instructor();
    const html = previewLessonMarkdown(ada, "# Title\n\n<script>alert(1)</script>[x](javascript:alert(1))");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
  });
});
