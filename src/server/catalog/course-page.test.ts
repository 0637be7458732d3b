import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { addInstructor, createCourseTree, createUser } from "../db/seed/factories";
import { courseSlugRedirects } from "../db/schema";
import { findSlugRedirect, getCoursePage } from "./queries";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("course page visibility", () => {
  it("shows a published course to everyone, not as a draft", async () => {
    const { course } = await createCourseTree(database.db, [1], { published: true });
    expect(await getCoursePage(database.db, null, course.slug)).toMatchObject({ draft: false });
  });

  it("hides a draft from visitors and students, and shows it, marked, to its instructors and admins", async () => {
    const { course } = await createCourseTree(database.db, [1], { published: false });
    const student = await createUser(database.db);
    const teacher = await createUser(database.db, { role: "INSTRUCTOR" });
    const otherTeacher = await createUser(database.db, { role: "INSTRUCTOR" });
    const admin = await createUser(database.db, { role: "ADMIN" });
    await addInstructor(database.db, course.id, teacher.id);
    expect(await getCoursePage(database.db, null, course.slug)).toBeNull();
    expect(await getCoursePage(database.db, student, course.slug)).toBeNull();
    expect(await getCoursePage(database.db, otherTeacher, course.slug)).toBeNull();
    expect(await getCoursePage(database.db, teacher, course.slug)).toMatchObject({ draft: true });
    expect(await getCoursePage(database.db, admin, course.slug)).toMatchObject({ draft: true });
  });

  it("finds where an old slug moved to", async () => {
    const { course } = await createCourseTree(database.db, [1], { published: true });
    await database.db
      .insert(courseSlugRedirects)
      .values({ oldSlug: `old-${course.slug}`, courseId: course.id });
    expect(await findSlugRedirect(database.db, `old-${course.slug}`)).toBe(course.slug);
    expect(await findSlugRedirect(database.db, "never-existed")).toBeNull();
  });
});
