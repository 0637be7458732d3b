import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, couponRedemptions, coupons, enrollments, payments, type NewCoupon } from "../db/schema";
import { addInstructor, createCourseTree, createUser } from "../db/seed/factories";
import { isAppError } from "../errors";
import { startCheckout } from "./checkout";
import { createCoupon, listCoupons, updateCoupon } from "./coupon-admin";
import { couponDiscount, quoteCoursePrice } from "./coupons";
import { completeDemoCheckout, expireDemoCheckout } from "./demo-checkout";
import { DemoProvider } from "./demo-provider";
import { refundPayment } from "./refund";

let database: Database;
const demo = new DemoProvider("http://localhost:3000", "whsec_coupon_tests");
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 24 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;
let n = 0;
const code = (prefix = "TEST") => `${prefix}-${Date.now().toString(36).toUpperCase()}-${++n}`;

async function setup(price = 5000) {
  const buyer = await createUser(db(), { emailVerified: new Date() });
  const tree = await createCourseTree(db(), [1], { published: true, price });
  return { buyer, course: tree.course };
}
async function coupon(values: Partial<NewCoupon> = {}) {
  const [row] = await db()
    .insert(coupons)
    .values({ code: code(), percentOff: 50, ...values })
    .returning();
  return row!;
}
const quote = (
  user: { id: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" } | null,
  slug: string,
  c: string,
) => quoteCoursePrice(db(), user ? actorOf(user as never) : null, slug, c, { ip: "127.0.0.9" });
const redemptionsOf = (couponId: string) =>
  db().select().from(couponRedemptions).where(eq(couponRedemptions.couponId, couponId));
const sessionOf = (url: string) => url.split("/").at(-1)!;

describe("coupon prices", () => {
  it("rounds a percentage to the cent and never takes more than the price", () => {
    expect(couponDiscount(4999, { percentOff: 50, amountOff: null })).toBe(2500);
    expect(couponDiscount(1000, { percentOff: null, amountOff: 5000 })).toBe(1000);
  });

  it("quotes the discounted price, case-insensitively", async () => {
    const { buyer, course } = await setup(4900);
    const c = await coupon({ percentOff: 50 });
    const q = await quote(buyer, course.slug, c.code.toLowerCase());
    expect(q).toEqual({
      price: 4900,
      discount: 2450,
      finalPrice: 2450,
      currency: "USD",
      coupon: { code: c.code, valid: true },
    });
    expect((await quote(null, course.slug, "")).coupon).toBeNull();
  });

  it("refuses with each fixed reason and a message", async () => {
    const { buyer, course } = await setup(5000);
    const other = await createCourseTree(db(), [1], { published: true, price: 5000 });
    const day = 86_400_000;
    const cases: [string, string][] = [
      ["NO-SUCH-CODE", "UNKNOWN"],
      ["bad code!", "UNKNOWN"],
      [(await coupon({ active: false })).code, "INACTIVE"],
      [(await coupon({ courseId: other.course.id })).code, "NOT_FOR_COURSE"],
      [(await coupon({ startsAt: new Date(Date.now() + day) })).code, "NOT_STARTED"],
      [
        (await coupon({ startsAt: new Date(Date.now() - 2 * day), endsAt: new Date(Date.now() - day) })).code,
        "EXPIRED",
      ],
      // 5000 − 4980 = 20 cents: above zero, below Stripe's 50-cent minimum.
      [(await coupon({ percentOff: null, amountOff: 4980 })).code, "BELOW_MINIMUM"],
    ];
    for (const [c, reason] of cases) {
      const q = await quote(buyer, course.slug, c);
      expect(q.coupon, c).toMatchObject({ valid: false, reason });
      expect(q.coupon?.message, c).toMatch(/\w/);
      expect(q.finalPrice).toBe(5000);
    }
  });

  it("counts open checkouts and completed uses against the limits; the buyer's own open checkout does not block them", async () => {
    const { buyer, course } = await setup(5000);
    const c = await coupon({ maxRedemptions: 1 });
    const started = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code);
    expect(started.kind).toBe("checkout");
    // The buyer may reopen their own checkout with the code; someone else finds it used up.
    expect((await quote(buyer, course.slug, c.code)).coupon?.valid).toBe(true);
    const someone = await createUser(db(), { emailVerified: new Date() });
    expect((await quote(someone, course.slug, c.code)).coupon).toMatchObject({ reason: "USED_UP" });
    const roomy = await coupon({ maxRedemptions: 10 });
    await startCheckout(db(), actorOf(someone), course.slug, demo, {}, roomy.code);
    const again = await setup(5000);
    void again;
    const second = await createCourseTree(db(), [1], { published: true, price: 5000 });
    expect((await quote(someone, second.course.slug, roomy.code)).coupon).toMatchObject({
      reason: "ALREADY_USED",
    });
  });
});

