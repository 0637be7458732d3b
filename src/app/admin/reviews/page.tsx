import type { Metadata } from "next";
import Link from "next/link";
import { RatingStars } from "@/components/catalog/rating-stars";
import { ModerationForm } from "@/components/reviews/moderation-form";
import { Badge } from "@/components/ui/badge";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/dates";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import { findReviewReports } from "@/server/reviews/moderation";
import { moderateReviewAction } from "./actions";
import { isModerationDone, MODERATION_DONE } from "./done";
import { OutcomeNotice } from "@/components/ui/outcome-notice";

export const metadata: Metadata = { title: "Reported reviews", robots: { index: false } };

export default async function AdminReviewsPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string; view?: string; done?: string }>;
}) {
  const { cursor, view, done } = await searchParams;
  const state = view === "handled" ? "handled" : "open";
  const { data: page, error } = await loadOrExplain(
    async () =>
      findReviewReports(await getDb(), await getActor(), {
        cursor: typeof cursor === "string" ? cursor : undefined,
        state,
      }),
    { items: [], nextCursor: null },
  );
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Reported reviews</h1>
      <p className="mt-2 text-slate-600">
        Newest reports first. Hiding takes a review off its course page and out of the rating; its author is
        e-mailed the reason. Removing deletes it; the audit log keeps what it said. Dismissing keeps the
        review as it is. A handled report leaves this queue; hidden reviews can be restored from the handled
        list.
      </p>
      <nav aria-label="Reports" className="mt-4 flex gap-2 text-sm">
        {(
          [
            ["open", "Waiting for a decision", "/admin/reviews"],
            ["handled", "Handled", "/admin/reviews?view=handled"],
          ] as const
        ).map(([key, label, href]) => (
          <Link
            key={key}
            href={href}
            aria-current={state === key ? "page" : undefined}
            className={`rounded-full border px-3 py-1 ${state === key ? "border-brand-600 bg-brand-50 font-medium text-brand-900" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
      {isModerationDone(done) ? (
        <OutcomeNotice className="mt-4 rounded-lg bg-emerald-50 p-3 text-emerald-900">
          {MODERATION_DONE[done]}
        </OutcomeNotice>
      ) : null}
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      <div className="mt-6">
        {page.items.length === 0 ? (
          <EmptyState
            title={
              cursor
                ? "No older reports"
                : state === "open"
                  ? "No reports are waiting for a decision"
                  : "No handled reports yet"
            }
          />
        ) : (
          <ul className="space-y-4">
            {page.items.map((r) => (
              <li
                key={r.id}
                aria-label={`Report on ${r.review.authorName}’s review of ${r.course.title}`}
                className="grid gap-4 rounded-2xl border border-slate-200 bg-white p-5 md:grid-cols-[1fr_16rem]"
              >
                <div className="min-w-0">
                  <p className="text-sm text-slate-600">
                    <span className="font-medium text-slate-900">{r.reporter.name}</span> ({r.reporter.email})
                    reported on {formatDateTime(r.createdAt)}:
                  </p>
                  <p className="mt-1 whitespace-pre-line break-words font-medium text-slate-900">
                    {r.reason}
                  </p>
                  <div className="mt-3 rounded-lg bg-slate-50 p-3 text-sm">
                    <p className="flex flex-wrap items-center gap-2 text-slate-600">
                      <span className="font-medium text-slate-900">{r.review.authorName}</span>
                      <RatingStars value={r.review.rating} size="text-sm" />
                      <span className="sr-only">{r.review.rating} out of 5</span>
                      on{" "}
                      <Link href={`/courses/${r.course.slug}#reviews`} className="text-brand-700 underline">
                        {r.course.title}
                      </Link>
                    </p>
                    {r.review.comment ? (
                      <p className="mt-1 whitespace-pre-line break-words text-slate-800">
                        {r.review.comment}
                      </p>
                    ) : (
                      <p className="mt-1 italic text-slate-500">No comment</p>
                    )}
                  </div>
                </div>
                <div>
                  {r.review.hiddenAt ? (
                    <p className="text-sm text-slate-700">
                      <Badge tone="warning">Hidden</Badge>{" "}
                      <span className="break-words">{r.review.hiddenReason}</span>
                    </p>
                  ) : null}
                  {r.resolvedAt && !r.review.hiddenAt ? <Badge tone="success">Resolved</Badge> : null}
                  <div className={r.review.hiddenAt || r.resolvedAt ? "mt-3" : ""}>
                    <ModerationForm
                      action={moderateReviewAction}
                      reviewId={r.review.id}
                      courseSlug={r.course.slug}
                      hidden={r.review.hiddenAt !== null}
                      open={r.resolvedAt === null}
                      view={state}
                    />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
        {page.nextCursor ? (
          <Link
            href={`/admin/reviews?${state === "handled" ? "view=handled&" : ""}cursor=${encodeURIComponent(page.nextCursor)}`}
            className="mt-4 inline-flex font-medium text-brand-700 underline"
          >
            Older reports
          </Link>
        ) : null}
      </div>
    </div>
  );
}
