import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";

/** One month of sales in the platform's currency, in cents: gross (list price) − discounts − refunds = net. */
export interface RevenueMonth {
  month: string;
  gross: number;
  discount: number;
  refunded: number;
  net: number;
}

/**
 * Revenue of the last 12 months by month of settlement, for the whole platform or one course: gross is the
 * price before coupons (amount + discount), net what was kept (amount − refunds). One aggregate on
 * payments.processed_at (or course_id) over paid payments only.
 */
export async function revenueByMonth(
  db: Db,
  opts: { currency: string; courseId?: string },
): Promise<RevenueMonth[]> {
  const rows = await queryRows<{ k: string; gross: number; discount: number; refunded: number }>(
    db,
    sql`SELECT to_char(date_trunc('month', processed_at), 'YYYY-MM') AS k,
               sum(amount + discount_amount)::int AS gross, sum(discount_amount)::int AS discount,
               sum(refunded_amount)::int AS refunded
          FROM payments
         WHERE status IN ('COMPLETED', 'REFUNDED') AND currency = ${opts.currency}
           ${opts.courseId ? sql`AND course_id = ${opts.courseId}` : sql``}
           AND processed_at >= date_trunc('month', now()) - interval '11 months'
         GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({
    month: r.k,
    gross: Number(r.gross),
    discount: Number(r.discount),
    refunded: Number(r.refunded),
    net: Number(r.gross) - Number(r.discount) - Number(r.refunded),
  }));
}
