import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { coupons, courseInstructors, courses, type Coupon } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, forbidden, isUniqueViolation, notFound } from "../errors";
import { assertRole, type Actor } from "../accounts/actor";
import { decodeCursor, olderThan, timestampKey, toPage, withoutKey, ZTimeIdKey } from "../pagination";
import { parseInput } from "../validation";
import { isCourseStaffSql } from "../authoring/staff";
import { isCourseOwnerOrAdminSql, lockCourseForOwner } from "../authoring/course-access";
import { COUPON_CODE_PATTERN, normalizeCouponCode } from "./coupons";

/**
 * Coupon management (docs/decisions.md, "Coupons"): admins manage every coupon, including those for every
 * course; a course's OWNER manages the coupons restricted to that course (co-instructors do not). A coupon with
 * redemptions is never deleted: it is deactivated. Code and course are fixed once created (payments name the
 * coupon), everything else may change. Every change is audited.
 */

const dateTime = z.iso.datetime({
  offset: true,
  message: "Use a date and time such as 2027-01-31T23:59:00Z.",
});
const nullableDate = z.preprocess((v) => (v === "" ? null : v), dateTime.nullable().optional());

const ZCode = z
  .string()
  .trim()
  .transform(normalizeCouponCode)
  .refine((c) => COUPON_CODE_PATTERN.test(c), {
    message: "A code is 4 to 32 letters, digits or hyphens (for example SPRING-25).",
  });

const discountFields = {
  percentOff: z.number().int().min(1, "At least 1% off.").max(100, "At most 100% off.").nullable().optional(),
  amountOff: z
    .number()
    .int("An amount off is a whole number of cents.")
    .min(1, "An amount off is at least 1 cent.")
    .max(100_000_000)
    .nullable()
    .optional(),
};
const limitFields = {
  startsAt: nullableDate,
  endsAt: nullableDate,
  maxRedemptions: z
    .number()
    .int()
    .min(1, "Allow at least one use, or no limit.")
    .max(1_000_000)
    .nullable()
    .optional(),
  perUserLimit: z.number().int().min(1, "Each person may use it at least once.").max(1000).optional(),
  active: z.boolean().optional(),
};

function checkWindow(v: { startsAt?: string | null; endsAt?: string | null }, ctx: z.RefinementCtx) {
  if (v.startsAt && v.endsAt && new Date(v.endsAt) <= new Date(v.startsAt))
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start." });
}

export const ZCouponCreate = z
  .strictObject({
    code: ZCode,
    ...discountFields,
    courseId: z.string().trim().min(1).max(64).nullable().optional(),
    ...limitFields,
  })
  .superRefine((v, ctx) => {
    if ((v.percentOff ?? null) === null && (v.amountOff ?? null) === null)
      ctx.addIssue({ code: "custom", path: ["percentOff"], message: "Give a percent off or an amount off." });
    if ((v.percentOff ?? null) !== null && (v.amountOff ?? null) !== null)
      ctx.addIssue({
        code: "custom",
        path: ["amountOff"],
        message: "Give a percent off or an amount off, not both.",
      });
    checkWindow(v, ctx);
  });
export type TCouponCreate = z.input<typeof ZCouponCreate>;

export const ZCouponUpdate = z.strictObject({ ...discountFields, ...limitFields }).superRefine((v, ctx) => {
  if (v.percentOff != null && v.amountOff != null)
    ctx.addIssue({
      code: "custom",
      path: ["amountOff"],
      message: "Give a percent off or an amount off, not both.",
    });
  checkWindow(v, ctx);
});
export type TCouponUpdate = z.input<typeof ZCouponUpdate>;

