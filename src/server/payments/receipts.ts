import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { coupons, courses, payments, users } from "../db/schema";
import { getEnv } from "../env";
import { logger } from "../log";
import { notFound } from "../errors";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { escapeHtml, sendMail, type OutgoingMail } from "../accounts/mailer";
import { formatLongDate } from "@/lib/dates";
import { formatPrice } from "@/lib/money";
import { PLATFORM_NAME } from "../platform/info";

/**
 * Receipts (docs/decisions.md, "Receipts"): what was bought, for how much (the price, a coupon's discount,
 * what was paid, what was refunded), when, the payment reference and the seller (the platform's name and
 * BUSINESS_ADDRESS). The same figures make the receipt page, the receipt e-mail and the refund e-mail.
 */
export interface Receipt {
  paymentId: string;
  courseTitle: string;
  courseSlug: string | null;
  /** Cents: the price before any coupon, the discount, what was charged, what has been refunded. */
  price: number;
  discount: number;
  couponCode: string | null;
  paid: number;
  refunded: number;
  currency: string;
  status: "COMPLETED" | "REFUNDED";
  method: string;
  paidAt: Date;
  buyerName: string | null;
  buyerEmail: string | null;
  seller: { name: string; address: string | null };
}

const METHOD: Record<string, string> = {
  stripe: "Card (Stripe)",
  demo: "Demo payment (no money moved)",
  coupon: "Coupon (nothing charged)",
};

async function loadReceipt(db: Db, paymentId: string) {
  const [row] = await db
    .select({
      paymentId: payments.id,
      userId: payments.userId,
      courseTitle: courses.title,
      courseSlug: courses.slug,
      amount: payments.amount,
      discount: payments.discountAmount,
      couponCode: coupons.code,
      refunded: payments.refundedAmount,
      currency: payments.currency,
      status: payments.status,
      provider: payments.provider,
      processedAt: payments.processedAt,
      buyerName: users.name,
      buyerEmail: users.email,
    })
    .from(payments)
    .leftJoin(courses, eq(courses.id, payments.courseId))
    .leftJoin(coupons, eq(coupons.id, payments.couponId))
    .leftJoin(users, eq(users.id, payments.userId))
    .where(eq(payments.id, paymentId));
  if (!row || (row.status !== "COMPLETED" && row.status !== "REFUNDED") || !row.processedAt) return null;
  const receipt: Receipt = {
    paymentId: row.paymentId,
    courseTitle: row.courseTitle ?? "A course",
    courseSlug: row.courseSlug,
    price: row.amount + row.discount,
    discount: row.discount,
    couponCode: row.couponCode,
    paid: row.amount,
    refunded: row.refunded,
    currency: row.currency,
    status: row.status,
    method: METHOD[row.provider] ?? row.provider,
    paidAt: row.processedAt,
    buyerName: row.buyerName,
    buyerEmail: row.buyerEmail,
    seller: { name: PLATFORM_NAME, address: getEnv().businessAddress },
  };
  return { receipt, userId: row.userId };
}

/** A paid (or since refunded) purchase's receipt, for its buyer or an admin; anyone else: not found. */
export async function getReceipt(db: Db, actor: Actor | null, paymentId: string): Promise<Receipt> {
  assertSignedIn(actor);
  const loaded = await loadReceipt(db, paymentId);
  if (!loaded || (loaded.userId !== actor.id && actor.role !== "ADMIN")) throw notFound("This receipt");
  return loaded.receipt;
}

