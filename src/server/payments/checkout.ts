import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses, enrollments, payments, users } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { getEnv } from "../env";
import { logger } from "../log";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { consumeRateLimit } from "../platform/rate-limit";
import { formatPrice } from "@/lib/format";
import { actionEmail, sendMail } from "../accounts/mailer";
import { applyPaymentEvent, receiptDetails } from "./fulfil";
import type { PaymentProvider } from "./provider";

const CHECKOUT_LIFETIME_MS = 30 * 60_000; // Stripe's minimum session lifetime

/**
 * Starts (or resumes) buying a paid course. The buyer's row is locked first, so two clicks or two tabs
 * at once create one PENDING payment (the partial unique index enforces it too); an open checkout is reused
 * until it expires. The provider is asked for a checkout inside the transaction with an idempotency key
 * derived from our payment id, so a retry never creates a second session for the same payment.
 */
export async function startCheckout(
  db: Db,
  actor: Actor | null,
  slug: string,
  provider: PaymentProvider | null,
  ctx: AuditContext = {},
): Promise<{ url: string; paymentId: string }> {
  assertSignedIn(actor);
  if (!provider)
    throw new AppError("UNAVAILABLE", { userMessage: "Purchases are not available on this instance yet." });
  if (!actor.emailVerified) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Confirm your e-mail address (on your account page) before buying a course.",
    });
  }
  await consumeRateLimit(db, { name: "checkout", limit: 20, windowSeconds: 3600 }, actor.id);
  const env = getEnv();
  return db.transaction(async (tx) => {
    const [buyer] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!buyer) throw notFound("Your account");
    const [course] = await tx
      .select({ id: courses.id, title: courses.title, price: courses.price, published: courses.published })
      .from(courses)
      .where(eq(courses.slug, slug));
    if (!course || !course.published) throw notFound("This course");
    if (course.price === 0)
      throw new AppError("CONFLICT", { userMessage: "This course is free: enroll from its page." });
    const [enrollment] = await tx
      .select({ status: enrollments.status })
      .from(enrollments)
      .where(and(eq(enrollments.userId, actor.id), eq(enrollments.courseId, course.id)));
    if (enrollment && enrollment.status !== "REFUNDED") {
      throw new AppError("CONFLICT", {
        userMessage: "You already have this course: find it on your dashboard.",
      });
    }
    const now = new Date();
    const [open] = await tx
      .select({ id: payments.id, url: payments.checkoutUrl, expiresAt: payments.expiresAt })
      .from(payments)
      .where(
        and(eq(payments.userId, actor.id), eq(payments.courseId, course.id), eq(payments.status, "PENDING")),
      );
    if (open?.url && open.expiresAt && open.expiresAt.getTime() > now.getTime() + 60_000)
      return { url: open.url, paymentId: open.id };
    if (open) {
      // An expired or unfinished checkout is closed before a new one opens (a late success still counts).
      await tx.update(payments).set({ status: "FAILED", processedAt: now }).where(eq(payments.id, open.id));
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        userId: actor.id,
        courseId: course.id,
        amount: course.price,
        currency: env.currency,
        provider: provider.name,
      })
      .returning({ id: payments.id });
    const expiresAt = new Date(now.getTime() + CHECKOUT_LIFETIME_MS);
    const session = await provider.createCheckout({
      paymentId: payment!.id,
      amount: course.price,
      currency: env.currency,
      courseTitle: course.title,
      customerEmail: buyer.email,
      successUrl: `${env.appUrl}/checkout/return?payment=${payment!.id}`,
      cancelUrl: `${env.appUrl}/courses/${slug}?checkout=cancelled`,
      expiresAt,
    });
    await tx
      .update(payments)
      .set({ checkoutSessionId: session.id, checkoutUrl: session.url, expiresAt: session.expiresAt })
      .where(eq(payments.id, payment!.id));
    await recordAudit(
      tx,
      actor,
      {
        action: "payment.started",
        entityType: "payment",
        entityId: payment!.id,
        after: { amount: course.price, currency: env.currency, provider: provider.name, course: slug },
      },
      ctx,
    );
    return { url: session.url, paymentId: payment!.id };
  });
}

/** Applies a notification, then sends the receipt when it completed a payment (after the commit). */
export async function applyAndNotify(
  db: Db,
  provider: PaymentProvider,
  event: Parameters<typeof applyPaymentEvent>[2],
) {
  const outcome = await applyPaymentEvent(db, provider.name, event);
  if (outcome.applied && outcome.transition === "completed") {
    try {
      const r = await receiptDetails(db, outcome.payment.id);
      if (r) {
        const env = getEnv();
        await sendMail(
          db,
          actionEmail({
            to: r.email,
            subject: `Receipt: ${r.title}`,
            heading: "Thank you for your purchase",
            intro: `You paid ${formatPrice(r.amount, r.currency)} for “${r.title}” on ${r.processedAt?.toUTCString()}. Payment reference ${outcome.payment.id}.`,
            button: "Start learning",
            url: `${env.appUrl}/courses/${r.slug}`,
            expires: new Date(Date.now() + 365 * 86_400_000),
            footer: "Keep this e-mail as your receipt. Your purchases are also listed on your account page.",
          }),
        );
      }
    } catch (e) {
      logger.error("receipt e-mail failed", { err: e, paymentId: outcome.payment.id });
    }
  }
  return outcome;
}

export interface CheckoutStatus {
  paymentId: string;
  status: "PENDING" | "COMPLETED" | "FAILED" | "REFUNDED";
  courseSlug: string | null;
  courseTitle: string | null;
  amount: number;
  currency: string;
}

/**
 * The return page: the payment's real status. A PENDING payment is looked up at the provider and settled by
 * the same idempotent fulfilment as the webhook, so a lost webhook never leaves a buyer charged without access.
 */
export async function syncCheckout(
  db: Db,
  actor: Actor | null,
  paymentId: string,
  provider: PaymentProvider | null,
): Promise<CheckoutStatus> {
  assertSignedIn(actor);
  const load = async () => {
    const [row] = await db
      .select({
        paymentId: payments.id,
        status: payments.status,
        sessionId: payments.checkoutSessionId,
        courseSlug: courses.slug,
        courseTitle: courses.title,
        amount: payments.amount,
        currency: payments.currency,
        provider: payments.provider,
      })
      .from(payments)
      .leftJoin(courses, eq(courses.id, payments.courseId))
      .where(and(eq(payments.id, paymentId), eq(payments.userId, actor.id)));
    return row;
  };
  let row = await load();
  if (!row) throw notFound("That payment");
  if (row.status === "PENDING" && row.sessionId && provider && provider.name === row.provider) {
    const event = await provider.getCheckoutStatus(row.sessionId, row.paymentId);
    if (event) {
      await applyAndNotify(db, provider, event);
      row = (await load())!;
    }
  }
  const { sessionId: _s, provider: _p, ...status } = row;
  void _s;
  void _p;
  return status;
}

/** Stale PENDING payments, for reconciliation: their checkout should have ended by now. */
export async function findStalePending(db: Db, now = new Date()) {
  return db
    .select({
      id: payments.id,
      sessionId: payments.checkoutSessionId,
      provider: payments.provider,
      expiresAt: payments.expiresAt,
    })
    .from(payments)
    .where(
      and(
        eq(payments.status, "PENDING"),
        sql`coalesce(${payments.expiresAt}, ${payments.createdAt} + interval '1 day') < ${now}`,
      ),
    )
    .limit(500);
}
