import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Actor } from "../accounts/actor";
import { eraseMyAccount } from "../accounts/erase";
import { reviewSubmission } from "../assessments/assignment-reviews";
import { saveAssignment } from "../assessments/assignment-authoring";
import { handIn, saveDraft } from "../assessments/assignments";
import { startAttempt, submitAttempt } from "../assessments/attempts";
import { getQuizForAuthor, saveQuiz } from "../assessments/quiz-authoring";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import {
  assignmentSubmissions,
  certificates,
  coupons,
  enrollments,
  lessons,
  payments,
  quizAttempts,
  users,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from "../db/schema";
import { addInstructor, createCourseTree, createUser, type CourseTree } from "../db/seed/factories";
import { enrollInCourse } from "../learning/enroll";
import { setLessonProgress } from "../learning/progress";
import { startCheckout } from "../payments/checkout";
import { DemoProvider } from "../payments/demo-provider";
import { refundPayment } from "../payments/refund";
import { handleNotification } from "../payments/webhook";
import { saveReview } from "../reviews/write-review";
import { WEBHOOK_EVENT_SCHEMAS } from "./events";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const demo = new DemoProvider("http://localhost:3000", "whsec_outbox_tests");

type Emitted = {
  id: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
};

/** Every outbox event about this user (each payload carries its userId). */
const eventsOf = (userId: string) =>
  queryRows<Emitted>(
    db(),
    sql`SELECT id, type, payload FROM webhook_events WHERE payload ->> 'userId' = ${userId}
        ORDER BY created_at, id`,
  );

const countOf = async (userId: string, type: WebhookEventType) =>
  (await eventsOf(userId)).filter((e) => e.type === type).length;

/** An endpoint row as the admin pages would store it (the secret's ciphertext is not read here). */
async function endpoint(events: readonly string[], enabled = true) {
  const [row] = await db()
    .insert(webhookEndpoints)
    .values({
      url: "https://receiver.example.com/hook",
      events: [...events],
      secretCiphertext: "test",
      enabled,
      ...(enabled ? {} : { disabledAt: new Date(), disabledReason: "BY_ADMIN" }),
    })
    .returning({ id: webhookEndpoints.id });
  return row!.id;
}

/** The subscribers, set up before the tests that expect deliveries (the first test runs without any). */
const subscribers = { all: "", alsoAll: "", disabled: "", narrow: "" };

/**
 * The one event of `type` about this user: its payload is valid for its schema, and it has one PENDING
 * delivery for each enabled endpoint subscribed to it, none for the disabled or unsubscribed ones.
 */
async function theOne(userId: string, type: WebhookEventType) {
  const found = (await eventsOf(userId)).filter((e) => e.type === type);
  expect(found, `${type} events about ${userId}`).toHaveLength(1);
  const event = found[0]!;
  expect(WEBHOOK_EVENT_SCHEMAS[type].safeParse(event.payload).success).toBe(true);
  const deliveries = await db()
    .select({ endpointId: webhookDeliveries.endpointId, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.eventId, event.id));
  const expected = [
    subscribers.all,
    subscribers.alsoAll,
    ...(type === "user.deleted" ? [subscribers.narrow] : []),
  ];
  expect(deliveries.map((d) => d.endpointId).sort()).toEqual(expected.sort());
  expect(deliveries.every((d) => d.status === "PENDING")).toBe(true);
  return event.payload;
}

const isoString = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

/** A student with a confirmed address and a name (so certificates are issued). */
const student = () => createUser(db(), { emailVerified: new Date(), name: "Ada Outbox" });

async function enrolledIn(tree: CourseTree) {
  const u = await student();
  await enrollInCourse(db(), actorOf(u), tree.course.slug);
  return u;
}

const paidSession = (p: { id: string; checkoutSessionId: string | null; amount: number }) => ({
  id: p.checkoutSessionId,
  object: "checkout.session",
  status: "complete",
  payment_status: "paid",
  amount_total: p.amount,
  currency: "usd",
  client_reference_id: p.id,
  metadata: { paymentId: p.id },
  payment_intent: `pi_${p.id.slice(0, 8)}`,
});
const charge = (p: { id: string; amount: number }, refunded: number) => ({
  id: `ch_${p.id.slice(0, 8)}`,
  object: "charge",
  amount: p.amount,
  amount_refunded: refunded,
  currency: "usd",
  payment_intent: `pi_${p.id.slice(0, 8)}`,
  metadata: { paymentId: p.id },
});
const dispute = (p: { id: string; amount: number }, status: string) => ({
  id: `du_${p.id.slice(0, 8)}`,
  object: "dispute",
  amount: p.amount,
  currency: "usd",
  charge: `ch_${p.id.slice(0, 8)}`,
  payment_intent: `pi_${p.id.slice(0, 8)}`,
  reason: "fraudulent",
  status,
});
const deliver = (e: { body: string; signature: string }) =>
  handleNotification(db(), demo, e.body, e.signature);

/** Starts a checkout and has the (demo) provider report it paid; returns the payment and the signed event. */
async function buy(u: Actor, slug: string) {
  const { paymentId } = await startCheckout(db(), u, slug, demo);
  const [p] = await db().select().from(payments).where(eq(payments.id, paymentId));
  const paid = demo.signedEvent("checkout.session.completed", paidSession(p!));
  expect(await deliver(paid)).toMatchObject({ applied: true, transition: "completed" });
  return { payment: p!, paid };
}

describe("without an endpoint", () => {
  it("writes nothing to the outbox", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const u = await enrolledIn(tree);
    await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
    expect(await db().select().from(certificates).where(eq(certificates.userId, u.id))).toHaveLength(1);
    expect(await db().select({ id: webhookEvents.id }).from(webhookEvents)).toHaveLength(0);
    expect(await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries)).toHaveLength(0);
  });
});

