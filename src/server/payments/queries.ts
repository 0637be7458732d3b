import "server-only";
import { and, desc, eq, gte, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { coupons, courses, payments, users } from "../db/schema";
import { assertRole, assertSignedIn, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { ZPaymentFilter } from "./schemas";

/** The actor's purchases, newest first. */
export async function findMyPayments(db: Db, actor: Actor | null) {
  assertSignedIn(actor);
  return db
    .select({
      id: payments.id,
      courseSlug: courses.slug,
      courseTitle: courses.title,
      amount: payments.amount,
      currency: payments.currency,
      status: payments.status,
      provider: payments.provider,
      createdAt: payments.createdAt,
      processedAt: payments.processedAt,
      refundedAmount: payments.refundedAmount,
      discount: payments.discountAmount,
      couponCode: coupons.code,
    })
    .from(payments)
    .leftJoin(courses, eq(courses.id, payments.courseId))
    .leftJoin(coupons, eq(coupons.id, payments.couponId))
    .where(eq(payments.userId, actor.id))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(200);
}

/** Admin list of payments: filters by status, provider and date; newest first, keyset-paginated. */
/** The buyer's e-mail or name contains the text (case-insensitive; % and _ are taken literally). */
function buyerMatches(text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return or(sql`lower(${users.email}) LIKE ${pattern}`, sql`lower(${users.name}) LIKE ${pattern}`);
}

export async function findPayments(db: Db, actor: Actor | null, input: z.input<typeof ZPaymentFilter>) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZPaymentFilter, input);
  const f = valid;
  const after = decodeCursor(f.cursor, ZTimeIdKey);
  const rows = await db
    .select({
      id: payments.id,
      buyer: users.email,
      buyerName: users.name,
      courseTitle: courses.title,
      amount: payments.amount,
      currency: payments.currency,
      status: payments.status,
      provider: payments.provider,
      createdAt: payments.createdAt,
      processedAt: payments.processedAt,
      refundedAmount: payments.refundedAmount,
      disputeStatus: payments.disputeStatus,
      discount: payments.discountAmount,
      couponCode: coupons.code,
      key: timestampKey(payments.createdAt),
    })
    .from(payments)
    .leftJoin(users, eq(users.id, payments.userId))
    .leftJoin(courses, eq(courses.id, payments.courseId))
    .leftJoin(coupons, eq(coupons.id, payments.couponId))
    .where(
      and(
        f.buyer ? buyerMatches(f.buyer) : undefined,
        f.status ? eq(payments.status, f.status) : undefined,
        f.provider ? eq(payments.provider, f.provider) : undefined,
        f.from ? gte(payments.createdAt, new Date(`${f.from}T00:00:00Z`)) : undefined,
        f.to ? lte(payments.createdAt, new Date(`${f.to}T23:59:59.999Z`)) : undefined,
        after ? olderThan(payments.createdAt, payments.id, after) : undefined,
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.key, r.id], { map: withoutKey });
}
