import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import {
  couponRedemptions,
  coupons,
  courses,
  payments,
  type Coupon,
  type CouponRedemptionStatus,
} from "../db/schema";
import { AppError, notFound } from "../errors";
import { getEnv } from "../env";
import type { Actor } from "../accounts/actor";
import { consumeRateLimit } from "../platform/rate-limit";
import { formatPrice } from "@/lib/money";

/**
 * Coupons (docs/decisions.md, "Coupons"): what a code takes off a course's price, and why a code is refused.
 * Every decision that counts redemptions is made with the coupon's row locked (FOR UPDATE), so a coupon with N
 * uses left gives exactly N whatever the number of checkouts racing for it.
 */

export const COUPON_REASONS = [
  "UNKNOWN",
  "NOT_STARTED",
  "EXPIRED",
  "NOT_FOR_COURSE",
  "USED_UP",
  "ALREADY_USED",
  "INACTIVE",
  "BELOW_MINIMUM",
] as const;
export type CouponReason = (typeof COUPON_REASONS)[number];

/** A coupon code as typed: case-insensitive, stored upper-case. */
export const COUPON_CODE_PATTERN = /^[A-Z0-9-]{4,32}$/;
export const normalizeCouponCode = (code: string) => code.trim().toUpperCase();

/**
 * The smallest amount the payment provider charges, in minor units of each currency (Stripe's published
 * minimum charge amounts). A discounted price is 0 or at least this; anything between is refused.
 */
const MINIMUM_CHARGE: Record<string, number> = {
  USD: 50,
  EUR: 50,
  GBP: 30,
  CAD: 50,
  AUD: 50,
  NZD: 50,
  CHF: 50,
  SGD: 50,
  INR: 50,
  BRL: 50,
  JPY: 50,
  HKD: 400,
  MXN: 1000,
  DKK: 250,
  NOK: 300,
  SEK: 300,
  PLN: 200,
  CZK: 1500,
};
/** Unlisted currencies: 50 minor units, the most common minimum. */
export const minimumCharge = (currency: string) => MINIMUM_CHARGE[currency] ?? 50;

export function couponReasonMessage(reason: CouponReason, coupon?: Pick<Coupon, "startsAt" | "endsAt">) {
  const when = (d: Date | null | undefined) =>
    d ? ` (${d.toISOString().slice(0, 16).replace("T", " ")} UTC)` : "";
  switch (reason) {
    case "UNKNOWN":
      return "There is no coupon with this code. Check it for typos.";
    case "NOT_STARTED":
      return `This coupon cannot be used yet${when(coupon?.startsAt)}.`;
    case "EXPIRED":
      return `This coupon has expired${when(coupon?.endsAt)}.`;
    case "NOT_FOR_COURSE":
      return "This coupon is not valid for this course.";
    case "USED_UP":
      return "This coupon has been used as many times as it allows.";
    case "ALREADY_USED":
      return "You have already used this coupon as many times as it allows.";
    case "INACTIVE":
      return "This coupon is no longer active.";
    case "BELOW_MINIMUM": {
      const currency = getEnv().currency;
      return `With this coupon the price would be below the smallest amount we can charge (${formatPrice(minimumCharge(currency), currency)}), so it cannot be used for this course.`;
    }
  }
}

/** Cents a coupon takes off `price` (a percentage rounds to the nearest cent; never more than the price). */
export function couponDiscount(price: number, coupon: Pick<Coupon, "percentOff" | "amountOff">): number {
  if (coupon.percentOff !== null) return Math.min(price, Math.round((price * coupon.percentOff) / 100));
  return Math.min(price, coupon.amountOff ?? 0);
}

export interface CouponCheck {
  code: string;
  valid: boolean;
  reason?: CouponReason;
  message?: string;
}

export interface PriceQuote {
  price: number;
  discount: number;
  finalPrice: number;
  currency: string;
  coupon: CouponCheck | null;
}

/** Redemptions that use up a coupon: an open checkout's reservation and a paid one. */
const LIVE: CouponRedemptionStatus[] = ["RESERVED", "COMPLETED"];

export type CouponEvaluation =
  | { valid: true; coupon: Coupon; discount: number; finalPrice: number }
  | { valid: false; coupon: Coupon | null; reason: CouponReason };

/**
 * Whether `code` applies to `course` for `userId` (null: anyone; the per-user limit is then not checked) at
 * `now`. With `lock`, the coupon's row is locked first: the counts are then exact until the transaction ends.
 * `excludePaymentId` leaves out the reservation of the buyer's own open checkout, which a new checkout replaces.
 */
