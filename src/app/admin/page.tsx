import type { Metadata } from "next";
import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { formatMoney } from "@/lib/money";
import { RevenueTable } from "@/components/payments/revenue-table";
import { getAdminOverview } from "@/server/admin/overview";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

export default async function AdminOverviewPage() {
  const o = await getAdminOverview(await getDb(), await getActor());
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Overview</h1>
      <p className="mt-2 text-slate-600">
        The platform at a glance. Manage{" "}
        <Link href="/admin/users" className="underline">
          users
        </Link>
        ,{" "}
        <Link href="/admin/courses" className="underline">
          courses
        </Link>
        ,{" "}
        <Link href="/admin/payments" className="underline">
          payments
        </Link>{" "}
        and{" "}
        <Link href="/admin/reviews" className="underline">
          reviews
        </Link>
        ; check{" "}
        <Link href="/admin/health" className="underline">
          database health
        </Link>
        .
      </p>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        <BarChart id="users" title="Users by role" data={o.usersByRole} />
        <BarChart id="courses" title="Courses by state" data={o.coursesByState} />
        <BarChart id="enrollments" title="Enrollments by status" data={o.enrollmentsByStatus} />
        <BarChart
          id="revenue"
          title={`Net revenue by month (${o.currency}, last 12 months)`}
          data={o.revenueByMonth}
          format={(n) => formatMoney(n, o.currency)}
        />
      </div>
      <div className="mt-6">
        <RevenueTable months={o.revenue} currency={o.currency} />
      </div>
    </div>
  );
}