export const ZCouponList = z.object({
  courseId: z.string().trim().min(1).max(64).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export interface CouponView {
  id: string;
  code: string;
  percentOff: number | null;
  amountOff: number | null;
  courseId: string | null;
  courseTitle: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  maxRedemptions: number | null;
  perUserLimit: number;
  active: boolean;
  /** Reserved (checkout open) plus completed uses. */
  redemptions: number;
  createdAt: Date;
  updatedAt: Date;
  /** Whether a buyer could use it now (per-user limits aside). */
  state: CouponState;
}

export type CouponState = "ACTIVE" | "INACTIVE" | "SCHEDULED" | "EXPIRED" | "USED_UP";

function withState(row: Omit<CouponView, "state">, now = Date.now()): CouponView {
  const state: CouponState = !row.active
    ? "INACTIVE"
    : row.endsAt && row.endsAt.getTime() <= now
      ? "EXPIRED"
      : row.startsAt && row.startsAt.getTime() > now
        ? "SCHEDULED"
        : row.maxRedemptions !== null && row.redemptions >= row.maxRedemptions
          ? "USED_UP"
          : "ACTIVE";
  return { ...row, state };
}

const LIVE_COUNT = sql<number>`(SELECT count(*)::int FROM coupon_redemptions r
  WHERE r.coupon_id = ${coupons.id} AND r.status IN ('RESERVED', 'COMPLETED'))`;

const VIEW = {
  id: coupons.id,
  code: coupons.code,
  percentOff: coupons.percentOff,
  amountOff: coupons.amountOff,
  courseId: coupons.courseId,
  courseTitle: courses.title,
  startsAt: coupons.startsAt,
  endsAt: coupons.endsAt,
  maxRedemptions: coupons.maxRedemptions,
  perUserLimit: coupons.perUserLimit,
  active: coupons.active,
  redemptions: LIVE_COUNT,
  createdAt: coupons.createdAt,
  updatedAt: coupons.updatedAt,
};

/** SQL condition: the actor may manage this coupon (admin; or owner of its course, still an instructor). */
function mayManage(actor: Actor) {
  if (actor.role === "ADMIN") return undefined;
  return and(
    sql`${coupons.courseId} IS NOT NULL`,
    isCourseStaffSql(actor, coupons.courseId),
    sql`EXISTS (SELECT 1 FROM ${courseInstructors} own WHERE own.course_id = ${coupons.courseId}
                AND own.user_id = ${actor.id} AND own.role = 'OWNER')`,
  );
}

/** Coupons the actor manages, newest first, keyset-paginated; optionally those of one course. */
export async function listCoupons(db: Db, actor: Actor | null, input: z.input<typeof ZCouponList>) {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  const f = parseInput(ZCouponList, input);
  const after = decodeCursor(f.cursor, ZTimeIdKey, { scope: f.courseId ?? "" });
  const rows = await db
    .select({ ...VIEW, key: timestampKey(coupons.createdAt) })
    .from(coupons)
    .leftJoin(courses, eq(courses.id, coupons.courseId))
    .where(
      and(
        mayManage(actor),
        f.courseId ? eq(coupons.courseId, f.courseId) : undefined,
        after ? olderThan(coupons.createdAt, coupons.id, after) : undefined,
      ),
    )
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(f.limit + 1);
  return toPage(rows, f.limit, (r) => [r.key, r.id], {
    scope: f.courseId ?? "",
    map: (row) => withState(withoutKey(row)),
  });
}

async function loadCoupon(db: Db, actor: Actor, id: string): Promise<CouponView> {
  const [row] = await db
    .select(VIEW)
    .from(coupons)
    .leftJoin(courses, eq(courses.id, coupons.courseId))
    .where(and(eq(coupons.id, id), mayManage(actor)));
  if (!row) throw notFound("This coupon");
  return withState(row);
}

export async function getCoupon(db: Db, actor: Actor | null, id: string): Promise<CouponView> {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  return loadCoupon(db, actor, id);
}

const duplicateCode = () =>
  new AppError("CONFLICT", {
    userMessage: "A coupon with this code already exists: choose another code.",
    fields: [{ path: "code", message: "This code is taken." }],
  });

function auditFields(
  c: Pick<
    Coupon,
    | "code"
    | "percentOff"
    | "amountOff"
    | "courseId"
    | "startsAt"
    | "endsAt"
    | "maxRedemptions"
    | "perUserLimit"
    | "active"
  >,
) {
  return {
    code: c.code,
    percentOff: c.percentOff,
    amountOff: c.amountOff,
    courseId: c.courseId,
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    maxRedemptions: c.maxRedemptions,
    perUserLimit: c.perUserLimit,
    active: c.active,
  };
}

/** Creates a coupon. Without a course it applies to every course: admins only. */
export async function createCoupon(
  db: Db,
  actor: Actor | null,
  input: TCouponCreate,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  const v = parseInput(ZCouponCreate, input);
  const courseId = v.courseId ?? null;
  if (!courseId && actor.role !== "ADMIN")
    throw forbidden(
      "Only an administrator can create a coupon for every course: choose one of your courses.",
    );
  const id = await db.transaction(async (tx) => {
    if (courseId) {
      await lockCourseForOwner(
        tx,
        actor,
        courseId,
        "Only the course's owner or an administrator can manage its coupons.",
      );
    }
    try {
      const [row] = await tx
        .insert(coupons)
        .values({
          code: v.code,
          percentOff: v.percentOff ?? null,
          amountOff: v.amountOff ?? null,
          courseId,
          startsAt: v.startsAt ? new Date(v.startsAt) : null,
          endsAt: v.endsAt ? new Date(v.endsAt) : null,
          maxRedemptions: v.maxRedemptions ?? null,
          perUserLimit: v.perUserLimit ?? 1,
          active: v.active ?? true,
          createdBy: actor.id,
        })
        .returning();
      await recordAudit(
        tx,
        actor,
        { action: "coupon.created", entityType: "coupon", entityId: row!.id, after: auditFields(row!) },
        ctx,
      );
      return row!.id;
    } catch (e) {
      if (isUniqueViolation(e, "uq_coupons_code")) throw duplicateCode();
      throw e;
    }
  });
  return loadCoupon(db, actor, id);
}

/**
 * Changes a coupon (deactivate with `{ active: false }`). The row is locked, so a checkout counting its uses
 * sees the change before or after, never half of it. Switching between percent and amount off clears the other.
 */
export async function updateCoupon(
  db: Db,
  actor: Actor | null,
  id: string,
  input: TCouponUpdate,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  const v = parseInput(ZCouponUpdate, input);
  await db.transaction(async (tx) => {
    const [visible] = await tx
      .select({ id: coupons.id, courseId: coupons.courseId })
      .from(coupons)
      .where(and(eq(coupons.id, id), mayManage(actor)));
    if (!visible) throw notFound("This coupon");
    if (visible.courseId && actor.role !== "ADMIN") {
      await lockCourseForOwner(
        tx,
        actor,
        visible.courseId,
        "Only the course's owner or an administrator can manage its coupons.",
      );
    }
    const [before] = await tx.select().from(coupons).where(eq(coupons.id, id)).for("update");
    if (!before) throw notFound("This coupon");
    const patch: Partial<typeof coupons.$inferInsert> = {};
    if (v.percentOff != null) Object.assign(patch, { percentOff: v.percentOff, amountOff: null });
    if (v.amountOff != null) Object.assign(patch, { amountOff: v.amountOff, percentOff: null });
    if (v.startsAt !== undefined) patch.startsAt = v.startsAt ? new Date(v.startsAt) : null;
    if (v.endsAt !== undefined) patch.endsAt = v.endsAt ? new Date(v.endsAt) : null;
    if (v.maxRedemptions !== undefined) patch.maxRedemptions = v.maxRedemptions;
    if (v.perUserLimit !== undefined) patch.perUserLimit = v.perUserLimit;
    if (v.active !== undefined) patch.active = v.active;
    const startsAt = patch.startsAt !== undefined ? patch.startsAt : before.startsAt;
    const endsAt = patch.endsAt !== undefined ? patch.endsAt : before.endsAt;
    if (startsAt && endsAt && endsAt <= startsAt) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "The end must be after the start.",
        fields: [{ path: "endsAt", message: "The end must be after the start." }],
      });
    }
    if (Object.keys(patch).length === 0) return;
    const [after] = await tx.update(coupons).set(patch).where(eq(coupons.id, id)).returning();
    await recordAudit(
      tx,
      actor,
      {
        action: "coupon.updated",
        entityType: "coupon",
        entityId: id,
        before: auditFields(before),
        after: auditFields(after!),
      },
      ctx,
    );
  });
  return loadCoupon(db, actor, id);
}

