import { randomBytes } from "node:crypto";
import type { Db } from "../types";
import {
  courseInstructors,
  courses,
  enrollments,
  lessons,
  modules,
  users,
  type Course,
  type Enrollment,
  type Lesson,
  type Module,
  type NewCourse,
  type NewEnrollment,
  type NewLesson,
  type NewModule,
  type NewUser,
  type User,
} from "../schema";

/**
 * Factories: unique, valid rows with sensible defaults, overridable field by field. The demo catalogue
 * and the tests both build on them (DESIGN.md convention 9).
 */

const unique = () => randomBytes(5).toString("hex");

export async function createUser(db: Db, overrides: Partial<NewUser> = {}): Promise<User> {
  const u = unique();
  const [row] = await db
    .insert(users)
    .values({ email: `user-${u}@example.com`, name: `Test User ${u}`, ...overrides })
    .returning();
  return row!;
}

export async function createCourse(db: Db, overrides: Partial<NewCourse> = {}): Promise<Course> {
  const u = unique();
  const [row] = await db
    .insert(courses)
    .values({
      title: `Course ${u}`,
      slug: `course-${u}`,
      description: `A course about topic ${u}.`,
      price: 0,
      duration: 0,
      difficulty: "BEGINNER",
      learningObjectives: [`Explain topic ${u}`],
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createModule(
  db: Db,
  courseId: string,
  order: number,
  overrides: Partial<NewModule> = {},
): Promise<Module> {
  const [row] = await db
    .insert(modules)
    .values({
      courseId,
      order,
      title: `Module ${order}`,
      description: `Module ${order} of the course.`,
      duration: 0,
      ...overrides,
    })
    .returning();
  return row!;
}

export async function createLesson(
  db: Db,
  moduleId: string,
  order: number,
  overrides: Partial<NewLesson> = {},
): Promise<Lesson> {
  const [row] = await db
    .insert(lessons)
    .values({
      moduleId,
      order,
      title: `Lesson ${order}`,
      content: `## Lesson ${order}\n\nContent.`,
      duration: 10,
      ...overrides,
    })
    .returning();
  return row!;
}

export interface CourseTree {
  course: Course;
  modules: (Module & { lessons: Lesson[] })[];
  lessons: Lesson[];
}

/**
 * A course with `shape[i]` lessons in module i+1 (all 10 minutes unless given), durations summed into
 * modules and the course as the platform keeps them.
 */
export async function createCourseTree(
  db: Db,
  shape: number[] = [2, 2],
  overrides: Partial<NewCourse> = {},
  lessonMinutes = 10,
): Promise<CourseTree> {
  const total = shape.reduce((a, n) => a + n * lessonMinutes, 0);
  const course = await createCourse(db, { duration: total, ...overrides });
  const tree: CourseTree = { course, modules: [], lessons: [] };
  for (const [i, count] of shape.entries()) {
    const mod = await createModule(db, course.id, i + 1, { duration: count * lessonMinutes });
    const modLessons: Lesson[] = [];
    for (let j = 1; j <= count; j++)
      modLessons.push(await createLesson(db, mod.id, j, { duration: lessonMinutes }));
    tree.modules.push({ ...mod, lessons: modLessons });
    tree.lessons.push(...modLessons);
  }
  return tree;
}

export async function addInstructor(
  db: Db,
  courseId: string,
  userId: string,
  role: "OWNER" | "INSTRUCTOR" = "OWNER",
) {
  await db.insert(courseInstructors).values({ courseId, userId, role });
}

export async function createEnrollment(
  db: Db,
  userId: string,
  courseId: string,
  overrides: Partial<NewEnrollment> = {},
): Promise<Enrollment> {
  const [row] = await db
    .insert(enrollments)
    .values({ userId, courseId, ...overrides })
    .returning();
  return row!;
}
