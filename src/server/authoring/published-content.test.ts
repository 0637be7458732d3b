import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, courses, lessons, modules } from "../db/schema";
import { addInstructor, createCourseTree, createUser, type CourseTree } from "../db/seed/factories";
import type { Actor } from "../accounts/actor";
import { findPublishProblems, publishCourse } from "./courses";
import { updateLesson } from "./lessons";
import {
  createLesson,
  createModule,
  deleteLesson,
  deleteModule,
  moveLesson,
  updateModule,
} from "./structure";

// "Published courses must have complete content" (the founding document), kept true at all times, not only
// when publishing: docs/decisions.md, Authoring, "Published courses stay complete".

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const instructor = async () => actorOf(await createUser(db(), { role: "INSTRUCTOR" }));

async function ownedTree(owner: Actor, shape: number[], published: boolean): Promise<CourseTree> {
  const tree = await createCourseTree(db(), shape, { published });
  await addInstructor(db(), tree.course.id, owner.id);
  return tree;
}

const lessonInput = (lessonId: string, content: string) => ({
  lessonId,
  title: "Edited",
  lessonType: "TEXT" as const,
  duration: 10,
  content,
});

/** The refusal a change gets when it would leave a published course incomplete. */
const refusal = (problem: string) => ({
  code: "CONFLICT",
  userMessage: expect.stringContaining(
    `Not saved: the course is published, and this change would leave it incomplete. ${problem}`,
  ),
});

const problemsOf = async (courseId: string) =>
  (await findPublishProblems(db(), courseId)).map((p) => p.message);

const lessonsOf = async (moduleId: string) =>
  db()
    .select({ id: lessons.id, content: lessons.content })
    .from(lessons)
    .where(eq(lessons.moduleId, moduleId))
    .orderBy(asc(lessons.order));

const moduleRow = async (id: string) => (await db().select().from(modules).where(eq(modules.id, id)))[0]!;

