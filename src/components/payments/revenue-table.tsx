import { DataTable } from "@/components/ui/data-table";
import { formatMoney } from "@/lib/money";
import { formatMonth } from "@/lib/dates";
import type { RevenueMonth } from "@/server/payments/revenue";

/** Gross, discounts, refunds and net by month, with the 12 months' total last. */
export function RevenueTable({ months, currency }: { months: RevenueMonth[]; currency: string }) {
  const total = months.reduce(
    (t, m) => ({
      month: "Total",
      gross: t.gross + m.gross,
      discount: t.discount + m.discount,
      refunded: t.refunded + m.refunded,
      net: t.net + m.net,
    }),
    { month: "Total", gross: 0, discount: 0, refunded: 0, net: 0 },
  );
  const money = (n: number) => formatMoney(n, currency);
  return (
    <DataTable
      stackOnPhone
      caption={`Revenue by month (${currency}): gross, coupon discounts, refunds and net`}
      showCaption
      rows={months.length > 0 ? [...months, total] : []}
      rowKey={(m) => m.month}
      rowClassName={(m) => (m.month === "Total" ? "font-semibold" : undefined)}
      empty={
        <p className="rounded-2xl border border-slate-200 bg-white p-4 text-sm text-slate-600">
          No sales in the last 12 months.
        </p>
      }
      columns={[
        { header: "Month", cell: (m) => formatMonth(m.month), rowHeader: true },
        { header: "Gross", className: "text-right tabular-nums", cell: (m) => money(m.gross) },
        {
          header: "Discounts",
          className: "text-right tabular-nums",
          cell: (m) => (m.discount ? `−${money(m.discount)}` : money(0)),
        },
        {
          header: "Refunds",
          className: "text-right tabular-nums",
          cell: (m) => (m.refunded ? `−${money(m.refunded)}` : money(0)),
        },
        { header: "Net", className: "text-right tabular-nums", cell: (m) => money(m.net) },
      ]}
    />
  );
}
