import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { createCourse, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { courseReviews } from "../db/schema";
import { setLessonProgress } from "./progress";
import { findNextCourses, getCompletion, linkedInAddToProfileUrl } from "./completion";
import { setMyName } from "../accounts/profile";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

describe("a finished course", () => {
  it("is nothing until the enrollment completes; then it waits for a name, which issues the certificate", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const user = await createUser(db(), { name: null, emailVerified: new Date() });
    const me = actorOf(user);
    await createEnrollment(db(), user.id, tree.course.id);
    expect(await getCompletion(db(), me, tree.course.id)).toBeNull();

    const result = await setLessonProgress(db(), me, tree.lessons[0]!.id, { completed: true });
    expect(result).toMatchObject({ courseCompletedNow: true, certificateIssued: false });
    const waiting = await getCompletion(db(), me, tree.course.id);
    expect(waiting).toMatchObject({ waitingFor: "name", certificate: null, recent: true, reviewed: false });
    expect(waiting!.completedAt).toBeInstanceOf(Date);

    await expect(setMyName(db(), me, "  ")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await setMyName(db(), me, "Ada Learner");
    const issued = await getCompletion(db(), me, tree.course.id);
    expect(issued).toMatchObject({ waitingFor: null, certificate: { revoked: false } });
    expect(issued!.certificate!.number).toMatch(/^AIW-/);
    expect(issued!.certificate!.verificationUrl).toContain(`/certificates/${issued!.certificate!.number}`);

    await db().insert(courseReviews).values({ userId: user.id, courseId: tree.course.id, rating: 5 });
    expect((await getCompletion(db(), me, tree.course.id))!.reviewed).toBe(true);
    // Completing it again (a lesson unmarked and marked) is not a new completion.
    await setLessonProgress(db(), me, tree.lessons[0]!.id, { completed: false });
    expect(
      (await setLessonProgress(db(), me, tree.lessons[0]!.id, { completed: true })).courseCompletedNow,
    ).toBe(false);
  });

  it("waits for a confirmed address when the name is there", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const user = await createUser(db(), { emailVerified: null });
    await createEnrollment(db(), user.id, tree.course.id);
    await setLessonProgress(db(), actorOf(user), tree.lessons[0]!.id, { completed: true });
    expect(await getCompletion(db(), actorOf(user), tree.course.id)).toMatchObject({ waitingFor: "email" });
  });

  it("suggests the most popular published courses the learner has not enrolled in", async () => {
    const user = await createUser(db(), { emailVerified: new Date() });
    const mine = await createCourse(db(), { published: true, enrollmentCount: 900_000 });
    await createEnrollment(db(), user.id, mine.id);
    await createCourse(db(), { published: false, enrollmentCount: 800_000 });
    const top = await createCourse(db(), { published: true, enrollmentCount: 700_000 });
    const second = await createCourse(db(), { published: true, enrollmentCount: 600_000 });
    const next = await findNextCourses(db(), actorOf(user), 2);
    expect(next.map((c) => c.slug)).toEqual([top.slug, second.slug]);
  });

  it("builds LinkedIn's add-to-profile address from the certificate", () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        courseTitle: "AI & You",
        number: "AIW-2026-ABCD-EFGH-JKM0",
        issuedAt: new Date("2026-03-05T10:00:00Z"),
        verificationUrl: "https://learn.example.com/certificates/AIW-2026-ABCD-EFGH-JKM0",
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "AI & You",
      organizationName: "AI Whisperers",
      issueYear: "2026",
      issueMonth: "3",
      certUrl: "https://learn.example.com/certificates/AIW-2026-ABCD-EFGH-JKM0",
      certId: "AIW-2026-ABCD-EFGH-JKM0",
    });
  });
});
