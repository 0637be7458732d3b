import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import { signedStripeEvent, TEST_WEBHOOK_SECRET } from "../../../tests/helpers/stripe-events";
import { startStripeStandIn } from "../../../tests/helpers/stripe-stand-in";
import { changeEnrollmentStatus } from "../admin/enrollments";
import type { Database } from "../db/client";
import { auditLog, certificates, enrollments, mailOutbox, payments } from "../db/schema";
import { createCourseTree, createUser } from "../db/seed/factories";
import { startCheckout } from "./checkout";
import { DemoProvider } from "./demo-provider";
import { refundPayment } from "./refund";
import { StripeProvider } from "./stripe-provider";
import { handleNotification } from "./webhook";

const WHSEC = TEST_WEBHOOK_SECRET;
const signed = signedStripeEvent;
let database: Database;
let standIn: Awaited<ReturnType<typeof startStripeStandIn>>;
let stripe: StripeProvider;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 14 });
  standIn = await startStripeStandIn();
  stripe = new StripeProvider("sk_test_platform", WHSEC, standIn.url);
});
afterAll(async () => {
  await standIn?.close();
  await database?.close();
});
const db = () => database.db;

const deliver = (type: string, object: Record<string, unknown>, id?: string) => {
  const e = signed(type, object, { id });
  return handleNotification(db(), stripe, e.body, e.signature);
};

type P = { id: string; checkoutSessionId: string | null; amount: number };
const intentOf = (p: { id: string }) => `pi_${p.id.slice(0, 8)}`;
const paidSession = (p: P) => ({
  id: p.checkoutSessionId,
  object: "checkout.session",
  status: "complete",
  payment_status: "paid",
  amount_total: p.amount,
  currency: "usd",
  client_reference_id: p.id,
  metadata: { paymentId: p.id },
  payment_intent: intentOf(p),
});
const dispute = (p: P, status: string, amount = p.amount) => ({
  id: `du_${p.id.slice(0, 8)}`,
  object: "dispute",
  amount,
  currency: "usd",
  charge: `ch_${p.id.slice(0, 8)}`,
  payment_intent: intentOf(p),
  reason: "fraudulent",
  status,
});

const paymentOf = async (id: string) => (await db().select().from(payments).where(eq(payments.id, id)))[0]!;
const enrollmentOf = async (userId: string, courseId: string) =>
  (
    await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)))
  )[0]!;
const auditOf = (paymentId: string) =>
  db()
    .select({ action: auditLog.action, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.entityId, paymentId));

/** A buyer with a COMPLETED Stripe payment (and an ACTIVE enrollment) for a new $49 course. */
async function paidBuyer(price = 4900) {
  const u = await createUser(db(), { emailVerified: new Date(), name: "Dee Spute" });
  const tree = await createCourseTree(db(), [1], { published: true, price });
  const { paymentId } = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
  const payment = await paymentOf(paymentId);
  expect(await deliver("checkout.session.completed", paidSession(payment))).toMatchObject({
    transition: "completed",
  });
  return { u, tree, payment };
}

/** Lets the buyer's open checkout run out (inside the last minute: startCheckout opens a new one). */
const expireSoon = (paymentId: string) =>
  db()
    .update(payments)
    .set({ expiresAt: new Date(Date.now() + 20_000) })
    .where(eq(payments.id, paymentId));

