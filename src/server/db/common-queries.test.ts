import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import { getCourseOutlineBySlug } from "../catalog/queries";
import { findUserCourseProgress, getCompletion } from "../learning/course-progress";
import type { Database } from "./client";
import { queryRows } from "./rows";
import { modules, userProgress } from "./schema";
import { createCourse, createCourseTree, createUser, type CourseTree } from "./seed/factories";

// The founding document's "Common Queries", verbatim.
const DOC_COURSE_SQL = (slug: string) => sql`
SELECT 
    c.*,
    m.id as module_id, m.title as module_title, m.order as module_order,
    l.id as lesson_id, l.title as lesson_title, l.order as lesson_order
FROM courses c
LEFT JOIN modules m ON c.id = m.course_id
LEFT JOIN lessons l ON m.id = l.module_id
WHERE c.slug = ${slug}
ORDER BY m.order, l.order;`;

const DOC_PROGRESS_SQL = (userId: string, courseId: string) => sql`
SELECT 
    up.*,
    l.title as lesson_title,
    m.title as module_title
FROM user_progress up
LEFT JOIN lessons l ON up.lesson_id = l.id
LEFT JOIN modules m ON up.module_id = m.id
WHERE up.user_id = ${userId} AND up.course_id = ${courseId}
ORDER BY m.order, l.order;`;

const DOC_COMPLETION_SQL = (courseId: string, userId: string) => sql`
WITH course_lessons AS (
    SELECT COUNT(*) as total_lessons
    FROM lessons l
    JOIN modules m ON l.module_id = m.id
    WHERE m.course_id = ${courseId}
),
completed_lessons AS (
    SELECT COUNT(*) as completed_count
    FROM user_progress up
    JOIN lessons l ON up.lesson_id = l.id
    JOIN modules m ON l.module_id = m.id
    WHERE up.user_id = ${userId} 
    AND m.course_id = ${courseId} 
    AND up.completed = true
)
SELECT 
    ROUND((completed_count::decimal / total_lessons::decimal) * 100, 2) as completion_percentage
FROM course_lessons, completed_lessons;`;

let database: Database;
let tree: CourseTree;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // Modules inserted out of order, with lessons of different lengths, so ordering is really tested.
  tree = await createCourseTree(db, [3, 1, 2]);
  await db.update(modules).set({ order: 10 }).where(eq(modules.id, tree.modules[0]!.id));
  userId = (await createUser(db)).id;
  const done = [tree.modules[0]!.lessons[2]!, tree.modules[2]!.lessons[0]!];
  for (const lesson of done) {
    await db.insert(userProgress).values({
      userId,
      courseId: tree.course.id,
      moduleId: lesson.moduleId,
      lessonId: lesson.id,
      completed: true,
      completedAt: new Date(),
      timeSpent: 300,
    });
  }
  const started = tree.modules[1]!.lessons[0]!;
  await db.insert(userProgress).values({
    userId,
    courseId: tree.course.id,
    moduleId: started.moduleId,
    lessonId: started.id,
    timeSpent: 45,
  });
});
afterAll(async () => {
  await database?.close();
});

describe("course with modules and lessons", () => {
  it("returns, in one query, the same modules and lessons in the same order as the document's SQL", async () => {
    const outline = await getCourseOutlineBySlug(database.db, tree.course.slug);
    const docRows = await queryRows<{
      module_id: string;
      lesson_id: string | null;
      lesson_title: string | null;
    }>(database.db, DOC_COURSE_SQL(tree.course.slug));
    const ours = outline!.modules.flatMap((m) =>
      m.lessons.length ? m.lessons.map((l) => [m.id, l.id, l.title]) : [[m.id, null, null]],
    );
    expect(ours).toEqual(docRows.map((r) => [r.module_id, r.lesson_id, r.lesson_title]));
    expect(outline!.modules.map((m) => m.order)).toEqual([2, 3, 10]);
    expect(outline).toMatchObject({ id: tree.course.id, slug: tree.course.slug, title: tree.course.title });
    expect(JSON.stringify(outline)).not.toContain("Content."); // lesson content is never part of an outline
  });

  it("returns a course without modules, and null for an unknown slug, like the document's SQL", async () => {
    const empty = await createCourse(database.db);
    const outline = await getCourseOutlineBySlug(database.db, empty.slug);
    expect(outline).toMatchObject({ id: empty.id, modules: [] });
    expect(await queryRows(database.db, DOC_COURSE_SQL(empty.slug))).toHaveLength(1);
    expect(await getCourseOutlineBySlug(database.db, "no-such-course")).toBeNull();
  });

  it("leaves draft modules out when asked for what learners see", async () => {
    await database.db.update(modules).set({ published: false }).where(eq(modules.id, tree.modules[1]!.id));
    const outline = await getCourseOutlineBySlug(database.db, tree.course.slug, {
      publishedModulesOnly: true,
    });
    expect(outline!.modules.map((m) => m.id)).not.toContain(tree.modules[1]!.id);
    await database.db.update(modules).set({ published: true }).where(eq(modules.id, tree.modules[1]!.id));
  });
});

describe("a user's progress in a course", () => {
  it("returns the document's rows in the document's order", async () => {
    const ours = await findUserCourseProgress(database.db, userId, tree.course.id);
    const docRows = await queryRows<{
      id: string;
      lesson_title: string;
      module_title: string;
      time_spent: number;
    }>(database.db, DOC_PROGRESS_SQL(userId, tree.course.id));
    expect(ours.map((r) => [r.id, r.lessonTitle, r.moduleTitle, r.timeSpent])).toEqual(
      docRows.map((r) => [r.id, r.lesson_title, r.module_title, r.time_spent]),
    );
    expect(ours).toHaveLength(3);
  });
});

describe("completion percentage", () => {
  it("agrees with the document's SQL, rounded down to a whole percent", async () => {
    const ours = await getCompletion(database.db, userId, tree.course.id);
    const [doc] = await queryRows<{ completion_percentage: string }>(
      database.db,
      DOC_COMPLETION_SQL(tree.course.id, userId),
    );
    expect(doc!.completion_percentage).toBe("33.33"); // 2 of 6
    expect(ours).toEqual({ totalLessons: 6, completedLessons: 2, percentage: 33 });
    expect(ours.percentage).toBe(Math.floor(Number(doc!.completion_percentage)));
  });

  it("is 0 for a course without lessons, where the document's SQL divides by zero", async () => {
    const empty = await createCourse(database.db);
    await expect(queryRows(database.db, DOC_COMPLETION_SQL(empty.id, userId))).rejects.toThrow();
    expect(await getCompletion(database.db, userId, empty.id)).toEqual({
      totalLessons: 0,
      completedLessons: 0,
      percentage: 0,
    });
  });

  it("reaches 100 only when every lesson is complete", async () => {
    const u = await createUser(database.db);
    const t = await createCourseTree(database.db, [3]);
    for (const [i, lesson] of t.lessons.entries()) {
      const before = await getCompletion(database.db, u.id, t.course.id);
      expect(before.percentage).toBe([0, 33, 66][i]);
      await database.db.insert(userProgress).values({
        userId: u.id,
        courseId: t.course.id,
        moduleId: lesson.moduleId,
        lessonId: lesson.id,
        completed: true,
        completedAt: new Date(),
      });
    }
    expect((await getCompletion(database.db, u.id, t.course.id)).percentage).toBe(100);
  });
});
