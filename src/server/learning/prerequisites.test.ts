import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, coursePrerequisites, enrollments } from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { updateCourse } from "../authoring/courses";
import { startCheckout } from "../payments/checkout";
import { DemoProvider } from "../payments/demo-provider";
import { enrollInCourse } from "./enroll";
import { grantPrerequisiteException, missingPrerequisites, savePrerequisites } from "./prerequisites";

let database: Database;
const demo = new DemoProvider("http://localhost:3000", "whsec_prerequisite_tests");
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 6 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

/** The course's editable details as the form sends them, with its required courses. */
async function requireCourses(actor: ReturnType<typeof actorOf>, course: { id: string }, ids: string[]) {
  const [row] = await db().query.courses.findMany({ where: (c, { eq: is }) => is(c.id, course.id) });
  return updateCourse(db(), actor, {
    courseId: course.id,
    title: row!.title,
    slug: row!.slug,
    description: row!.description || "A course.",
    price: String(row!.price / 100),
    difficulty: row!.difficulty,
    imageUrl: "",
    metaTitle: "",
    metaDescription: "",
    learningObjectives: [],
    prerequisites: [],
    prerequisiteCourseIds: ids,
  });
}

async function threeCourses() {
  const owner = await createUser(db(), { role: "INSTRUCTOR" });
  const make = async (price = 0) => {
    const tree = await createCourseTree(db(), [1], { published: true, price });
    await addInstructor(db(), tree.course.id, owner.id, "OWNER");
    return tree.course;
  };
  return { owner: actorOf(owner), a: await make(), b: await make(), c: await make(4900) };
}

describe("prerequisites", () => {
  it("refuses enrolling or buying until the required courses are completed, naming them", async () => {
    const { owner, a, b, c } = await threeCourses();
    await requireCourses(owner, b, [a.id]);
    await requireCourses(owner, c, [a.id]);
    const student = await createUser(db(), { emailVerified: new Date() });
    const refusal = await enrollInCourse(db(), actorOf(student), b.slug).catch((e) => e);
    expect(refusal).toMatchObject({
      code: "PREREQUISITES_NOT_MET",
      status: 409,
      errorDetails: { missing: [{ id: a.id, slug: a.slug, title: a.title }] },
    });
    expect(refusal.userMessage).toContain(a.title);
    await expect(startCheckout(db(), actorOf(student), c.slug, demo)).rejects.toMatchObject({
      code: "PREREQUISITES_NOT_MET",
    });
    // Nothing was written.
    expect(await db().select().from(enrollments).where(eq(enrollments.userId, student.id))).toHaveLength(0);
    await createEnrollment(db(), student.id, a.id, { status: "COMPLETED", completedAt: new Date() });
    expect(await missingPrerequisites(db(), student.id, b.id)).toEqual([]);
    expect((await enrollInCourse(db(), actorOf(student), b.slug)).created).toBe(true);
    expect((await startCheckout(db(), actorOf(student), c.slug, demo)).kind).toBe("checkout");
  });

  it("lets students enrolled before a prerequisite was added keep their access", async () => {
    const { owner, a, b } = await threeCourses();
    const student = await createUser(db(), { emailVerified: new Date() });
    await enrollInCourse(db(), actorOf(student), b.slug);
    await requireCourses(owner, b, [a.id]);
    expect((await enrollInCourse(db(), actorOf(student), b.slug)).created).toBe(false);
  });

  it("refuses a circle of prerequisites on save, naming it, and changes nothing", async () => {
    const { owner, a, b, c } = await threeCourses();
    await requireCourses(owner, b, [a.id]);
    await requireCourses(owner, c, [b.id]);
    const refusal = await requireCourses(owner, a, [c.id]).catch((e) => e);
    expect(refusal).toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "prerequisiteCourseIds" }] });
    expect(refusal.userMessage).toContain(
      `“${a.title}” requires “${c.title}” requires “${b.title}” requires “${a.title}”`,
    );
    expect(
      await db().select().from(coursePrerequisites).where(eq(coursePrerequisites.courseId, a.id)),
    ).toEqual([]);
    await expect(requireCourses(owner, a, [a.id])).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const draft = await createCourseTree(db(), [1], { published: false });
    await expect(requireCourses(owner, a, [draft.course.id])).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    // Removing and replacing works, and is audited.
    await requireCourses(owner, c, []);
    await requireCourses(owner, a, [c.id]);
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, a.id));
    expect(entries.some((e) => JSON.stringify(e.after).includes(c.id))).toBe(true);
  });

  it("lets an admin grant one student an exception, audited once", async () => {
    const { owner, a, b } = await threeCourses();
    await requireCourses(owner, b, [a.id]);
    const admin = actorOf(await createUser(db(), { role: "ADMIN" }));
    const student = await createUser(db());
    await expect(grantPrerequisiteException(db(), owner, b.id, { userId: student.id })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    const first = await grantPrerequisiteException(db(), admin, b.id, { userId: student.id });
    const again = await grantPrerequisiteException(db(), admin, b.id, { userId: student.id });
    expect([first.created, again.created]).toEqual([true, false]);
    await expect(grantPrerequisiteException(db(), admin, b.id, { userId: "nobody" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect((await enrollInCourse(db(), actorOf(student), b.slug)).created).toBe(true);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "course.prerequisite_exception_granted"));
    expect(audits.filter((e) => e.entityId === b.id)).toHaveLength(1);
  });

  it.skipIf(!onPostgres)("never lets two editors close a circle between them", async () => {
    const { a, b } = await threeCourses();
    // The first editor's transaction holds its change uncommitted for a moment while the second saves the
    // opposite requirement: the second must wait for it, see it, and be refused.
    const first = db().transaction(async (tx) => {
      await savePrerequisites(tx, a.id, [b.id]);
      await new Promise((r) => setTimeout(r, 400));
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = db().transaction((tx) => savePrerequisites(tx, b.id, [a.id]));
    const outcomes = await Promise.allSettled([first, second]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: "INVALID_INPUT" });
  });
});
