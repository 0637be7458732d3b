import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { addInstructor, createCourseTree, createUser } from "../db/seed/factories";
import { addCoInstructor, findCourseTeam, removeCoInstructor } from "./instructors";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("co-instructors", () => {
  it("adds an instructor by address, refuses students, and never removes the owner", async () => {
    const db = database.db;
    const owner = await createUser(db, { role: "INSTRUCTOR" });
    const colleague = await createUser(db, {
      role: "INSTRUCTOR",
      email: `colleague-${Date.now()}@example.com`,
    });
    const student = await createUser(db);
    const { course } = await createCourseTree(db, [1]);
    await addInstructor(db, course.id, owner.id, "OWNER");
    await expect(
      addCoInstructor(db, actorOf(owner), { courseId: course.id, email: student.email }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(
      await addCoInstructor(db, actorOf(owner), {
        courseId: course.id,
        email: colleague.email.toUpperCase(),
      }),
    ).toEqual({ added: true });
    expect((await findCourseTeam(db, actorOf(colleague), course.id)).members.map((m) => m.role)).toEqual([
      "OWNER",
      "INSTRUCTOR",
    ]);
    await removeCoInstructor(db, actorOf(owner), { courseId: course.id, userId: colleague.id });
    await expect(
      removeCoInstructor(db, actorOf(owner), { courseId: course.id, userId: owner.id }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("is not found for instructors of other courses and forbidden for students", async () => {
    const db = database.db;
    const outsider = await createUser(db, { role: "INSTRUCTOR" });
    const student = await createUser(db);
    const { course } = await createCourseTree(db, [1]);
    await expect(findCourseTeam(db, actorOf(outsider), course.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      addCoInstructor(db, actorOf(outsider), { courseId: course.id, email: outsider.email }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findCourseTeam(db, actorOf(student), course.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
