import "server-only";
import { everyMonth, lastMonths } from "@/lib/dates";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { getEnv } from "../env";
import { assertRole, type Actor } from "../accounts/actor";
import { revenueByMonth, type RevenueMonth } from "../payments/revenue";

export interface AdminOverview {
  usersByRole: { label: string; value: number }[];
  coursesByState: { label: string; value: number }[];
  enrollmentsByStatus: { label: string; value: number }[];
  /** Net revenue (amount minus refunds) of the platform currency, per month, last 12 months. */
  revenueByMonth: { label: string; value: number }[];
  /** Gross, coupon discounts, refunds and net by month (the same months). */
  revenue: RevenueMonth[];
  currency: string;
}

const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

/** The admin console's figures: small aggregate queries, each index- or table-size-bounded. */
export async function getAdminOverview(db: Db, actor: Actor | null): Promise<AdminOverview> {
  assertRole(actor, "ADMIN");
  const currency = getEnv().currency;
  const [roles, courseStates, statuses, revenue] = await Promise.all([
    queryRows<{ k: string; n: number }>(
      db,
      sql`SELECT role::text AS k, count(*)::int AS n FROM users GROUP BY role ORDER BY role`,
    ),
    queryRows<{ k: string; n: number }>(
      db,
      sql`SELECT CASE WHEN featured THEN 'Featured' WHEN published THEN 'Published' ELSE 'Draft' END AS k, count(*)::int AS n
          FROM courses GROUP BY 1 ORDER BY 1`,
    ),
    queryRows<{ k: string; n: number }>(
      db,
      sql`SELECT status::text AS k, count(*)::int AS n FROM enrollments GROUP BY status ORDER BY status`,
    ),
    revenueByMonth(db, { currency }),
  ]);
  return {
    usersByRole: roles.map((r) => ({ label: titleCase(r.k), value: r.n })),
    coursesByState: courseStates.map((r) => ({ label: r.k, value: r.n })),
    enrollmentsByStatus: statuses.map((r) => ({ label: titleCase(r.k), value: r.n })),
    revenueByMonth: everyMonth(
      revenue.map((r) => ({ label: r.month, value: r.net })),
      lastMonths(12),
    ),
    revenue,
    currency,
  };
}