export async function evaluateCoupon(
  tx: Db,
  code: string,
  course: { id: string; price: number },
  opts: { userId: string | null; now?: Date; lock?: boolean; excludePaymentId?: string | null },
): Promise<CouponEvaluation> {
  const normalized = normalizeCouponCode(code);
  if (!COUPON_CODE_PATTERN.test(normalized)) return { valid: false, coupon: null, reason: "UNKNOWN" };
  const query = tx.select().from(coupons).where(eq(coupons.code, normalized));
  const [coupon] = opts.lock ? await query.for("update") : await query;
  if (!coupon) return { valid: false, coupon: null, reason: "UNKNOWN" };
  const refuse = (reason: CouponReason) => ({ valid: false as const, coupon, reason });
  const now = opts.now ?? new Date();
  if (!coupon.active) return refuse("INACTIVE");
  if (coupon.courseId !== null && coupon.courseId !== course.id) return refuse("NOT_FOR_COURSE");
  if (coupon.startsAt && coupon.startsAt.getTime() > now.getTime()) return refuse("NOT_STARTED");
  if (coupon.endsAt && coupon.endsAt.getTime() <= now.getTime()) return refuse("EXPIRED");
  const others = opts.excludePaymentId ? ne(couponRedemptions.paymentId, opts.excludePaymentId) : undefined;
  const [counts] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      mine: opts.userId
        ? sql<number>`(count(*) FILTER (WHERE ${couponRedemptions.userId} = ${opts.userId}))::int`
        : sql<number>`0`,
    })
    .from(couponRedemptions)
    .where(and(eq(couponRedemptions.couponId, coupon.id), inArray(couponRedemptions.status, LIVE), others));
  if (coupon.maxRedemptions !== null && Number(counts?.total ?? 0) >= coupon.maxRedemptions)
    return refuse("USED_UP");
  if (opts.userId && Number(counts?.mine ?? 0) >= coupon.perUserLimit) return refuse("ALREADY_USED");
  const discount = couponDiscount(course.price, coupon);
  const finalPrice = course.price - discount;
  if (finalPrice > 0 && finalPrice < minimumCharge(getEnv().currency)) return refuse("BELOW_MINIMUM");
  return { valid: true, coupon, discount, finalPrice };
}

export const couponInvalid = (evaluation: Extract<CouponEvaluation, { valid: false }>) => {
  const message = couponReasonMessage(evaluation.reason, evaluation.coupon ?? undefined);
  return new AppError("COUPON_INVALID", {
    userMessage: message,
    fields: [{ path: "couponCode", message }],
    errorDetails: { reason: evaluation.reason },
  });
};

/** Codes may be at most 64 characters in a query; anything not a code is simply UNKNOWN. */
export const ZCouponQuery = z.string().trim().max(64, "A coupon code is at most 32 characters.");

/**
 * A course's price, with what a coupon would take off. Public (a visitor may check a code before signing in);
 * for a signed-in buyer the per-user limit is checked too. Rate-limited per user or address, so codes cannot
 * be guessed by trying many.
 */
export async function quoteCoursePrice(
  db: Db,
  actor: Actor | null,
  slug: string,
  code: string | undefined,
  client: { ip: string | null },
): Promise<PriceQuote> {
  const currency = getEnv().currency;
  const [course] = await db
    .select({ id: courses.id, price: courses.price, published: courses.published })
    .from(courses)
    .where(eq(courses.slug, slug));
  if (!course || !course.published) throw notFound("This course");
  const base = { price: course.price, discount: 0, finalPrice: course.price, currency };
  const typed = code?.trim() ?? "";
  if (!typed) return { ...base, coupon: null };
  await consumeRateLimit(
    db,
    { name: "coupon-check", limit: 30, windowSeconds: 600 },
    actor?.id ?? `ip:${client.ip ?? "unknown"}`,
  );
  const shown = normalizeCouponCode(typed).slice(0, 32);
  if (course.price === 0) {
    return {
      ...base,
      coupon: {
        code: shown,
        valid: false,
        reason: "NOT_FOR_COURSE",
        message: "This course is free: no coupon is needed.",
      },
    };
  }
  const openPayment = actor ? await findOpenPaymentId(db, actor.id, course.id) : null;
  const result = await evaluateCoupon(db, typed, course, {
    userId: actor?.id ?? null,
    excludePaymentId: openPayment,
  });
  if (!result.valid) {
    return {
      ...base,
      coupon: {
        code: shown,
        valid: false,
        reason: result.reason,
        message: couponReasonMessage(result.reason, result.coupon ?? undefined),
      },
    };
  }
  return {
    price: course.price,
    discount: result.discount,
    finalPrice: result.finalPrice,
    currency,
    coupon: { code: result.coupon.code, valid: true },
  };
}

async function findOpenPaymentId(db: Db, userId: string, courseId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.userId, userId), eq(payments.courseId, courseId), eq(payments.status, "PENDING")));
  return row?.id ?? null;
}

/**
 * Moves a payment's redemption (if it has one): RESERVED → RELEASED when its checkout failed, expired or was
 * cancelled; → COMPLETED when paid (even from RELEASED: a late success was charged the discounted price, so
 * the use is honoured even if it takes the coupon past its limit).
 */
export async function settleRedemption(tx: Db, paymentId: string, to: "RELEASED" | "COMPLETED") {
  await tx
    .update(couponRedemptions)
    .set({ status: to })
    .where(
      and(
        eq(couponRedemptions.paymentId, paymentId),
        to === "RELEASED"
          ? eq(couponRedemptions.status, "RESERVED")
          : inArray(couponRedemptions.status, ["RESERVED", "RELEASED"]),
      ),
    );
}
