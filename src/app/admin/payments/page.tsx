import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { dateRangeFields, FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/lib/dates";
import { RefundForm } from "@/components/accounts/refund-form";
import { formatPrice } from "@/lib/money";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import { findPayments } from "@/server/payments/queries";
import { refundAction } from "./actions";
import { sentenceCase } from "@/lib/labels";

export const metadata: Metadata = { title: "Payments", robots: { index: false } };

type Params = {
  buyer?: string;
  status?: string;
  provider?: string;
  from?: string;
  to?: string;
  cursor?: string;
  refunded?: string;
};

/** "Completed", "Refunded"…: one case for every status label, in the filter and the table alike. */
const PROVIDERS: Record<string, string> = {
  stripe: "Stripe",
  demo: "Demo",
  coupon: "Coupon (nothing charged)",
};

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { data: page, error } = await loadOrExplain(
    async () => findPayments(await getDb(), await getActor(), params),
    { items: [], nextCursor: null },
  );
  const { cursor: _c, refunded, ...filters } = params;
  void _c;
  const any = { value: "", label: "Any" };
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Payments</h1>
      {refunded ? (
        <Alert tone="success" className="mt-4">
          {refunded === "partial"
            ? "Partly refunded: the buyer keeps access until the whole amount is refunded."
            : "Refunded: access to the course has ended."}
        </Alert>
      ) : null}
      <FilterForm
        label="Filter payments"
        error={error}
        clearHref="/admin/payments"
        className="mt-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5"
        fields={[
          {
            name: "buyer",
            label: "Buyer (e-mail or name)",
            defaultValue: params.buyer,
            placeholder: "maya@example.com",
          },
          {
            name: "status",
            label: "Status",
            type: "select",
            defaultValue: params.status,
            options: [
              any,
              ...["PENDING", "COMPLETED", "FAILED", "REFUNDED"].map((v) => ({
                value: v,
                label: sentenceCase(v),
              })),
            ],
          },
          {
            name: "provider",
            label: "Provider",
            type: "select",
            defaultValue: params.provider,
            options: [any, ...Object.entries(PROVIDERS).map(([value, label]) => ({ value, label }))],
          },
          ...dateRangeFields(params),
        ]}
      />
      <div className="mt-6">
        <DataTable
          stackOnPhone
          caption="Payments, newest first"
          rows={page.items}
          rowKey={(p) => p.id}
          empty={<EmptyState title="No payments match these filters" />}
          columns={[
            {
              header: "When (UTC)",
              className: "whitespace-nowrap text-slate-600",
              cell: (p) => formatDateTime(p.createdAt),
            },
            {
              header: "Buyer",
              cell: (p) =>
                p.buyer ? (
                  <>
                    {p.buyerName ? <span className="block font-medium">{p.buyerName}</span> : null}
                    <span className="block text-sm break-all text-slate-600">{p.buyer}</span>
                  </>
                ) : (
                  <span className="text-slate-500">erased account</span>
                ),
            },
            { header: "Course", cell: (p) => p.courseTitle },
            {
              header: "Amount",
              className: "whitespace-nowrap",
              cell: (p) => (
                <>
                  {formatPrice(p.amount, p.currency)}
                  {p.couponCode ? (
                    <span className="block text-xs text-slate-500">
                      coupon {p.couponCode}: −{formatPrice(p.discount, p.currency)}
                    </span>
                  ) : null}
                  {p.refundedAmount > 0 && p.refundedAmount < p.amount ? (
                    <span className="block text-xs text-slate-500">
                      {formatPrice(p.refundedAmount, p.currency)} refunded
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              header: "Status",
              cell: (p) => (
                <>
                  {sentenceCase(p.status)}{" "}
                  <span className="block text-xs text-slate-500">{PROVIDERS[p.provider] ?? p.provider}</span>
                  {p.disputeStatus ? (
                    <span className="block text-xs text-amber-700">
                      {p.disputeStatus === "OPEN"
                        ? "Disputed: access suspended"
                        : `Dispute ${p.disputeStatus.toLowerCase()}`}
                    </span>
                  ) : null}
                </>
              ),
            },
            {
              header: "Action",
              cell: (p) =>
                p.status === "COMPLETED" && p.disputeStatus !== "OPEN" && p.amount > 0 ? (
                  <RefundForm
                    action={refundAction}
                    paymentId={p.id}
                    buyer={p.buyerName ? `${p.buyerName} (${p.buyer})` : (p.buyer ?? "the buyer")}
                    course={p.courseTitle ?? "this course"}
                    remaining={p.amount - p.refundedAmount}
                    currency={p.currency}
                  />
                ) : null,
            },
          ]}
        />
        {page.nextCursor ? (
          <Link
            href={`/admin/payments?${new URLSearchParams({ ...(filters as Record<string, string>), cursor: page.nextCursor })}`}
            className="mt-4 inline-flex font-medium text-brand-700 underline"
          >
            Older payments
          </Link>
        ) : null}
      </div>
    </div>
  );
}
