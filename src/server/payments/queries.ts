import "server-only";
import { and, desc, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courses, payments, paymentStatus, users } from "../db/schema";
import { assertRole, assertSignedIn, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { invalidInput } from "../http/problem";

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
    })
    .from(payments)
    .leftJoin(courses, eq(courses.id, payments.courseId))
    .where(eq(payments.userId, actor.id))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(200);
}

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
export const ZPaymentFilter = z.object({
  status: z.preprocess(blankToUndefined, z.enum(paymentStatus.enumValues).optional()),
  provider: z.preprocess(blankToUndefined, z.enum(["stripe", "demo"]).optional()),
  from: z.preprocess(blankToUndefined, z.iso.date().optional()),
  to: z.preprocess(blankToUndefined, z.iso.date().optional()),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** Admin list of payments: filters by status, provider and date; newest first, keyset-paginated. */
export async function findPayments(db: Db, actor: Actor | null, input: unknown) {
  assertRole(actor, "ADMIN");
  const parsed = ZPaymentFilter.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const f = parsed.data;
  const after = decodeCursor(f.cursor, ZTimeIdKey);
  const rows = await db
    .select({
      id: payments.id,
      buyer: users.email,
      courseTitle: courses.title,
      amount: payments.amount,
      currency: payments.currency,
      status: payments.status,
      provider: payments.provider,
      createdAt: payments.createdAt,
      processedAt: payments.processedAt,
      refundedAmount: payments.refundedAmount,
      key: timestampKey(payments.createdAt),
    })
    .from(payments)
    .leftJoin(users, eq(users.id, payments.userId))
    .leftJoin(courses, eq(courses.id, payments.courseId))
    .where(
      and(
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
