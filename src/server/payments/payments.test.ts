import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { signedStripeEvent, TEST_WEBHOOK_SECRET } from "../../../tests/helpers/stripe-events";
import { startStripeStandIn } from "../../../tests/helpers/stripe-stand-in";
import type { Database } from "../db/client";
import { certificates, enrollments, payments } from "../db/schema";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { startCheckout, syncCheckout } from "./checkout";
import { DemoProvider } from "./demo-provider";
import { reconcilePayments } from "./reconcile";
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

async function buyer() {
  const u = await createUser(db(), { emailVerified: new Date(), name: "Pat Payer" });
  const tree = await createCourseTree(db(), [1], { published: true, price: 4900 });
  const { paymentId } = await startCheckout(db(), actorOf(u), tree.course.slug, stripe);
  const [p] = await db().select().from(payments).where(eq(payments.id, paymentId));
  return { u, tree, payment: p! };
}

const paidSession = (
  p: { id: string; checkoutSessionId: string | null; amount: number },
  overrides: Record<string, unknown> = {},
) => ({
  id: p.checkoutSessionId,
  object: "checkout.session",
  status: "complete",
  payment_status: "paid",
  amount_total: p.amount,
  currency: "usd",
  client_reference_id: p.id,
  metadata: { paymentId: p.id },
  payment_intent: `pi_${p.id.slice(0, 8)}`,
  ...overrides,
});

const enrollmentOf = async (userId: string, courseId: string) =>
  (
    await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)))
  )[0];