describe("with endpoints", () => {
  beforeAll(async () => {
    subscribers.all = await endpoint(WEBHOOK_EVENT_TYPES);
    subscribers.alsoAll = await endpoint(WEBHOOK_EVENT_TYPES);
    subscribers.disabled = await endpoint(WEBHOOK_EVENT_TYPES, false);
    subscribers.narrow = await endpoint(["user.deleted"]);
  });

  it("enrollment.created: once for a free enrollment, not for enrolling again", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const u = await student();
    const first = await enrollInCourse(db(), actorOf(u), tree.course.slug);
    expect(first.created).toBe(true);
    await enrollInCourse(db(), actorOf(u), tree.course.slug);
    expect(await theOne(u.id, "enrollment.created")).toEqual({
      enrollmentId: first.enrollment.id,
      userId: u.id,
      courseId: tree.course.id,
      enrolledAt: first.enrollment.enrolledAt.toISOString(),
    });
    // Several first enrollments at once: the unique (user, course) row decides, and only its writer emits.
    const v = await student();
    const at = await Promise.all(
      Array.from({ length: 6 }, () => enrollInCourse(db(), actorOf(v), tree.course.slug)),
    );
    expect(at.filter((r) => r.created)).toHaveLength(1);
    expect(await theOne(v.id, "enrollment.created")).toMatchObject({ enrollmentId: at[0]!.enrollment.id });
  });

  it("emits nothing when the change is rolled back", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const u = await student();
    await expect(
      db().transaction(async (tx) => {
        await enrollInCourse(tx, actorOf(u), tree.course.slug);
        throw new Error("the caller fails after enrolling");
      }),
    ).rejects.toThrow("the caller fails");
    expect(await db().select().from(enrollments).where(eq(enrollments.userId, u.id))).toHaveLength(0);
    expect(await eventsOf(u.id)).toHaveLength(0);
  });

  it("lesson.completed when a lesson becomes completed (not on a repeat or a heartbeat); course.completed and certificate.issued once", async () => {
    const tree = await createCourseTree(db(), [2], { published: true });
    const u = await enrolledIn(tree);
    const [l1, l2] = tree.lessons.map((l) => l.id) as [string, string];
    await setLessonProgress(db(), actorOf(u), l1, { completed: true });
    await setLessonProgress(db(), actorOf(u), l1, { completed: true }); // a repeat
    await setLessonProgress(db(), actorOf(u), l1, { timeSpentSeconds: 20 }); // a heartbeat
    expect(await theOne(u.id, "lesson.completed")).toEqual({
      userId: u.id,
      courseId: tree.course.id,
      lessonId: l1,
      completedAt: isoString,
      progressPercent: 50,
    });
    expect(await countOf(u.id, "course.completed")).toBe(0);

    const done = await setLessonProgress(db(), actorOf(u), l2, { completed: true });
    expect(done).toMatchObject({ courseCompletedNow: true, certificateIssued: true });
    await setLessonProgress(db(), actorOf(u), l2, { completed: true });
    const lessonEvents = (await eventsOf(u.id)).filter((e) => e.type === "lesson.completed");
    expect(lessonEvents.map((e) => [e.payload.lessonId, e.payload.progressPercent])).toEqual([
      [l1, 50],
      [l2, 100],
    ]);
    const [enrollment] = await db().select().from(enrollments).where(eq(enrollments.userId, u.id));
    expect(await theOne(u.id, "course.completed")).toEqual({
      enrollmentId: enrollment!.id,
      userId: u.id,
      courseId: tree.course.id,
      completedAt: enrollment!.completedAt!.toISOString(),
    });
    const [cert] = await db().select().from(certificates).where(eq(certificates.userId, u.id));
    expect(await theOne(u.id, "certificate.issued")).toEqual({
      certificateId: cert!.id,
      certificateNumber: cert!.certificateNumber,
      userId: u.id,
      courseId: tree.course.id,
      issuedAt: cert!.issuedAt.toISOString(),
    });

    // Un-completed and completed again: a new completion of the lesson (the percentage drops and comes back),
    // but the course was completed once and its certificate issued once.
    await setLessonProgress(db(), actorOf(u), l2, { completed: false });
    await setLessonProgress(db(), actorOf(u), l2, { completed: true });
    expect(await countOf(u.id, "lesson.completed")).toBe(3);
    expect(await countOf(u.id, "course.completed")).toBe(1);
    expect(await countOf(u.id, "certificate.issued")).toBe(1);
  });

  it("lesson.completed once when the same completion arrives several times at once", async () => {
    const tree = await createCourseTree(db(), [3], { published: true });
    const u = await enrolledIn(tree);
    const lessonId = tree.lessons[0]!.id;
    await Promise.all(
      Array.from({ length: 8 }, () => setLessonProgress(db(), actorOf(u), lessonId, { completed: true })),
    );
    expect(await theOne(u.id, "lesson.completed")).toMatchObject({ lessonId, progressPercent: 33 });
  });

  it("quiz.attempt_submitted once per attempt (a second submission is refused)", async () => {
    const tree = await createCourseTree(db(), [2], { published: true });
    const owner = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
    await addInstructor(db(), tree.course.id, owner.id);
    const lessonId = tree.lessons[1]!.id;
    await db().update(lessons).set({ lessonType: "QUIZ" }).where(eq(lessons.id, lessonId));
    await saveQuiz(db(), actorOf(owner), lessonId, {
      version: 0,
      settings: {},
      questions: [
        {
          type: "true_false",
          prompt: "Overfitting means a large train/validation gap.",
          options: [
            { text: "True", correct: true },
            { text: "False", correct: false },
          ],
        },
      ],
    });
    const u = await enrolledIn(tree);
    const attempt = await startAttempt(db(), actorOf(u), lessonId);
    const quiz = await getQuizForAuthor(db(), actorOf(owner), lessonId);
    const answers = attempt.questions.map(({ id }) => ({
      questionId: id,
      optionIds: quiz.questions
        .find((q) => q.id === id)!
        .options.filter((o) => o.correct)
        .map((o) => o.id),
    }));
    await submitAttempt(db(), actorOf(u), attempt.id, { answers });
    await expect(submitAttempt(db(), actorOf(u), attempt.id, { answers })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, attempt.id));
    expect(await theOne(u.id, "quiz.attempt_submitted")).toEqual({
      attemptId: attempt.id,
      quizId: lessonId,
      lessonId,
      courseId: tree.course.id,
      userId: u.id,
      submittedAt: row!.submittedAt!.toISOString(),
      scorePercent: 100,
      passed: true,
    });
    // Passing completed the quiz lesson through the one completion path.
    expect(await theOne(u.id, "lesson.completed")).toMatchObject({ lessonId, progressPercent: 50 });
  });

  it("assignment.submitted per hand-in and assignment.reviewed per decision", async () => {
    const tree = await createCourseTree(db(), [1], { published: true });
    const owner = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
    await addInstructor(db(), tree.course.id, owner.id);
    const lessonId = tree.lessons[0]!.id;
    await db().update(lessons).set({ lessonType: "ASSIGNMENT" }).where(eq(lessons.id, lessonId));
    await saveAssignment(db(), actorOf(owner), lessonId, {
      version: 0,
      textAllowed: true,
      linksAllowed: true,
    });
    const u = await enrolledIn(tree);
    await saveDraft(db(), actorOf(u), lessonId, { text: "My first answer." });
    await handIn(db(), actorOf(u), lessonId);
    await expect(handIn(db(), actorOf(u), lessonId)).rejects.toMatchObject({ code: "CONFLICT" });
    const [submission] = await db()
      .select()
      .from(assignmentSubmissions)
      .where(eq(assignmentSubmissions.userId, u.id));
    const ids = {
      submissionId: submission!.id,
      assignmentId: lessonId,
      lessonId,
      courseId: tree.course.id,
      userId: u.id,
    };
    expect(await theOne(u.id, "assignment.submitted")).toEqual({ ...ids, submittedAt: isoString });

    await reviewSubmission(db(), actorOf(owner), submission!.id, {
      decision: "NEEDS_REVISION",
      feedback: "Say why.",
    });
    expect(await theOne(u.id, "assignment.reviewed")).toEqual({
      ...ids,
      reviewedAt: isoString,
      outcome: "NEEDS_REVISION",
      score: null,
    });
    await handIn(db(), actorOf(u), lessonId);
    await reviewSubmission(db(), actorOf(owner), submission!.id, { decision: "PASS" });
    await expect(
      reviewSubmission(db(), actorOf(owner), submission!.id, { decision: "PASS" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const all = await eventsOf(u.id);
    expect(all.filter((e) => e.type === "assignment.submitted")).toHaveLength(2);
    expect(all.filter((e) => e.type === "assignment.reviewed").map((e) => e.payload.outcome)).toEqual([
      "NEEDS_REVISION",
      "PASSED",
    ]);
    expect(await theOne(u.id, "lesson.completed")).toMatchObject({ lessonId, progressPercent: 100 });
  });

  it("review.created for a new review, not for an edit", async () => {
    const tree = await createCourseTree(db(), [2], { published: true });
    const u = await enrolledIn(tree);
    await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
    const { review, created } = await saveReview(db(), actorOf(u), tree.course.slug, { rating: 4 });
    expect(created).toBe(true);
    const edited = await saveReview(db(), actorOf(u), tree.course.slug, {
      rating: 5,
      comment: "Even better.",
    });
    expect(edited.created).toBe(false);
    expect(await theOne(u.id, "review.created")).toEqual({
      reviewId: review.id,
      userId: u.id,
      courseId: tree.course.id,
      rating: 4,
      createdAt: review.createdAt.toISOString(),
    });
  });

  it("payment.completed and enrollment.created once for a paid checkout, however often the provider reports it", async () => {
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const u = await student();
    const { payment, paid } = await buy(actorOf(u), tree.course.slug);
    expect(await deliver(paid)).toMatchObject({ applied: false, reason: "duplicate" });
    // The same payment reported again under another event id (the async success after the completion).
    const again = demo.signedEvent("checkout.session.async_payment_succeeded", paidSession(payment));
    expect(await deliver(again)).toMatchObject({ applied: false, reason: "no-change" });
    expect(await theOne(u.id, "payment.completed")).toEqual({
      paymentId: payment.id,
      userId: u.id,
      courseId: tree.course.id,
      amount: 4900,
      currency: "USD",
      completedAt: isoString,
    });
    const [enrollment] = await db().select().from(enrollments).where(eq(enrollments.userId, u.id));
    expect(await theOne(u.id, "enrollment.created")).toEqual({
      enrollmentId: enrollment!.id,
      userId: u.id,
      courseId: tree.course.id,
      enrolledAt: enrollment!.enrolledAt.toISOString(),
    });
  });

  it("payment.completed (of 0) and enrollment.created for a 100% coupon", async () => {
    const tree = await createCourseTree(db(), [1], { published: true, price: 5000 });
    const u = await student();
    const [c] = await db()
      .insert(coupons)
      .values({ code: `FREE-${u.id.slice(0, 8)}`.toUpperCase(), percentOff: 100 })
      .returning();
    const outcome = await startCheckout(db(), actorOf(u), tree.course.slug, null, {}, c!.code);
    expect(outcome.kind).toBe("enrolled");
    await expect(startCheckout(db(), actorOf(u), tree.course.slug, null, {}, c!.code)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await theOne(u.id, "payment.completed")).toMatchObject({
      paymentId: outcome.paymentId,
      amount: 0,
      courseId: tree.course.id,
    });
    expect(await theOne(u.id, "enrollment.created")).toMatchObject({ courseId: tree.course.id });
  });

  it("payment.refunded and certificate.revoked (REFUNDED) once for a full refund; enrollment.created again when bought again", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const u = await student();
    const { payment } = await buy(actorOf(u), tree.course.slug);
    await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
    const [cert] = await db().select().from(certificates).where(eq(certificates.userId, u.id));
    expect(cert).toBeDefined();

    // A partial refund is not announced; the rest is, once (Stripe's echo of the same total changes nothing).
    await refundPayment(db(), actorOf(admin), { paymentId: payment.id, amount: "9.00" }, demo);
    expect(await countOf(u.id, "payment.refunded")).toBe(0);
    await refundPayment(db(), actorOf(admin), { paymentId: payment.id }, demo);
    expect(await deliver(demo.signedEvent("charge.refunded", charge(payment, 4900)))).toMatchObject({
      applied: false,
    });
    expect(await theOne(u.id, "payment.refunded")).toEqual({
      paymentId: payment.id,
      userId: u.id,
      courseId: tree.course.id,
      amount: 4900,
      currency: "USD",
      refundedAt: isoString,
    });
    const [revoked] = await db().select().from(certificates).where(eq(certificates.id, cert!.id));
    expect(await theOne(u.id, "certificate.revoked")).toEqual({
      certificateId: cert!.id,
      certificateNumber: cert!.certificateNumber,
      userId: u.id,
      courseId: tree.course.id,
      revokedAt: revoked!.revokedAt!.toISOString(),
      reason: "REFUNDED",
    });

    // Bought again: the REFUNDED enrollment reopens (COMPLETED, its certificate valid again), which is
    // announced as an enrollment; the course was not completed again and no certificate was issued again.
    const second = await buy(actorOf(u), tree.course.slug);
    const [reopened] = await db().select().from(enrollments).where(eq(enrollments.userId, u.id));
    expect(reopened!.status).toBe("COMPLETED");
    const events = await eventsOf(u.id);
    const enrolled = events.filter((e) => e.type === "enrollment.created");
    expect(enrolled).toHaveLength(2);
    expect(enrolled[1]!.payload).toEqual({
      enrollmentId: reopened!.id,
      userId: u.id,
      courseId: tree.course.id,
      enrolledAt: reopened!.accessStartedAt.toISOString(),
    });
    expect(events.filter((e) => e.type === "payment.completed").map((e) => e.payload.paymentId)).toEqual([
      payment.id,
      second.payment.id,
    ]);
    expect(events.filter((e) => e.type === "course.completed")).toHaveLength(1);
    expect(events.filter((e) => e.type === "certificate.issued")).toHaveLength(1);
  });

  it("payment.refunded and certificate.revoked for a lost dispute, not for its opening", async () => {
    const tree = await createCourseTree(db(), [1], { published: true, price: 2900 });
    const u = await student();
    const { payment } = await buy(actorOf(u), tree.course.slug);
    await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
    await deliver(demo.signedEvent("charge.dispute.created", dispute(payment, "needs_response")));
    expect(await countOf(u.id, "payment.refunded")).toBe(0);
    const lost = demo.signedEvent("charge.dispute.closed", dispute(payment, "lost"));
    expect(await deliver(lost)).toMatchObject({ transition: "dispute_lost" });
    expect(await deliver(lost)).toMatchObject({ applied: false, reason: "duplicate" });
    expect(await theOne(u.id, "payment.refunded")).toMatchObject({ paymentId: payment.id, amount: 2900 });
    expect(await theOne(u.id, "certificate.revoked")).toMatchObject({ reason: "REFUNDED" });
  });

  it("user.deleted and certificate.revoked (ACCOUNT_ERASED) for a still-valid certificate when an account is erased, and the person's earlier events leave the outbox", async () => {
    const kept = await createCourseTree(db(), [1], { published: true });
    const refunded = await createCourseTree(db(), [1], { published: true, price: 1900 });
    const u = await enrolledIn(kept);
    await setLessonProgress(db(), actorOf(u), kept.lessons[0]!.id, { completed: true });
    const { payment } = await buy(actorOf(u), refunded.course.slug);
    await setLessonProgress(db(), actorOf(u), refunded.lessons[0]!.id, { completed: true });
    await deliver(demo.signedEvent("charge.refunded", charge(payment, 1900)));
    const certs = await db().select().from(certificates).where(eq(certificates.userId, u.id));
    const valid = certs.find((c) => c.courseId === kept.course.id)!;
    expect(await countOf(u.id, "certificate.revoked")).toBe(1); // the refunded course's

    await eraseMyAccount(db(), actorOf(u), { confirmEmail: u.email });
    await expect(eraseMyAccount(db(), actorOf(u), { confirmEmail: u.email })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().select().from(users).where(eq(users.id, u.id))).toHaveLength(0);
    // The events about the person from before the erasure left the outbox with them; what remains announces
    // the erasure (receivers delete their side).
    expect((await eventsOf(u.id)).map((e) => e.type).sort()).toEqual(["certificate.revoked", "user.deleted"]);
    const revoked = (await eventsOf(u.id)).filter((e) => e.type === "certificate.revoked");
    expect(revoked.map((e) => e.payload)).toEqual([
      {
        certificateId: valid.id,
        certificateNumber: valid.certificateNumber,
        userId: u.id,
        courseId: kept.course.id,
        revokedAt: isoString,
        reason: "ACCOUNT_ERASED",
      },
    ]);
    expect(await theOne(u.id, "user.deleted")).toEqual({ userId: u.id, deletedAt: isoString });
  });

  it("gives a disabled endpoint, and one not subscribed to the type, no delivery at all", async () => {
    const rows = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(
        and(
          sql`${webhookDeliveries.endpointId} IN (${subscribers.disabled}, ${subscribers.narrow})`,
          sql`${webhookDeliveries.eventId} IN (SELECT id FROM webhook_events WHERE type <> 'user.deleted')`,
        ),
      );
    expect(rows[0]!.n).toBe(0);
    expect(
      await db()
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, subscribers.disabled)),
    ).toHaveLength(0);
    // Every event type was exercised above.
    const types = await queryRows<{ type: string }>(db(), sql`SELECT DISTINCT type FROM webhook_events`);
    expect(types.map((t) => t.type).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
  });
});
