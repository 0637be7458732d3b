import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, courseInstructors, courses, mailOutbox } from "../db/schema";
import { addInstructor, createCourseTree, createUser } from "../db/seed/factories";
import { deleteCourse } from "./courses";
import { addCoInstructor, findCourseTeam, removeCoInstructor, transferCourseOwnership } from "./instructors";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const TEAM_FORBIDDEN = "Only the course's owner or an administrator can change its team.";

/** A course with an OWNER and one co-instructor (role INSTRUCTOR), plus an admin who is not on its team. */
async function courseWithTeam() {
  const owner = await createUser(db(), { role: "INSTRUCTOR" });
  const co = await createUser(db(), { role: "INSTRUCTOR" });
  const admin = await createUser(db(), { role: "ADMIN" });
  const { course } = await createCourseTree(db(), [1]);
  await addInstructor(db(), course.id, owner.id, "OWNER");
  await addInstructor(db(), course.id, co.id, "INSTRUCTOR");
  return { owner, co, admin, course };
}

const teamOf = async (courseId: string) =>
  (
    await db()
      .select({ userId: courseInstructors.userId, role: courseInstructors.role })
      .from(courseInstructors)
      .where(eq(courseInstructors.courseId, courseId))
  ).sort((a, b) => a.role.localeCompare(b.role) || a.userId.localeCompare(b.userId));

const ownersOf = async (courseId: string) =>
  (await teamOf(courseId)).filter((m) => m.role === "OWNER").map((m) => m.userId);

/** The parts of an error a caller sees. */
const shown = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; userMessage?: string; fields?: unknown };
    return { code: err.code, userMessage: err.userMessage, fields: err.fields };
  }
  throw new Error("expected a refusal");
};

