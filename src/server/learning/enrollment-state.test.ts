import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import { changeEnrollmentStatus } from "../admin/enrollments";
import type { Database } from "../db/client";
import { certificates, enrollments, payments } from "../db/schema";
import { createCourseTree, createEnrollment, createLesson, createUser } from "../db/seed/factories";
import { applyPaymentEvent } from "../payments/fulfil";
import {
  completionPercentage,
  grantEnrollment,
  recomputeEnrollmentProgress,
  setDisputeHold,
  setEnrollmentSuspended,
} from "./enrollment-state";
import { setLessonProgress } from "./progress";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());
const db = () => database.db;

const enrollmentOf = async (userId: string, courseId: string) =>
  (
    await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)))
  )[0]!;
const certificateOf = async (userId: string, courseId: string) =>
  (
    await db()
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId)))
  )[0];

/** A completed purchase through the payment state machine, as a provider's notification would make it. */
async function buy(userId: string, courseId: string, amount: number, n: number) {
  const [p] = await db()
    .insert(payments)
    .values({
      userId,
      courseId,
      amount,
      currency: "USD",
      provider: "demo",
      checkoutSessionId: `cs_${n}_${userId}`,
    })
    .returning();
  const outcome = await applyPaymentEvent(db(), "demo", {
    kind: "completed",
    eventId: `evt_paid_${n}_${userId}`,
    type: "checkout.session.completed",
    paymentId: p!.id,
    sessionId: p!.checkoutSessionId!,
    transactionId: `pi_${n}_${userId}`,
    amount,
    currency: "USD",
  });
  expect(outcome.applied).toBe(true);
  return p!;
}

async function refund(paymentId: string, transactionId: string, amount: number) {
  const outcome = await applyPaymentEvent(db(), "demo", {
    kind: "refunded",
    eventId: `evt_refund_${paymentId}`,
    type: "charge.refunded",
    transactionId,
    amount,
    amountRefunded: amount,
    currency: "USD",
    paymentId,
  });
  expect(outcome.applied).toBe(true);
}