/** Courses the actor may make coupons for (their own as OWNER; every course for an admin), for the form. */
export async function couponCourseChoices(db: Db, actor: Actor | null) {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(
      actor.role === "ADMIN"
        ? undefined
        : inArray(
            courses.id,
            db
              .select({ id: courseInstructors.courseId })
              .from(courseInstructors)
              .where(and(eq(courseInstructors.userId, actor.id), eq(courseInstructors.role, "OWNER"))),
          ),
    )
    .orderBy(courses.title)
    .limit(500);
}

/**
 * The course of a course owner's coupons page: its owner or an admin sees it; other course staff are told
 * only its owner manages coupons (403); anyone else finds nothing (404).
 */
export async function getCouponCourse(db: Db, actor: Actor | null, courseId: string) {
  assertRole(actor, "ADMIN", "INSTRUCTOR");
  const [row] = await db
    .select({
      id: courses.id,
      title: courses.title,
      slug: courses.slug,
      price: courses.price,
      owner: isCourseOwnerOrAdminSql(actor, courses.id).mapWith(Boolean),
    })
    .from(courses)
    .where(and(eq(courses.id, courseId), isCourseStaffSql(actor, courses.id)));
  if (!row) throw notFound("This course");
  if (!row.owner) throw forbidden("Only the course's owner or an administrator manages its coupons.");
  return { id: row.id, title: row.title, slug: row.slug, price: row.price };
}