describe("course team roles", () => {
  it("lets the owner add and remove co-instructors; the added instructor is told by e-mail", async () => {
    const { owner, co, course } = await courseWithTeam();
    const colleague = await createUser(db(), { role: "INSTRUCTOR" });
    expect(
      await addCoInstructor(db(), actorOf(owner), { courseId: course.id, email: colleague.email }),
    ).toEqual({ added: true });
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, colleague.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(course.title);
    expect(mails[0]!.text).toContain(`/instructor/courses/${course.id}`);
    await removeCoInstructor(db(), actorOf(owner), { courseId: course.id, userId: co.id });
    expect(await teamOf(course.id)).toEqual(
      [
        { userId: owner.id, role: "OWNER" },
        { userId: colleague.id, role: "INSTRUCTOR" },
      ].sort((a, b) => a.role.localeCompare(b.role) || a.userId.localeCompare(b.userId)),
    );
    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, course.id), eq(auditLog.actorId, owner.id)));
    expect(audit.map((a) => a.action).sort()).toEqual([
      "course.instructor_added",
      "course.instructor_removed",
    ]);
  });

  it("refuses (403) a co-instructor who adds someone, removes the owner or another co-instructor, or deletes the course", async () => {
    const { owner, co, course } = await courseWithTeam();
    const other = await createUser(db(), { role: "INSTRUCTOR" });
    await addInstructor(db(), course.id, other.id, "INSTRUCTOR");
    const outsider = await createUser(db(), { role: "INSTRUCTOR" });
    const before = await teamOf(course.id);
    const attempts = [
      () => addCoInstructor(db(), actorOf(co), { courseId: course.id, email: outsider.email }),
      () => removeCoInstructor(db(), actorOf(co), { courseId: course.id, userId: owner.id }),
      () => removeCoInstructor(db(), actorOf(co), { courseId: course.id, userId: other.id }),
      () => transferCourseOwnership(db(), actorOf(co), { courseId: course.id, userId: co.id }),
    ];
    for (const attempt of attempts) {
      expect(await shown(attempt())).toMatchObject({ code: "FORBIDDEN", userMessage: TEAM_FORBIDDEN });
    }
    expect(await shown(deleteCourse(db(), actorOf(co), course.id))).toMatchObject({
      code: "FORBIDDEN",
      userMessage: "Only the course's owner or an administrator can delete it.",
    });
    expect(await teamOf(course.id)).toEqual(before);
    expect(await db().select().from(courses).where(eq(courses.id, course.id))).toHaveLength(1);
  });

  it("is still not found (not forbidden) for an instructor who is not on the team", async () => {
    const { owner, course } = await courseWithTeam();
    const outsider = await createUser(db(), { role: "INSTRUCTOR" });
    for (const attempt of [
      () => removeCoInstructor(db(), actorOf(outsider), { courseId: course.id, userId: owner.id }),
      () => transferCourseOwnership(db(), actorOf(outsider), { courseId: course.id, userId: outsider.id }),
      () => deleteCourse(db(), actorOf(outsider), course.id),
    ]) {
      expect((await shown(attempt())).code).toBe("NOT_FOUND");
    }
  });

  it("lets an admin who is not on the team add and remove co-instructors and delete the course", async () => {
    const { co, admin, course } = await courseWithTeam();
    const colleague = await createUser(db(), { role: "INSTRUCTOR" });
    expect(
      await addCoInstructor(db(), actorOf(admin), { courseId: course.id, email: colleague.email }),
    ).toEqual({ added: true });
    await removeCoInstructor(db(), actorOf(admin), { courseId: course.id, userId: co.id });
    expect((await teamOf(course.id)).map((m) => m.userId)).not.toContain(co.id);
    await deleteCourse(db(), actorOf(admin), course.id);
    expect(await db().select().from(courses).where(eq(courses.id, course.id))).toEqual([]);
  });

  it("lets the owner delete the course", async () => {
    const { owner, course } = await courseWithTeam();
    await deleteCourse(db(), actorOf(owner), course.id);
    expect(await db().select().from(courses).where(eq(courses.id, course.id))).toEqual([]);
  });

  it("gives one answer for an unknown address and a student's, and a co-instructor one answer for any address", async () => {
    const { owner, co, course } = await courseWithTeam();
    const student = await createUser(db());
    const instructor = await createUser(db(), { role: "INSTRUCTOR" });
    const unknown = `nobody-${Date.now()}@example.com`;
    const asOwner = (email: string) =>
      shown(addCoInstructor(db(), actorOf(owner), { courseId: course.id, email }));
    const forUnknown = await asOwner(unknown);
    expect(forUnknown.code).toBe("INVALID_INPUT");
    expect(forUnknown.userMessage).not.toMatch(/student|no instructor account|not an instructor/i);
    expect(await asOwner(student.email)).toEqual(forUnknown);
    const asCo = (email: string) => shown(addCoInstructor(db(), actorOf(co), { courseId: course.id, email }));
    const coAnswers = [await asCo(unknown), await asCo(student.email), await asCo(instructor.email)];
    expect(coAnswers[0]).toMatchObject({ code: "FORBIDDEN", userMessage: TEAM_FORBIDDEN });
    expect(coAnswers[1]).toEqual(coAnswers[0]);
    expect(coAnswers[2]).toEqual(coAnswers[0]);
    expect((await teamOf(course.id)).map((m) => m.userId)).not.toContain(instructor.id);
  });

  it("never leaves a course without exactly one owner", async () => {
    const { owner, co, admin, course } = await courseWithTeam();
    // Nobody removes the owner: a co-instructor is forbidden, the owner and an admin must transfer first.
    expect(
      (await shown(removeCoInstructor(db(), actorOf(co), { courseId: course.id, userId: owner.id }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await shown(removeCoInstructor(db(), actorOf(owner), { courseId: course.id, userId: owner.id }))).code,
    ).toBe("CONFLICT");
    expect(
      (await shown(removeCoInstructor(db(), actorOf(admin), { courseId: course.id, userId: owner.id }))).code,
    ).toBe("CONFLICT");
    expect(await ownersOf(course.id)).toEqual([owner.id]);
    // Ownership moves, never duplicates: the former owner stays as a co-instructor.
    await transferCourseOwnership(db(), actorOf(owner), { courseId: course.id, userId: co.id });
    expect(await ownersOf(course.id)).toEqual([co.id]);
    expect((await teamOf(course.id)).find((m) => m.userId === owner.id)?.role).toBe("INSTRUCTOR");
    // The former owner has lost the right to change the team.
    expect(
      (await shown(removeCoInstructor(db(), actorOf(owner), { courseId: course.id, userId: co.id }))).code,
    ).toBe("FORBIDDEN");
    // An admin transfers too, and then may remove the former owner.
    await transferCourseOwnership(db(), actorOf(admin), { courseId: course.id, userId: owner.id });
    expect(await ownersOf(course.id)).toEqual([owner.id]);
    await transferCourseOwnership(db(), actorOf(admin), { courseId: course.id, userId: co.id });
    await removeCoInstructor(db(), actorOf(admin), { courseId: course.id, userId: owner.id });
    expect(await teamOf(course.id)).toEqual([{ userId: co.id, role: "OWNER" }]);
    // Ownership goes only to a member of the team.
    const outsider = await createUser(db(), { role: "INSTRUCTOR" });
    expect(
      (
        await shown(
          transferCourseOwnership(db(), actorOf(admin), { courseId: course.id, userId: outsider.id }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await ownersOf(course.id)).toEqual([co.id]);
    const audit = await db()
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, course.id), eq(auditLog.action, "course.owner_transferred")));
    expect(audit).toHaveLength(3);
  });

  it("lets a co-instructor leave the course, but not the owner", async () => {
    const { owner, co, course } = await courseWithTeam();
    await removeCoInstructor(db(), actorOf(co), { courseId: course.id, userId: co.id });
    expect(await teamOf(course.id)).toEqual([{ userId: owner.id, role: "OWNER" }]);
    expect((await shown(findCourseTeam(db(), actorOf(co), course.id))).code).toBe("NOT_FOUND");
    expect(
      (await shown(removeCoInstructor(db(), actorOf(owner), { courseId: course.id, userId: owner.id }))).code,
    ).toBe("CONFLICT");
  });

  it("says which members the viewer may remove", async () => {
    const { owner, co, admin, course } = await courseWithTeam();
    const removable = async (viewer: typeof owner) => {
      const team = await findCourseTeam(db(), actorOf(viewer), course.id);
      return {
        canManage: team.canManage,
        removable: team.members.filter((m) => m.canRemove).map((m) => m.userId),
      };
    };
    expect(await removable(owner)).toEqual({ canManage: true, removable: [co.id] });
    expect(await removable(co)).toEqual({ canManage: false, removable: [co.id] });
    expect(await removable(admin)).toEqual({ canManage: true, removable: [co.id] });
  });

  it.runIf(onPostgres)("keeps one owner when two admins transfer ownership at the same time", async () => {
    for (let round = 0; round < 5; round++) {
      const { co, admin, course } = await courseWithTeam();
      const co2 = await createUser(db(), { role: "INSTRUCTOR" });
      await addInstructor(db(), course.id, co2.id, "INSTRUCTOR");
      const admin2 = await createUser(db(), { role: "ADMIN" });
      await Promise.all([
        transferCourseOwnership(db(), actorOf(admin), { courseId: course.id, userId: co.id }),
        transferCourseOwnership(db(), actorOf(admin2), { courseId: course.id, userId: co2.id }),
      ]);
      expect(await ownersOf(course.id)).toHaveLength(1);
    }
  });
});