describe("enrollment state", () => {
  it("rounds the percentage down, so 100 means every lesson is done", () => {
    expect(completionPercentage(2, 3)).toBe(66);
    expect(completionPercentage(0, 0)).toBe(0);
    expect(completionPercentage(3, 3)).toBe(100);
  });

  it("reopens a completed course bought again after a refund as COMPLETED, even after a new lesson lowered its percentage", async () => {
    // The two reopen rules used to disagree here: the payment path looked at the percentage (now below 100),
    // the admin path at completed_at. Completion is permanent: both now follow completed_at.
    const student = await createUser(db(), { name: "Robin Rebuy", emailVerified: new Date() });
    const tree = await createCourseTree(db(), [2], { published: true, price: 4900 });
    const first = await buy(student.id, tree.course.id, 4900, 1);
    for (const lesson of tree.lessons) {
      await setLessonProgress(db(), actorOf(student), lesson.id, { completed: true });
    }
    const completed = await enrollmentOf(student.id, tree.course.id);
    expect(completed).toMatchObject({ status: "COMPLETED", progressPercentage: 100 });
    expect(await certificateOf(student.id, tree.course.id)).toMatchObject({ revokedAt: null });

    // The instructor adds a lesson: the percentage drops, the completion stays.
    await createLesson(db(), tree.modules[0]!.id, 3);
    await db().transaction((tx) => recomputeEnrollmentProgress(tx, tree.course.id));
    expect(await enrollmentOf(student.id, tree.course.id)).toMatchObject({
      status: "COMPLETED",
      progressPercentage: 66,
    });

    await refund(first.id, `pi_1_${student.id}`, 4900);
    expect((await enrollmentOf(student.id, tree.course.id)).status).toBe("REFUNDED");
    expect((await certificateOf(student.id, tree.course.id))?.revokedAt).not.toBeNull();

    await buy(student.id, tree.course.id, 4900, 2);
    const reopened = await enrollmentOf(student.id, tree.course.id);
    expect(reopened).toMatchObject({ status: "COMPLETED", progressPercentage: 66 });
    expect(reopened.completedAt?.getTime()).toBe(completed.completedAt?.getTime());
    expect((await certificateOf(student.id, tree.course.id))?.revokedAt).toBeNull();

    // The admin path gives the same answer for the same enrollment.
    const admin = await createUser(db(), { role: "ADMIN" });
    await changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: reopened.id, action: "suspend" });
    await changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: reopened.id, action: "reinstate" });
    expect((await enrollmentOf(student.id, tree.course.id)).status).toBe("COMPLETED");
  });

  it("reopens a refunded enrollment that was never completed as ACTIVE, with its progress kept", async () => {
    const student = await createUser(db(), { name: "Ari Again", emailVerified: new Date() });
    const tree = await createCourseTree(db(), [2], { published: true, price: 1900 });
    const first = await buy(student.id, tree.course.id, 1900, 1);
    await setLessonProgress(db(), actorOf(student), tree.lessons[0]!.id, { completed: true });
    await refund(first.id, `pi_1_${student.id}`, 1900);
    await buy(student.id, tree.course.id, 1900, 2);
    expect(await enrollmentOf(student.id, tree.course.id)).toMatchObject({
      status: "ACTIVE",
      progressPercentage: 50,
      completedAt: null,
    });
  });

  it("grants once: a repeat changes nothing, and a suspended enrollment is not reopened by a grant", async () => {
    const student = await createUser(db());
    const tree = await createCourseTree(db(), [1], { published: true });
    const a = await db().transaction((tx) => grantEnrollment(tx, student.id, tree.course.id));
    const b = await db().transaction((tx) => grantEnrollment(tx, student.id, tree.course.id));
    expect([a.created, a.changed, b.created, b.changed]).toEqual([true, true, false, false]);
    const other = await createUser(db());
    await createEnrollment(db(), other.id, tree.course.id, { status: "SUSPENDED" });
    const c = await db().transaction((tx) => grantEnrollment(tx, other.id, tree.course.id));
    expect(c).toMatchObject({ created: false, changed: false, enrollment: { status: "SUSPENDED" } });
  });

  it("keeps a suspension while any hold remains: an admin cannot lift a dispute's, a dispute's end keeps an admin's", async () => {
    const student = await createUser(db());
    const tree = await createCourseTree(db(), [1], { published: true });
    // Suspended before holds were recorded (or by a seed): an admin's suspension.
    const legacy = await createEnrollment(db(), student.id, tree.course.id, { status: "SUSPENDED" });
    const held = await db().transaction((tx) => setDisputeHold(tx, student.id, tree.course.id, true));
    expect(held).toMatchObject({ before: "SUSPENDED", after: "SUSPENDED", holds: ["ADMIN", "DISPUTE"] });
    await expect(
      db().transaction((tx) => setEnrollmentSuspended(tx, legacy.id, false)),
    ).rejects.toMatchObject({ code: "CONFLICT", status: 409 });
    await db().transaction((tx) => setDisputeHold(tx, student.id, tree.course.id, false));
    expect(await enrollmentOf(student.id, tree.course.id)).toMatchObject({
      status: "SUSPENDED",
      suspensionReasons: ["ADMIN"],
    });
    const reinstated = await db().transaction((tx) => setEnrollmentSuspended(tx, legacy.id, false));
    expect(reinstated).toMatchObject({ after: "ACTIVE", holds: [], changed: true });
    expect(await enrollmentOf(student.id, tree.course.id)).toMatchObject({
      status: "ACTIVE",
      suspensionReasons: [],
    });
    // A refunded enrollment takes no dispute hold (the payment's refund already ended access).
    await db().update(enrollments).set({ status: "REFUNDED" }).where(eq(enrollments.id, legacy.id));
    expect(await db().transaction((tx) => setDisputeHold(tx, student.id, tree.course.id, true))).toBeNull();
  });
});