/** The receipt's lines, as label and value, in the order the page and the e-mails show them. */
export function receiptLines(r: Receipt): [string, string][] {
  const money = (n: number) => formatPrice(n, r.currency);
  return [
    ["Course", r.courseTitle],
    ["Price", money(r.price)],
    ...(r.discount > 0
      ? ([[`Coupon ${r.couponCode ?? ""}`.trim(), `−${money(r.discount)}`]] as [string, string][])
      : []),
    ["Paid", money(r.paid)],
    ...(r.refunded > 0 ? ([["Refunded", `−${money(r.refunded)}`]] as [string, string][]) : []),
    ["Date", formatLongDate(r.paidAt)],
    ["Payment method", r.method],
    ["Payment reference", r.paymentId],
    ["Sold by", [r.seller.name, r.seller.address].filter(Boolean).join(", ")],
  ];
}

/** A receipt-shaped e-mail: a heading, a sentence, the lines as a table, a link to the receipt page. */
function receiptMail(to: string, subject: string, heading: string, intro: string, r: Receipt): OutgoingMail {
  const url = `${getEnv().appUrl}/account/receipts/${r.paymentId}`;
  const lines = receiptLines(r);
  const text = [
    `${PLATFORM_NAME} — ${heading}`,
    "",
    intro,
    "",
    ...lines.map(([k, v]) => `${k}: ${v}`),
    "",
    `Your receipt, to print or keep: ${url}`,
  ].join("\n");
  const rows = lines
    .map(
      ([k, v]) =>
        `<tr><td style="padding:6px 0;color:#64748b">${escapeHtml(k)}</td><td style="padding:6px 0;text-align:right;font-weight:600">${escapeHtml(v)}</td></tr>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="margin:0;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" style="max-width:520px;background:#ffffff;border-radius:16px;border:1px solid #e2e8f0" cellpadding="0" cellspacing="0">
<tr><td style="padding:28px 28px 0"><span style="font-weight:700">${escapeHtml(PLATFORM_NAME)}</span></td></tr>
<tr><td style="padding:16px 28px 0"><h1 style="font-size:20px;margin:0">${escapeHtml(heading)}</h1>
<p style="line-height:1.5;color:#334155">${escapeHtml(intro)}</p></td></tr>
<tr><td style="padding:0 28px"><table role="presentation" width="100%" style="font-size:14px;border-top:1px solid #e2e8f0">${rows}</table></td></tr>
<tr><td style="padding:20px 28px 28px"><a href="${escapeHtml(url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;border-radius:8px;padding:12px 20px">View your receipt</a></td></tr>
</table></td></tr></table></body></html>`;
  return { to, subject, text, html };
}

export function receiptEmail(r: Receipt): OutgoingMail | null {
  if (!r.buyerEmail) return null;
  return receiptMail(
    r.buyerEmail,
    `Receipt: ${r.courseTitle}`,
    "Thank you for your purchase",
    `You bought “${r.courseTitle}” on ${formatLongDate(r.paidAt)}. Keep this e-mail as your receipt.`,
    r,
  );
}

export function refundEmail(r: Receipt): OutgoingMail | null {
  if (!r.buyerEmail) return null;
  const full = r.status === "REFUNDED";
  return receiptMail(
    r.buyerEmail,
    `Refund: ${r.courseTitle}`,
    full ? "Your purchase was refunded" : "Part of your purchase was refunded",
    full
      ? `${formatPrice(r.refunded, r.currency)} is on its way back to you. Access to “${r.courseTitle}” has ended; you can buy it again at any time, and your progress is kept.`
      : `${formatPrice(r.refunded, r.currency)} of your payment for “${r.courseTitle}” has been refunded so far. You keep access to the course.`,
    r,
  );
}

/** After a commit: the e-mail a completed or refunded payment deserves. A failure is logged, never thrown. */
export async function notifyBuyer(db: Db, paymentId: string, what: "receipt" | "refund") {
  try {
    const loaded = await loadReceipt(db, paymentId);
    if (!loaded) return;
    const mail = what === "receipt" ? receiptEmail(loaded.receipt) : refundEmail(loaded.receipt);
    if (mail) await sendMail(db, mail);
  } catch (e) {
    logger.error(`${what} e-mail failed`, { err: e, paymentId });
  }
}