describe("disputes", () => {
  it("suspend access while disputed (an admin cannot reinstate it), tell the admins, and restore it when won", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const { u, tree, payment } = await paidBuyer();
    await db()
      .update(enrollments)
      .set({ status: "COMPLETED", completedAt: new Date(), progressPercentage: 100 })
      .where(eq(enrollments.userId, u.id));
    const opened = signed("charge.dispute.created", dispute(payment, "needs_response"));
    expect(await handleNotification(db(), stripe, opened.body, opened.signature)).toMatchObject({
      applied: true,
      transition: "dispute_opened",
    });
    expect(await handleNotification(db(), stripe, opened.body, opened.signature)).toMatchObject({
      applied: false,
      reason: "duplicate",
    });
    expect(await paymentOf(payment.id)).toMatchObject({ status: "COMPLETED", disputeStatus: "OPEN" });
    const suspended = await enrollmentOf(u.id, tree.course.id);
    expect(suspended).toMatchObject({ status: "SUSPENDED", suspensionReasons: ["DISPUTE"] });
    expect((await auditOf(payment.id)).map((a) => a.action)).toContain("payment.dispute_opened");
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, admin.email));
    expect(mails.map((m) => m.subject)).toContain(`Payment disputed: ${tree.course.title}`);

    await expect(
      changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: suspended.id, action: "reinstate" }),
    ).rejects.toMatchObject({ code: "CONFLICT", userMessage: expect.stringMatching(/disputed/) });
    await expect(
      refundPayment(db(), actorOf(admin), { paymentId: payment.id }, stripe),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await deliver("charge.dispute.closed", dispute(payment, "won"))).toMatchObject({
      transition: "dispute_won",
    });
    expect(await enrollmentOf(u.id, tree.course.id)).toMatchObject({
      status: "COMPLETED",
      suspensionReasons: [],
    });
    expect(await paymentOf(payment.id)).toMatchObject({ status: "COMPLETED", disputeStatus: "WON" });
  });

  it("settle a lost dispute as a full refund: REFUNDED, access ended, certificate revoked", async () => {
    const { u, tree, payment } = await paidBuyer();
    await db()
      .insert(certificates)
      .values({
        userId: u.id,
        courseId: tree.course.id,
        certificateNumber: `AIW-D-${payment.id.slice(0, 8)}`,
        holderName: "Dee Spute",
        courseTitle: tree.course.title,
      });
    await deliver("charge.dispute.created", dispute(payment, "needs_response"));
    expect(await deliver("charge.dispute.closed", dispute(payment, "lost"))).toMatchObject({
      transition: "dispute_lost",
    });
    expect(await paymentOf(payment.id)).toMatchObject({
      status: "REFUNDED",
      refundedAmount: 4900,
      disputeStatus: "LOST",
    });
    expect(await enrollmentOf(u.id, tree.course.id)).toMatchObject({
      status: "REFUNDED",
      suspensionReasons: [],
    });
    const [cert] = await db().select().from(certificates).where(eq(certificates.userId, u.id));
    expect(cert!.revokedAt).not.toBeNull();
  });

  it("restore access after an inquiry closes without a chargeback (warning_closed)", async () => {
    const { u, tree, payment } = await paidBuyer();
    await deliver("charge.dispute.created", dispute(payment, "warning_needs_response"));
    expect((await enrollmentOf(u.id, tree.course.id)).status).toBe("SUSPENDED");
    await deliver("charge.dispute.closed", dispute(payment, "warning_closed"));
    expect((await enrollmentOf(u.id, tree.course.id)).status).toBe("ACTIVE");
  });

  it("keep an admin's suspension through a won dispute, on either side of it", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    // The admin suspends during the dispute: still suspended (by the admin) once the dispute is won.
    const first = await paidBuyer();
    await deliver("charge.dispute.created", dispute(first.payment, "needs_response"));
    const e1 = await enrollmentOf(first.u.id, first.tree.course.id);
    await changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: e1.id, action: "suspend" });
    await deliver("charge.dispute.closed", dispute(first.payment, "won"));
    expect(await enrollmentOf(first.u.id, first.tree.course.id)).toMatchObject({
      status: "SUSPENDED",
      suspensionReasons: ["ADMIN"],
    });
    await changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: e1.id, action: "reinstate" });
    expect((await enrollmentOf(first.u.id, first.tree.course.id)).status).toBe("ACTIVE");

    // The dispute opens on an admin's suspension: the admin cannot lift the dispute's hold; winning keeps the
    // admin's.
    const second = await paidBuyer();
    const e2 = await enrollmentOf(second.u.id, second.tree.course.id);
    await changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: e2.id, action: "suspend" });
    await deliver("charge.dispute.created", dispute(second.payment, "needs_response"));
    expect((await enrollmentOf(second.u.id, second.tree.course.id)).suspensionReasons).toEqual([
      "ADMIN",
      "DISPUTE",
    ]);
    await expect(
      changeEnrollmentStatus(db(), actorOf(admin), { enrollmentId: e2.id, action: "reinstate" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await deliver("charge.dispute.closed", dispute(second.payment, "won"));
    expect(await enrollmentOf(second.u.id, second.tree.course.id)).toMatchObject({
      status: "SUSPENDED",
      suspensionReasons: ["ADMIN"],
    });
  });
});

