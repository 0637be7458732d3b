import { formatLongDate } from "@/lib/dates";
import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { findMyEnrollments } from "@/server/learning/dashboard";
import { getMyProfile } from "@/server/accounts/profile";

export const metadata: Metadata = { title: "My learning", robots: { index: false } };

const STATUS: Record<string, { label: string; tone: "success" | "brand" | "warning" | "neutral" }> = {
  ACTIVE: { label: "In progress", tone: "brand" },
  COMPLETED: { label: "Completed", tone: "success" },
  SUSPENDED: { label: "Suspended", tone: "warning" },
  REFUNDED: { label: "Refunded", tone: "neutral" },
};

export default async function DashboardPage() {
  const actor = await requireUser("/dashboard");
  const db = await getDb();
  const [items, profile] = await Promise.all([findMyEnrollments(db, actor), getMyProfile(db, actor)]);
  const waiting = items.some((e) => e.status === "COMPLETED" && !e.certificateNumber);
  return (
    <Container className="py-10">
      <h1 className="text-3xl font-bold tracking-tight">My learning</h1>
      {waiting ? (
        <p role="status" className="mt-4 rounded-lg bg-amber-50 p-4 text-amber-900">
          A certificate is waiting for you:{" "}
          {!profile.name ? "add the name to print on it" : "confirm your e-mail address"} on{" "}
          <Link href="/account" className="font-medium underline">
            your account page
          </Link>
          .
        </p>
      ) : null}
      {items.length === 0 ? (
        <div className="mt-8">
          <EmptyState
            title="You are not enrolled in any course yet"
            action={
              <Link href="/courses" className={buttonClass()}>
                Browse the courses
              </Link>
            }
          >
            Start with a free course: enrolling takes one click.
          </EmptyState>
        </div>
      ) : (
        <ul className="mt-8 grid gap-4 md:grid-cols-2">
          {items.map((e) => {
            const status = STATUS[e.status]!;
            const open = e.status === "ACTIVE" || e.status === "COMPLETED";
            return (
              <li key={e.id} className="rounded-2xl border border-slate-200 bg-white p-5">
                <div className="flex items-start justify-between gap-3">
                  <h2 className="text-lg font-semibold">
                    <Link href={`/courses/${e.courseSlug}`} className="hover:underline">
                      {e.courseTitle}
                    </Link>
                  </h2>
                  <Badge tone={status.tone}>{status.label}</Badge>
                </div>
                {e.status === "REFUNDED" ? (
                  <p className="mt-2 text-sm text-slate-700">
                    Refunded{e.refundedAt ? ` on ${formatLongDate(e.refundedAt)}` : ""}: access has ended.
                    Your progress is kept if you buy it again.
                  </p>
                ) : null}
                {e.status === "COMPLETED" ? (
                  <p className="mt-2 text-sm text-emerald-800">
                    Completed{e.completedAt ? ` on ${formatLongDate(e.completedAt)}` : ""}
                    {e.certificateNumber ? "" : " · certificate waiting"}
                  </p>
                ) : null}
                <div className="mt-4">
                  <div className="flex justify-between text-sm text-slate-600">
                    <span>Progress</span>
                    <span>{e.progressPercentage}%</span>
                  </div>
                  <div
                    className="mt-1 h-2 rounded-full bg-slate-200"
                    role="progressbar"
                    aria-valuenow={e.progressPercentage}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-label={`Progress in ${e.courseTitle}`}
                  >
                    <div
                      className="h-2 rounded-full bg-brand-600"
                      style={{ width: `${e.progressPercentage}%` }}
                    />
                  </div>
                </div>
                <div className="mt-4 flex flex-wrap gap-2">
                  {open && e.resumeLessonId ? (
                    <Link
                      href={`/learn/${e.courseSlug}/${e.resumeLessonId}`}
                      className={buttonClass({ className: "text-sm" })}
                    >
                      {e.status === "COMPLETED"
                        ? "Review the material"
                        : e.progressPercentage === 0
                          ? "Start learning"
                          : "Continue where you left off"}
                    </Link>
                  ) : null}
                  {e.status === "REFUNDED" ? (
                    <Link href={`/courses/${e.courseSlug}`} className={buttonClass({ className: "text-sm" })}>
                      Buy again<span className="sr-only">: {e.courseTitle}</span>
                    </Link>
                  ) : null}
                  {e.certificateNumber ? (
                    <Link
                      href={`/certificates/${e.certificateNumber}`}
                      className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
                    >
                      {e.certificateRevoked ? "Certificate (revoked)" : "View certificate"}
                    </Link>
                  ) : null}
                  {e.status === "COMPLETED" ? (
                    <Link
                      href={`/courses/${e.courseSlug}#reviews`}
                      className="px-2 py-2 text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      Write a review<span className="sr-only"> of {e.courseTitle}</span>
                    </Link>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Container>
  );
}
