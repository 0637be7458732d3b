import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";
import { PrintButton } from "@/components/payments/print-button";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { orNotFound } from "@/server/http/pages";
import { getReceipt, receiptLines } from "@/server/payments/receipts";

export const metadata: Metadata = { title: "Receipt", robots: { index: false } };

/** A purchase's receipt for its buyer (and admins): printable, or saved as a PDF from the print dialog. */
export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireUser(`/account/receipts/${encodeURIComponent(id)}`);
  const receipt = await orNotFound(getReceipt(await getDb(), actor, id.slice(0, 64)));
  const lines = receiptLines(receipt);
  return (
    <Container className="py-10">
      <p className="print:hidden">
        <Link href="/account#purchases" className="text-sm font-medium text-brand-700 underline">
          ← Your purchases
        </Link>
      </p>
      <article
        aria-labelledby="receipt-title"
        className="mx-auto mt-4 max-w-xl rounded-2xl border border-slate-200 bg-white p-6 sm:p-8 print:border-0 print:p-0"
      >
        <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">
          {receipt.seller.name}
        </p>
        <h1 id="receipt-title" className="mt-2 text-2xl font-bold">
          Receipt
        </h1>
        {receipt.buyerName || receipt.buyerEmail ? (
          <p className="mt-1 text-slate-600">
            For {[receipt.buyerName, receipt.buyerEmail].filter(Boolean).join(" · ")}
          </p>
        ) : null}
        {receipt.status === "REFUNDED" ? (
          <p role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            This purchase was refunded in full.
          </p>
        ) : null}
        <dl className="mt-6 divide-y divide-slate-100 border-y border-slate-200 text-sm">
          {lines.map(([label, value]) => (
            <div key={label} className="flex flex-wrap justify-between gap-2 py-2">
              <dt className="text-slate-600">{label}</dt>
              <dd className="text-right font-medium break-all">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-6 flex flex-wrap gap-2">
          <PrintButton />
        </div>
      </article>
    </Container>
  );
}