describe("a published course stays complete", () => {
  it("creates new modules of a published course as drafts, and publishes one only when it is complete", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [2], true);
    const added = await createModule(db(), ada, {
      courseId: tree.course.id,
      title: "Extras",
      published: true,
    });
    expect(added.published).toBe(false);
    expect((await moduleRow(added.id)).published).toBe(false);
    expect(await problemsOf(tree.course.id)).toEqual([]);

    await expect(
      updateModule(db(), ada, { moduleId: added.id, title: "Extras", published: true }),
    ).rejects.toMatchObject({
      ...refusal("Module “Extras” has no lessons."),
      fields: [{ path: added.id, message: "Module “Extras” has no lessons." }],
    });
    const draftLesson = await createLesson(db(), ada, { moduleId: added.id, title: "Tips" });
    const err = await updateModule(db(), ada, { moduleId: added.id, title: "Extras", published: true }).catch(
      (e) => e,
    );
    expect(err).toMatchObject(refusal("Lesson “Tips” in “Extras” has no content."));
    expect(err.userMessage).toContain(
      "Give the module lessons with content while it is a draft, then publish it.",
    );
    expect((await moduleRow(added.id)).published).toBe(false);
    expect(await problemsOf(tree.course.id)).toEqual([]);

    await updateLesson(db(), ada, lessonInput(draftLesson.id, "# Tips"));
    await updateModule(db(), ada, { moduleId: added.id, title: "Extras", published: true });
    expect((await moduleRow(added.id)).published).toBe(true);
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("leaves drafts alone: a draft course takes empty modules and lessons as before", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1], false);
    const added = await createModule(db(), ada, { courseId: tree.course.id, title: "Empty" });
    expect(added.published).toBe(true);
    await createLesson(db(), ada, { moduleId: tree.modules[0]!.id, title: "Blank" });
    await updateLesson(db(), ada, lessonInput(tree.lessons[0]!.id, ""));
    expect(await problemsOf(tree.course.id)).toHaveLength(3);
  });

  it("refuses an empty lesson in a published module of a published course, not in a draft module", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1], true);
    const m = tree.modules[0]!;
    const err = await createLesson(db(), ada, { moduleId: m.id, title: "Soon" }).catch((e) => e);
    expect(err).toMatchObject(refusal("Lesson “Soon” in “Module 1” has no content."));
    expect(err.userMessage).toContain("Add the lesson to a draft module");
    expect(await lessonsOf(m.id)).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "lesson.created"));
    expect(audit.filter((a) => (a.after as { moduleId?: string }).moduleId === m.id)).toEqual([]);

    const draft = await createModule(db(), ada, { courseId: tree.course.id, title: "Workshop" });
    await expect(createLesson(db(), ada, { moduleId: draft.id, title: "Soon" })).resolves.toHaveProperty(
      "id",
    );
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("refuses to save a published lesson's content empty (or only white space)", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [2], true);
    const lesson = tree.lessons[0]!;
    for (const content of ["", "  \n\t\r\n "]) {
      await expect(updateLesson(db(), ada, lessonInput(lesson.id, content))).rejects.toMatchObject({
        ...refusal("Lesson “Edited” in “Module 1” has no content."),
        fields: [{ path: "content", message: "Lesson “Edited” in “Module 1” has no content." }],
      });
    }
    const [row] = await db().select().from(lessons).where(eq(lessons.id, lesson.id));
    expect(row).toMatchObject({ title: lesson.title, content: lesson.content });
    await updateLesson(db(), ada, lessonInput(lesson.id, "Rewritten."));
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("refuses to delete the last lesson of a published module, before asking for any confirmation", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [2, 1], true);
    const [m1, m2] = tree.modules;
    await deleteLesson(db(), ada, { id: m1!.lessons[0]!.id });
    await expect(deleteLesson(db(), ada, { id: m1!.lessons[1]!.id })).rejects.toMatchObject(
      refusal("Module “Module 1” has no lessons."),
    );
    await expect(
      deleteLesson(db(), ada, { id: m2!.lessons[0]!.id, confirmAffected: 3 }),
    ).rejects.toMatchObject(refusal("Module “Module 2” has no lessons."));
    expect(await lessonsOf(m1!.id)).toHaveLength(1);
    expect(await lessonsOf(m2!.id)).toHaveLength(1);
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("refuses to move the last lesson out of a published module, or a lesson without content into one", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1, 1], true);
    const [m1, m2] = tree.modules;
    await expect(
      moveLesson(db(), ada, { lessonId: m1!.lessons[0]!.id, toModuleId: m2!.id }),
    ).rejects.toMatchObject(refusal("Module “Module 1” has no lessons."));

    const draft = await createModule(db(), ada, { courseId: tree.course.id, title: "Workshop" });
    const blank = await createLesson(db(), ada, { moduleId: draft.id, title: "Blank" });
    await expect(moveLesson(db(), ada, { lessonId: blank.id, toModuleId: m2!.id })).rejects.toMatchObject(
      refusal("Lesson “Blank” in “Module 2” has no content."),
    );
    expect(await lessonsOf(m2!.id)).toHaveLength(1);

    // Written in the draft module, it moves in; the published modules keep a lesson each.
    await updateLesson(db(), ada, lessonInput(blank.id, "Ready."));
    await expect(moveLesson(db(), ada, { lessonId: blank.id, toModuleId: m2!.id })).resolves.toEqual({
      moved: true,
    });
    await expect(
      moveLesson(db(), ada, { lessonId: m2!.lessons[0]!.id, toModuleId: m1!.id }),
    ).resolves.toEqual({ moved: true });
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("keeps a published module published, or deleted, only while another complete one remains", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1], true);
    const only = tree.modules[0]!;
    const advice = "publish another module first, or unpublish the course.";
    const drafted = await updateModule(db(), ada, {
      moduleId: only.id,
      title: "Module 1",
      published: false,
    }).catch((e) => e);
    expect(drafted).toMatchObject(refusal("Add at least one published module."));
    expect(drafted.userMessage).toContain(advice);
    await expect(deleteModule(db(), ada, { id: only.id })).rejects.toMatchObject(
      refusal("Add at least one published module."),
    );
    expect((await moduleRow(only.id)).published).toBe(true);

    // With a second complete module published, either change is fine.
    const second = await createModule(db(), ada, { courseId: tree.course.id, title: "Second" });
    const l = await createLesson(db(), ada, { moduleId: second.id, title: "Two" });
    await updateLesson(db(), ada, lessonInput(l.id, "Two."));
    await updateModule(db(), ada, { moduleId: second.id, title: "Second", published: true });
    await updateModule(db(), ada, { moduleId: only.id, title: "Module 1", published: false });
    await deleteModule(db(), ada, { id: only.id });
    expect(await problemsOf(tree.course.id)).toEqual([]);
  });

  it("does not blame a change for problems the course already had, so it can be repaired step by step", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [2, 1], true);
    const [l1, l2] = tree.lessons;
    // Broken behind the services' back (raw SQL, or published before the rule was kept).
    await db().update(lessons).set({ content: "" }).where(eq(lessons.id, l1!.id));
    await db().update(lessons).set({ content: " " }).where(eq(lessons.id, l2!.id));
    expect(await problemsOf(tree.course.id)).toHaveLength(2);
    await updateLesson(db(), ada, lessonInput(l1!.id, "Fixed."));
    await updateLesson(db(), ada, { ...lessonInput(l2!.id, ""), title: "Still empty, renamed" });
    expect(await problemsOf(tree.course.id)).toEqual([
      "Lesson “Still empty, renamed” in “Module 1” has no content.",
    ]);
    // …but a new problem is still refused.
    await expect(updateLesson(db(), ada, lessonInput(tree.lessons[2]!.id, ""))).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("publishes only by the same definition: white space is no content", async () => {
    const ada = await instructor();
    const tree = await ownedTree(ada, [1], false);
    await updateLesson(db(), ada, lessonInput(tree.lessons[0]!.id, "\n\n\t"));
    await expect(publishCourse(db(), ada, tree.course.id)).rejects.toMatchObject({
      code: "CONFLICT",
      fields: [{ path: tree.lessons[0]!.id, message: "Lesson “Edited” in “Module 1” has no content." }],
    });
    const [c] = await db().select().from(courses).where(eq(courses.id, tree.course.id));
    expect(c!.published).toBe(false);
  });

  it("refuses one of two concurrent deletions that together would empty a published module", async () => {
    const ada = await instructor();
    for (let round = 0; round < 5; round++) {
      const tree = await ownedTree(ada, [2], true);
      const [a, b] = tree.lessons;
      const results = await Promise.allSettled([
        deleteLesson(db(), ada, { id: a!.id }),
        deleteLesson(db(), ada, { id: b!.id }),
      ]);
      const rejected = results.filter((r) => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      expect(await lessonsOf(tree.modules[0]!.id)).toHaveLength(1);
      expect(await problemsOf(tree.course.id)).toEqual([]);
    }
  });
});
