import type { Metadata } from "next";
import { CreateCouponForm } from "@/components/payments/coupon-forms";
import { CouponTable } from "@/components/payments/coupon-table";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { couponCourseChoices, listCoupons } from "@/server/payments/coupon-admin";
import { loadOrExplain } from "@/server/http/page-query";
import { Alert } from "@/components/ui/alert";
import { createCouponAction, updateCouponAction } from "./actions";

export const metadata: Metadata = { title: "Coupons", robots: { index: false } };

export default async function AdminCouponsPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { cursor } = await searchParams;
  const [db, actor] = await Promise.all([getDb(), getActor()]);
  const { currency } = getEnv();
  const { data: page, error } = await loadOrExplain(() => listCoupons(db, actor, { cursor }), {
    items: [],
    nextCursor: null,
  });
  const courses = await couponCourseChoices(db, actor);
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Coupons</h1>
      <p className="mt-2 max-w-3xl text-slate-600">
        Discount codes buyers type on a course page. A coupon for every course is yours to make; course owners
        make coupons for their own courses. A used coupon is never deleted: deactivate it. Uses count open
        checkouts until they are paid or given up.
      </p>
      <div className="mt-6">
        <CreateCouponForm action={createCouponAction} courses={courses} allowAllCourses currency={currency} />
      </div>
      <div className="mt-8">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <CouponTable
          coupons={page.items}
          currency={currency}
          action={updateCouponAction}
          showCourse
          olderHref={page.nextCursor ? `/admin/coupons?cursor=${page.nextCursor}` : null}
        />
      </div>
    </div>
  );
}
