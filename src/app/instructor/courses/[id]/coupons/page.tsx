import type { Metadata } from "next";
import Link from "next/link";
import { CreateCouponForm } from "@/components/payments/coupon-forms";
import { CouponTable } from "@/components/payments/coupon-table";
import { requireRole } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { orNotFound } from "@/server/http/pages";
import { isAppError } from "@/server/errors";
import { Alert } from "@/components/ui/alert";
import { getCouponCourse, listCoupons } from "@/server/payments/coupon-admin";
import { createCouponAction, updateCouponAction } from "@/app/admin/coupons/actions";

export const metadata: Metadata = { title: "Coupons", robots: { index: false } };

/** A course owner's coupons for their course (co-instructors are told only the owner manages them). */
export default async function CourseCouponsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { id } = await params;
  const { cursor } = await searchParams;
  const actor = await requireRole(`/instructor/courses/${id}/coupons`, "INSTRUCTOR", "ADMIN");
  const db = await getDb();
  const course = await orNotFound(
    getCouponCourse(db, actor, id.slice(0, 64)).catch((e) => {
      if (isAppError(e) && e.code === "FORBIDDEN") return { forbidden: e.userMessage } as const;
      throw e;
    }),
  );
  if ("forbidden" in course) {
    return (
      <div>
        <Link href={`/instructor/courses/${id}`} className="text-sm text-brand-700 underline">
          ← Back to the course
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">Coupons</h1>
        <Alert tone="warning" className="mt-4">
          {course.forbidden} Ask the owner to make a coupon.
        </Alert>
      </div>
    );
  }
  const page = await listCoupons(db, actor, { courseId: course.id, cursor });
  const { currency } = getEnv();
  return (
    <div>
      <Link href={`/instructor/courses/${course.id}`} className="text-sm text-brand-700 underline">
        ← {course.title}
      </Link>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Coupons: {course.title}</h1>
      <p className="mt-2 max-w-3xl text-slate-600">
        Codes buyers type on{" "}
        <Link href={`/courses/${course.slug}`} className="underline">
          the course page
        </Link>
        {course.price === 0 ? " — this course is free, so coupons apply only if you set a price." : "."} A
        used coupon is never deleted: deactivate it.
      </p>
      <div className="mt-6">
        <CreateCouponForm
          action={createCouponAction}
          courses={[]}
          fixedCourseId={course.id}
          allowAllCourses={false}
          currency={currency}
        />
      </div>
      <div className="mt-8">
        <CouponTable
          coupons={page.items}
          currency={currency}
          action={updateCouponAction}
          showCourse={false}
          olderHref={
            page.nextCursor ? `/instructor/courses/${course.id}/coupons?cursor=${page.nextCursor}` : null
          }
        />
      </div>
    </div>
  );
}
