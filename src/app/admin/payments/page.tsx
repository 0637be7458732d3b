import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { RefundForm } from "@/components/accounts/refund-form";
import { formatPrice } from "@/lib/format";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import { findPayments } from "@/server/payments/queries";

export const metadata: Metadata = { title: "Payments", robots: { index: false } };

type Params = {
  status?: string;
  provider?: string;
  from?: string;
  to?: string;
  cursor?: string;
  refunded?: string;
};

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { data: page, error } = await loadOrExplain(
    async () => findPayments(await getDb(), await getActor(), params),
    { items: [], nextCursor: null },
  );
  const field = "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";
  const { cursor: _c, refunded, ...filters } = params;
  void _c;
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Payments</h1>
      {refunded ? (
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 p-3 text-emerald-900">
          Refunded: access to the course has ended.
        </p>
      ) : null}
      <form className="mt-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Filter payments">
        <label className="text-sm">
          Status
          <select name="status" defaultValue={params.status ?? ""} className={field}>
            <option value="">Any</option>
            <option>PENDING</option>
            <option>COMPLETED</option>
            <option>FAILED</option>
            <option>REFUNDED</option>
          </select>
        </label>
        <label className="text-sm">
          Provider
          <select name="provider" defaultValue={params.provider ?? ""} className={field}>
            <option value="">Any</option>
            <option value="stripe">Stripe</option>
            <option value="demo">Demo</option>
          </select>
        </label>
        <label className="text-sm">
          From
          <input type="date" name="from" defaultValue={params.from} className={field} />
        </label>
        <label className="text-sm">
          To
          <input type="date" name="to" defaultValue={params.to} className={field} />
        </label>
        <div className="flex items-end gap-2">
          <button className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          <Link href="/admin/payments" className="px-2 py-2 text-sm underline">
            Clear
          </Link>
        </div>
      </form>
      {error ? (
        <p role="alert" className="mt-4 text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6">
        {page.items.length === 0 ? (
          <EmptyState title="No payments match these filters" />
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Payments, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    When (UTC)
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Buyer
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Course
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Amount
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Action
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {page.items.map((p) => (
                  <tr key={p.id}>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                      {p.createdAt.toISOString().replace("T", " ").slice(0, 16)}
                    </td>
                    <td className="px-4 py-3">
                      {p.buyer ?? <span className="text-slate-500">erased account</span>}
                    </td>
                    <td className="px-4 py-3">{p.courseTitle}</td>
                    <td className="whitespace-nowrap px-4 py-3">
                      {formatPrice(p.amount, p.currency)}
                      {p.refundedAmount > 0 && p.refundedAmount < p.amount ? (
                        <span className="block text-xs text-slate-500">
                          {formatPrice(p.refundedAmount, p.currency)} refunded
                        </span>
                      ) : null}
                    </td>
                    <td className="px-4 py-3">
                      {p.status.toLowerCase()}{" "}
                      <span className="block text-xs text-slate-500">{p.provider}</span>
                    </td>
                    <td className="px-4 py-3">
                      {p.status === "COMPLETED" ? (
                        <RefundForm
                          paymentId={p.id}
                          summary={`${formatPrice(p.amount, p.currency)} to ${p.buyer ?? "the buyer"}`}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