describe("partial refunds by an admin", () => {
  it("refund part of a payment, keeping access, then the rest; never beyond the remainder", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const { u, tree, payment } = await paidBuyer();
    const refund = (amount?: string) =>
      refundPayment(db(), actorOf(admin), { paymentId: payment.id, amount }, stripe);

    expect(await refund("10")).toMatchObject({ applied: true, transition: "partially_refunded" });
    let call = standIn.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(call.form.get("amount")).toBe("1000");
    expect(call.form.get("payment_intent")).toBe(intentOf(payment));
    expect(call.headers["idempotency-key"]).toBe(`aiw-refund-${payment.id}-1000`);
    expect(await paymentOf(payment.id)).toMatchObject({ status: "COMPLETED", refundedAmount: 1000 });
    expect((await enrollmentOf(u.id, tree.course.id)).status).toBe("ACTIVE");

    const calls = standIn.requests.length;
    await expect(refund("39.01")).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [{ path: "amount", message: expect.stringContaining("$39.00") }],
    });
    await expect(refund("12.345")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(refund("0")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(standIn.requests.length).toBe(calls); // nothing refused reached Stripe

    expect(await refund("9.50")).toMatchObject({ transition: "partially_refunded" });
    expect(await paymentOf(payment.id)).toMatchObject({ status: "COMPLETED", refundedAmount: 1950 });
    // Stripe's notification of the first refund arrives late: the total never goes back.
    await deliver("charge.refunded", {
      id: `ch_${payment.id.slice(0, 8)}`,
      object: "charge",
      amount: 4900,
      amount_refunded: 1000,
      currency: "usd",
      payment_intent: intentOf(payment),
      metadata: {},
    });
    expect((await paymentOf(payment.id)).refundedAmount).toBe(1950);

    expect(await refund()).toMatchObject({ transition: "refunded" });
    call = standIn.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(call.form.get("amount")).toBe("2950");
    expect(call.headers["idempotency-key"]).toBe(`aiw-refund-${payment.id}-4900`);
    expect(await paymentOf(payment.id)).toMatchObject({ status: "REFUNDED", refundedAmount: 4900 });
    expect((await enrollmentOf(u.id, tree.course.id)).status).toBe("REFUNDED");
  });

  it("let two admins refund at once without exceeding the amount", async () => {
    const [a, b] = [await createUser(db(), { role: "ADMIN" }), await createUser(db(), { role: "ADMIN" })];
    const { payment } = await paidBuyer();
    const results = await Promise.allSettled([
      refundPayment(db(), actorOf(a), { paymentId: payment.id, amount: "30" }, stripe),
      refundPayment(db(), actorOf(b), { paymentId: payment.id, amount: "30" }, stripe),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "INVALID_INPUT" },
    });
    expect((await paymentOf(payment.id)).refundedAmount).toBe(3000);
  });
});

