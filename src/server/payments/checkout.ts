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
import { applyAndNotify } from "./apply-and-notify";
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
      .select({
        id: payments.id,
        url: payments.checkoutUrl,
        expiresAt: payments.expiresAt,
        sessionId: payments.checkoutSessionId,
      })
      .from(payments)
      .where(
        and(eq(payments.userId, actor.id), eq(payments.courseId, course.id), eq(payments.status, "PENDING")),
      );
    if (open?.url && open.expiresAt && open.expiresAt.getTime() > now.getTime() + 60_000)
      return { url: open.url, paymentId: open.id };
    if (open) {
      // An expired or unfinished checkout is closed at the provider before a new one opens, so it can no
      // longer be paid; then here. If it was paid meanwhile, the buyer is sent to its return page instead.
      const paid = open.sessionId ? await closeCheckout(provider, open.sessionId, open.id) : false;
      if (paid) return { url: `${env.appUrl}/checkout/return?payment=${open.id}`, paymentId: open.id };
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

/**
 * Expires an open checkout at the provider. Returns true when it cannot be expired because it was paid (the
 * completion is applied by the return page or the notification); refuses (409) when it can be neither
 * expired nor found settled, e.g. a bank payment still processing.
 */
async function closeCheckout(provider: PaymentProvider, sessionId: string, paymentId: string) {
  try {
    await provider.expireCheckout(sessionId);
    return false;
  } catch (e) {
    const status = await provider.getCheckoutStatus(sessionId, paymentId).catch(() => null);
    if (status?.kind === "completed") return true;
    if (status?.kind === "failed") return false;
    logger.warn("an open checkout could not be expired", { paymentId, err: e });
    throw new AppError("CONFLICT", {
      userMessage:
        "Your previous checkout for this course could not be closed (a payment may still be processing). Try again in a few minutes.",
    });
  }
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
