import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/dates";
import { formatPrice } from "@/lib/money";
import type { FormAction } from "@/lib/action-result";
import type { CouponView } from "@/server/payments/coupon-admin";
import { CouponRowActions } from "./coupon-forms";

const STATE: Record<
  CouponView["state"],
  { label: string; tone: "neutral" | "brand" | "warning" | "success" }
> = {
  ACTIVE: { label: "Active", tone: "success" },
  INACTIVE: { label: "Inactive", tone: "neutral" },
  EXPIRED: { label: "Expired", tone: "neutral" },
  SCHEDULED: { label: "Scheduled", tone: "brand" },
  USED_UP: { label: "Used up", tone: "warning" },
};

/** The coupons a person manages, with their uses and state, and the controls to change them. */
export function CouponTable({
  coupons,
  currency,
  action,
  showCourse,
  olderHref,
}: {
  coupons: CouponView[];
  currency: string;
  action: FormAction;
  showCourse: boolean;
  /** The next page of the list, when there is one. */
  olderHref?: string | null;
}) {
  return (
    <>
      <DataTable
        caption="Coupons, newest first"
        rows={coupons}
        rowKey={(c) => c.id}
        empty={
          <EmptyState title="No coupons yet">
            Create one above: buyers type its code on the course page.
          </EmptyState>
        }
        columns={[
          { header: "Code", cell: (c) => <span className="font-mono font-semibold">{c.code}</span> },
          {
            header: "Discount",
            className: "whitespace-nowrap",
            cell: (c) =>
              c.percentOff !== null
                ? `${c.percentOff}% off`
                : `${formatPrice(c.amountOff ?? 0, currency)} off`,
          },
          ...(showCourse
            ? [{ header: "Course", cell: (c: CouponView) => c.courseTitle ?? "Every course" }]
            : []),
          {
            header: "Valid (UTC)",
            className: "text-slate-600",
            cell: (c) =>
              c.startsAt || c.endsAt ? (
                <>
                  {c.startsAt ? <span className="block">from {formatDateTime(c.startsAt)}</span> : null}
                  {c.endsAt ? <span className="block">until {formatDateTime(c.endsAt)}</span> : null}
                </>
              ) : (
                "Always"
              ),
          },
          {
            header: "Uses",
            className: "whitespace-nowrap",
            cell: (c) => (
              <>
                <span className="tabular-nums">
                  {c.maxRedemptions !== null ? `${c.redemptions} of ${c.maxRedemptions}` : c.redemptions}
                </span>
                <span className="block text-xs text-slate-500">
                  {c.perUserLimit === 1 ? "once per person" : `${c.perUserLimit} per person`}
                </span>
              </>
            ),
          },
          {
            header: "State",
            cell: (c) => <Badge tone={STATE[c.state].tone}>{STATE[c.state].label}</Badge>,
          },
          {
            header: "Actions",
            cell: (c) => (
              <CouponRowActions
                action={action}
                currency={currency}
                coupon={{
                  id: c.id,
                  code: c.code,
                  percentOff: c.percentOff,
                  amountOff: c.amountOff,
                  startsAt: c.startsAt?.toISOString() ?? null,
                  endsAt: c.endsAt?.toISOString() ?? null,
                  maxRedemptions: c.maxRedemptions,
                  perUserLimit: c.perUserLimit,
                  active: c.active,
                }}
              />
            ),
          },
        ]}
      />
      {olderHref ? (
        <Link href={olderHref} className="mt-4 inline-flex font-medium text-brand-700 underline">
          Older coupons
        </Link>
      ) : null}
    </>
  );
}