describe("paying twice", () => {
  it("expires the old Stripe checkout before opening a new one", async () => {
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const first = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
    const old = await paymentOf(first.paymentId);
    await expireSoon(old.id);
    const second = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
    expect(second.paymentId).not.toBe(old.id);
    const paths = standIn.requests.map((r) => `${r.method} ${r.path}`);
    const expiredAt = paths.lastIndexOf(`POST /v1/checkout/sessions/${old.checkoutSessionId}/expire`);
    expect(expiredAt).toBeGreaterThan(-1);
    expect(paths.lastIndexOf("POST /v1/checkout/sessions")).toBeGreaterThan(expiredAt);
    expect((await paymentOf(old.id)).status).toBe("FAILED");
  });

  it("sends the buyer to the old checkout's result when it was paid before it could be expired", async () => {
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const first = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
    const old = await paymentOf(first.paymentId);
    standIn.pay(old.checkoutSessionId!);
    await expireSoon(old.id);
    const again = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
    expect(again).toEqual({
      kind: "checkout",
      paymentId: old.id,
      url: `http://localhost:3000/checkout/return?payment=${old.id}`,
    });
    expect(await db().select().from(payments).where(eq(payments.userId, u.id))).toHaveLength(1);
  });

  it("refunds a late payment of an old checkout when the buyer already paid for the course", async () => {
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const old = await paymentOf((await startCheckout(db(), actorOf(u), tree.course.slug, stripe)).paymentId);
    await expireSoon(old.id);
    const fresh = await paymentOf(
      (await startCheckout(db(), actorOf(u), tree.course.slug, stripe)).paymentId,
    );
    expect(await deliver("checkout.session.completed", paidSession(fresh))).toMatchObject({
      transition: "completed",
    });
    // The old session had been paid after all (a bank payment that settled late).
    expect(await deliver("checkout.session.async_payment_succeeded", paidSession(old))).toMatchObject({
      applied: true,
      transition: "duplicate_refunded",
    });
    const call = standIn.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(call.form.get("payment_intent")).toBe(intentOf(old));
    expect(call.form.get("amount")).toBe("4900");
    expect(call.headers["idempotency-key"]).toBe(`aiw-refund-${old.id}-4900`);
    expect(await paymentOf(old.id)).toMatchObject({ status: "REFUNDED", refundedAmount: 4900 });
    expect((await paymentOf(old.id)).processedAt).not.toBeNull();
    expect(await paymentOf(fresh.id)).toMatchObject({ status: "COMPLETED", refundedAmount: 0 });
    expect((await enrollmentOf(u.id, tree.course.id)).status).toBe("ACTIVE");
    expect((await auditOf(old.id)).map((a) => a.action)).toContain("payment.duplicate_refunded");
  });

  it("completes one of two payments that succeed at once and refunds the other", async () => {
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
    const old = await paymentOf((await startCheckout(db(), actorOf(u), tree.course.slug, stripe)).paymentId);
    await expireSoon(old.id);
    const fresh = await paymentOf(
      (await startCheckout(db(), actorOf(u), tree.course.slug, stripe)).paymentId,
    );
    await Promise.all([
      deliver("checkout.session.completed", paidSession(fresh)),
      deliver("checkout.session.async_payment_succeeded", paidSession(old)),
    ]);
    const statuses = [(await paymentOf(old.id)).status, (await paymentOf(fresh.id)).status].sort();
    expect(statuses).toEqual(["COMPLETED", "REFUNDED"]);
  });

  it("demo: a late payment of an old demo checkout is refunded too", async () => {
    const demo = new DemoProvider("http://localhost:3000", "whsec_demo_twice");
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 2500 });
    const old = await paymentOf((await startCheckout(db(), actorOf(u), tree.course.slug, demo)).paymentId);
    await expireSoon(old.id);
    const fresh = await paymentOf((await startCheckout(db(), actorOf(u), tree.course.slug, demo)).paymentId);
    const pay = (p: P) => {
      const e = demo.signedEvent("checkout.session.completed", paidSession(p));
      return handleNotification(db(), demo, e.body, e.signature);
    };
    expect(await pay(fresh)).toMatchObject({ transition: "completed" });
    expect(await pay(old)).toMatchObject({ transition: "duplicate_refunded" });
    expect((await paymentOf(old.id)).status).toBe("REFUNDED");
  });
});