describe("checkout with a coupon", () => {
  it("charges the discounted amount, records the coupon and completes its use when paid", async () => {
    const { buyer, course } = await setup(4900);
    const c = await coupon({ percentOff: 50 });
    const started = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code.toLowerCase());
    if (started.kind !== "checkout") throw new Error("expected a checkout");
    const [p] = await db().select().from(payments).where(eq(payments.id, started.paymentId));
    expect(p).toMatchObject({ amount: 2450, discountAmount: 2450, couponId: c.id, status: "PENDING" });
    expect(await redemptionsOf(c.id)).toMatchObject([
      { status: "RESERVED", discount: 2450, userId: buyer.id },
    ]);
    await completeDemoCheckout(db(), actorOf(buyer), demo, sessionOf(started.url), "pay");
    expect(await redemptionsOf(c.id)).toMatchObject([{ status: "COMPLETED" }]);
    const [e] = await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, buyer.id), eq(enrollments.courseId, course.id)));
    expect(e?.status).toBe("ACTIVE");
    // A refund does not give the use back.
    const admin = await createUser(db(), { role: "ADMIN" });
    await refundPayment(db(), actorOf(admin), { paymentId: started.paymentId }, demo);
    expect(await redemptionsOf(c.id)).toMatchObject([{ status: "COMPLETED" }]);
  });

  it("releases the use when the checkout expires or another replaces it", async () => {
    const { buyer, course } = await setup(5000);
    const c = await coupon({ maxRedemptions: 1 });
    const first = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code);
    if (first.kind !== "checkout") throw new Error("expected a checkout");
    await expireDemoCheckout(db(), demo, first.paymentId, sessionOf(first.url));
    expect(await redemptionsOf(c.id)).toMatchObject([{ status: "RELEASED" }]);
    // Reserved again, then replaced by a checkout without the coupon: released again.
    const second = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code);
    expect(second.kind).toBe("checkout");
    const third = await startCheckout(db(), actorOf(buyer), course.slug, demo, {});
    if (third.kind !== "checkout") throw new Error("expected a checkout");
    const [p] = await db().select().from(payments).where(eq(payments.id, third.paymentId));
    expect(p).toMatchObject({ amount: 5000, couponId: null, discountAmount: 0 });
    expect((await redemptionsOf(c.id)).map((r) => r.status).sort()).toEqual(["RELEASED", "RELEASED"]);
  });

  it("reuses an open checkout opened with the same code", async () => {
    const { buyer, course } = await setup(5000);
    const c = await coupon();
    const a = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code);
    const b = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code.toLowerCase());
    expect(b).toEqual(a);
    expect(await redemptionsOf(c.id)).toHaveLength(1);
  });

  it("refuses an unusable coupon with 422 COUPON_INVALID and its reason, changing nothing", async () => {
    const { buyer, course } = await setup(5000);
    const c = await coupon({ active: false });
    const refusal = await startCheckout(db(), actorOf(buyer), course.slug, demo, {}, c.code).catch((e) => e);
    expect(isAppError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: "COUPON_INVALID",
      status: 422,
      errorDetails: { reason: "INACTIVE" },
    });
    expect(await db().select().from(payments).where(eq(payments.userId, buyer.id))).toHaveLength(0);
  });

  it("enrolls at once with a 100% coupon: a zero-amount COMPLETED payment, no provider needed", async () => {
    const { buyer, course } = await setup(5000);
    const c = await coupon({ percentOff: 100 });
    const outcome = await startCheckout(db(), actorOf(buyer), course.slug, null, {}, c.code);
    expect(outcome).toMatchObject({
      kind: "enrolled",
      enrollment: { status: "ACTIVE", courseId: course.id },
    });
    const [p] = await db().select().from(payments).where(eq(payments.userId, buyer.id));
    expect(p).toMatchObject({
      amount: 0,
      discountAmount: 5000,
      status: "COMPLETED",
      provider: "coupon",
      couponId: c.id,
    });
    expect(await redemptionsOf(c.id)).toMatchObject([{ status: "COMPLETED" }]);
    // Nothing to refund.
    const admin = await createUser(db(), { role: "ADMIN" });
    await expect(refundPayment(db(), actorOf(admin), { paymentId: p!.id }, demo)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it.skipIf(!onPostgres)(
    "gives a coupon with 5 uses left to exactly 5 of 20 students checking out at once",
    async () => {
      const tree = await createCourseTree(db(), [1], { published: true, price: 5000 });
      const c = await coupon({ maxRedemptions: 5 });
      const students = await Promise.all(
        Array.from({ length: 20 }, () => createUser(db(), { emailVerified: new Date() })),
      );
      const outcomes = await Promise.allSettled(
        students.map((s) => startCheckout(db(), actorOf(s), tree.course.slug, demo, {}, c.code)),
      );
      const ok = outcomes.filter((o) => o.status === "fulfilled");
      const refused = outcomes.filter((o) => o.status === "rejected");
      expect(ok).toHaveLength(5);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toMatchObject({ errorDetails: { reason: "USED_UP" } });
      const live = (await redemptionsOf(c.id)).filter((r) => r.status === "RESERVED");
      expect(live).toHaveLength(5);
    },
  );
});

describe("managing coupons", () => {
  it("lets a course's owner manage its coupons, not a co-instructor, and only admins make coupons for every course", async () => {
    const owner = await createUser(db(), { role: "INSTRUCTOR" });
    const helper = await createUser(db(), { role: "INSTRUCTOR" });
    const admin = await createUser(db(), { role: "ADMIN" });
    const student = await createUser(db());
    const { course } = await setup(5000);
    await addInstructor(db(), course.id, owner.id, "OWNER");
    await addInstructor(db(), course.id, helper.id, "INSTRUCTOR");

    const mine = await createCoupon(db(), actorOf(owner), {
      code: code("own"),
      percentOff: 20,
      courseId: course.id,
    });
    expect(mine).toMatchObject({ percentOff: 20, courseId: course.id, redemptions: 0, state: "ACTIVE" });
    expect(mine.code).toBe(mine.code.toUpperCase());
    await expect(
      createCoupon(db(), actorOf(helper), { code: code(), percentOff: 20, courseId: course.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createCoupon(db(), actorOf(owner), { code: code(), percentOff: 20 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      createCoupon(db(), actorOf(student), { code: code(), percentOff: 20 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateCoupon(db(), actorOf(helper), mine.id, { active: false })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const everywhere = await createCoupon(db(), actorOf(admin), { code: code(), amountOff: 1000 });
    expect(everywhere.courseId).toBeNull();
    // The owner lists their course's coupons, not the platform-wide one; the admin sees both.
    const ownerList = await listCoupons(db(), actorOf(owner), {});
    expect(ownerList.items.map((c) => c.id)).toContain(mine.id);
    expect(ownerList.items.map((c) => c.id)).not.toContain(everywhere.id);
    const adminList = await listCoupons(db(), actorOf(admin), { limit: 100 });
    expect(adminList.items.map((c) => c.id)).toEqual(expect.arrayContaining([mine.id, everywhere.id]));
  });

  it("validates, refuses a duplicate code, deactivates and audits", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const a = actorOf(admin);
    await expect(createCoupon(db(), a, { code: "ab", percentOff: 10 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      createCoupon(db(), a, { code: code(), percentOff: 10, amountOff: 100 }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(createCoupon(db(), a, { code: code(), percentOff: 101 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      createCoupon(db(), a, {
        code: code(),
        percentOff: 10,
        startsAt: "2027-02-01T00:00:00Z",
        endsAt: "2027-01-01T00:00:00Z",
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [{ path: "endsAt" }] });
    const c = await createCoupon(db(), a, { code: code(), percentOff: 10 });
    await expect(createCoupon(db(), a, { code: c.code.toLowerCase(), percentOff: 5 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const off = await updateCoupon(db(), a, c.id, { active: false });
    expect(off).toMatchObject({ active: false, state: "INACTIVE" });
    const switched = await updateCoupon(db(), a, c.id, { amountOff: 700 });
    expect(switched).toMatchObject({ amountOff: 700, percentOff: null });
    await expect(updateCoupon(db(), a, c.id, { code: "NEW-CODE" } as never)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    const entries = await db().select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(entries.map((e) => e.action).sort()).toEqual([
      "coupon.created",
      "coupon.updated",
      "coupon.updated",
    ]);
  });
});