describe("checkout with Stripe", () => {
  it("sends Stripe the course's price, our payment id in metadata, an idempotency key and APP_URL return URLs", async () => {
    const { payment } = await buyer();
    const call = standIn.requests.findLast((r) => r.path === "/v1/checkout/sessions")!;
    expect(call.form.get("mode")).toBe("payment");
    expect(call.form.get("line_items[0][price_data][unit_amount]")).toBe("4900");
    expect(call.form.get("line_items[0][price_data][currency]")).toBe("usd");
    expect(call.form.get("metadata[paymentId]")).toBe(payment.id);
    expect(call.form.get("payment_intent_data[metadata][paymentId]")).toBe(payment.id);
    expect(call.form.get("success_url")).toBe(`http://localhost:3000/checkout/return?payment=${payment.id}`);
    expect(call.headers["idempotency-key"]).toBe(`aiw-checkout-${payment.id}`);
    expect(payment).toMatchObject({ status: "PENDING", amount: 4900, currency: "USD", provider: "stripe" });
    expect(payment.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
  });

  it("reuses the open checkout: two clicks at once make one pending payment", async () => {
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 1000 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => startCheckout(db(), actorOf(u), tree.course.slug, stripe)),
    );
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    const pending = await db()
      .select()
      .from(payments)
      .where(and(eq(payments.userId, u.id), eq(payments.status, "PENDING")));
    expect(pending).toHaveLength(1);
  });

  it("refuses the unconfirmed, free courses and courses already owned", async () => {
    const unconfirmed = await createUser(db());
    const paid = await createCourseTree(db(), [1], { published: true, price: 1000 });
    await expect(startCheckout(db(), actorOf(unconfirmed), paid.course.slug, stripe)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const u = await createUser(db(), { emailVerified: new Date() });
    const free = await createCourseTree(db(), [1], { published: true, price: 0 });
    await expect(startCheckout(db(), actorOf(u), free.course.slug, stripe)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await createEnrollment(db(), u.id, paid.course.id);
    await expect(startCheckout(db(), actorOf(u), paid.course.slug, stripe)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("settles a paid checkout from the return page when the webhook never came", async () => {
    const { u, tree, payment } = await buyer();
    standIn.pay(payment.checkoutSessionId!);
    const status = await syncCheckout(db(), actorOf(u), payment.id, stripe);
    expect(status.status).toBe("COMPLETED");
    expect((await enrollmentOf(u.id, tree.course.id))?.status).toBe("ACTIVE");
  });
});

describe("Stripe notifications", () => {
  it("refuse a bad signature, a stale timestamp and a malformed body, changing nothing", async () => {
    const { payment } = await buyer();
    const event = signed("checkout.session.completed", paidSession(payment));
    await expect(handleNotification(db(), stripe, event.body, "t=1,v1=deadbeef")).rejects.toMatchObject({
      code: "MALFORMED_REQUEST",
    });
    const forged = signed("checkout.session.completed", paidSession(payment), { secret: "whsec_other" });
    await expect(handleNotification(db(), stripe, forged.body, forged.signature)).rejects.toMatchObject({
      code: "MALFORMED_REQUEST",
    });
    const stale = signed("checkout.session.completed", paidSession(payment), {
      timestamp: Math.floor(Date.now() / 1000) - 400,
    });
    await expect(handleNotification(db(), stripe, stale.body, stale.signature)).rejects.toMatchObject({
      code: "MALFORMED_REQUEST",
    });
    await expect(
      handleNotification(db(), stripe, event.body.replace("4900", "1"), event.signature),
    ).rejects.toMatchObject({ code: "MALFORMED_REQUEST" });
    await expect(handleNotification(db(), stripe, "{not json", event.signature)).rejects.toMatchObject({
      code: "MALFORMED_REQUEST",
    });
    const [after] = await db().select().from(payments).where(eq(payments.id, payment.id));
    expect(after!.status).toBe("PENDING");
  });

  it("ignore unknown event types and refuse an amount or currency that does not match", async () => {
    const { payment } = await buyer();
    const unknown = signed("customer.created", { id: "cus_1" });
    expect(await handleNotification(db(), stripe, unknown.body, unknown.signature)).toMatchObject({
      applied: false,
      reason: "ignored",
    });
    const cheap = signed("checkout.session.completed", paidSession(payment, { amount_total: 100 }));
    expect(await handleNotification(db(), stripe, cheap.body, cheap.signature)).toMatchObject({
      applied: false,
      reason: "mismatch",
    });
    const euro = signed("checkout.session.completed", paidSession(payment, { currency: "eur" }));
    expect(await handleNotification(db(), stripe, euro.body, euro.signature)).toMatchObject({
      applied: false,
      reason: "mismatch",
    });
    const [after] = await db().select().from(payments).where(eq(payments.id, payment.id));
    expect(after!.status).toBe("PENDING");
  });

  it("apply the same event ten times at once exactly once: one completed payment, one enrollment", async () => {
    const { u, tree, payment } = await buyer();
    const event = signed("checkout.session.completed", paidSession(payment), {
      id: `evt_once_${payment.id}`,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => handleNotification(db(), stripe, event.body, event.signature)),
    );
    expect(outcomes.filter((o) => o.applied)).toHaveLength(1);
    const [after] = await db().select().from(payments).where(eq(payments.id, payment.id));
    expect(after).toMatchObject({
      status: "COMPLETED",
      providerTransactionId: `pi_${payment.id.slice(0, 8)}`,
    });
    expect(
      await db()
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.userId, u.id), eq(enrollments.courseId, tree.course.id))),
    ).toHaveLength(1);
  });

  it("ignore a refund before completion; turn a failure into completion on a late success", async () => {
    const { u, tree, payment } = await buyer();
    const early = signed("charge.refunded", {
      id: "ch_1",
      object: "charge",
      amount: 4900,
      amount_refunded: 4900,
      currency: "usd",
      payment_intent: `pi_${payment.id.slice(0, 8)}`,
      metadata: {},
    });
    expect(await handleNotification(db(), stripe, early.body, early.signature)).toMatchObject({
      applied: false,
    });
    const failed = signed(
      "checkout.session.async_payment_failed",
      paidSession(payment, { payment_status: "unpaid" }),
    );
    expect(await handleNotification(db(), stripe, failed.body, failed.signature)).toMatchObject({
      applied: true,
      transition: "failed",
    });
    const late = signed("checkout.session.async_payment_succeeded", paidSession(payment));
    expect(await handleNotification(db(), stripe, late.body, late.signature)).toMatchObject({
      applied: true,
      transition: "completed",
    });
    expect((await enrollmentOf(u.id, tree.course.id))?.status).toBe("ACTIVE");
  });

  it("keep access on a partial refund and end it on a full one, revoking the certificate", async () => {
    const { u, tree, payment } = await buyer();
    const done = signed("checkout.session.completed", paidSession(payment));
    await handleNotification(db(), stripe, done.body, done.signature);
    await db()
      .update(enrollments)
      .set({ status: "COMPLETED", completedAt: new Date(), progressPercentage: 100 })
      .where(eq(enrollments.userId, u.id));
    await db()
      .insert(certificates)
      .values({
        userId: u.id,
        courseId: tree.course.id,
        certificateNumber: `AIW-P-${payment.id.slice(0, 8)}`,
        holderName: "Pat Payer",
        courseTitle: tree.course.title,
      });
    const charge = (refunded: number) =>
      signed("charge.refunded", {
        id: "ch_2",
        object: "charge",
        amount: 4900,
        amount_refunded: refunded,
        currency: "usd",
        payment_intent: `pi_${payment.id.slice(0, 8)}`,
        metadata: {},
      });
    const partial = charge(1000);
    expect(await handleNotification(db(), stripe, partial.body, partial.signature)).toMatchObject({
      transition: "partially_refunded",
    });
    expect((await enrollmentOf(u.id, tree.course.id))?.status).toBe("COMPLETED");
    const full = charge(4900);
    expect(await handleNotification(db(), stripe, full.body, full.signature)).toMatchObject({
      transition: "refunded",
    });
    expect((await enrollmentOf(u.id, tree.course.id))?.status).toBe("REFUNDED");
    const [cert] = await db().select().from(certificates).where(eq(certificates.userId, u.id));
    expect(cert!.revokedAt).not.toBeNull();
  });
});

describe("refunds by an admin", () => {
  it("call the provider first with an idempotency key, then end access; the webhook that follows is a no-op", async () => {
    const { u, tree, payment } = await buyer();
    const done = signed("checkout.session.completed", paidSession(payment));
    await handleNotification(db(), stripe, done.body, done.signature);
    const admin = await createUser(db(), { role: "ADMIN" });
    await expect(refundPayment(db(), actorOf(u), { paymentId: payment.id }, stripe)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await refundPayment(db(), actorOf(admin), { paymentId: payment.id }, stripe)).toMatchObject({
      applied: true,
      transition: "refunded",
    });
    const call = standIn.requests.findLast((r) => r.path === "/v1/refunds")!;
    expect(call.headers["idempotency-key"]).toBe(`aiw-refund-${payment.id}-4900`);
    expect(call.form.get("amount")).toBe("4900");
    expect((await enrollmentOf(u.id, tree.course.id))?.status).toBe("REFUNDED");
    const echo = signed("charge.refunded", {
      id: "ch_3",
      object: "charge",
      amount: 4900,
      amount_refunded: 4900,
      currency: "usd",
      payment_intent: `pi_${payment.id.slice(0, 8)}`,
      metadata: {},
    });
    expect(await handleNotification(db(), stripe, echo.body, echo.signature)).toMatchObject({
      applied: false,
    });
    await expect(
      refundPayment(db(), actorOf(admin), { paymentId: payment.id }, stripe),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("the demo provider", () => {
  it("expires checkouts nobody finished when reconciling", async () => {
    const demo = new DemoProvider("http://localhost:3000", "whsec_demo_test");
    const u = await createUser(db(), { emailVerified: new Date() });
    const tree = await createCourseTree(db(), [1], { published: true, price: 2500 });
    const { paymentId } = await startCheckout(db(), actorOf(u), tree.course.slug, demo);
    expect(await reconcilePayments(db(), demo, new Date(Date.now() + 3600_000))).toMatchObject({
      settled: expect.any(Number),
    });
    const [p] = await db().select().from(payments).where(eq(payments.id, paymentId));
    expect(p!.status).toBe("FAILED");
    if (onPostgres) expect(p!.processedAt).not.toBeNull();
  });
});
