import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ActionForm } from "@/components/ui/action-form";
import { Button, buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { formatDate } from "@/lib/dates";
import { formatPrice } from "@/lib/money";
import { getUserForAdmin } from "@/server/admin/enrollments";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { enrollmentStatusAction, prerequisiteExceptionAction } from "../actions";
import { Field, Select } from "@/components/ui/field";
import { prerequisiteExceptionsForAdmin } from "@/server/learning/prerequisites";
import { orNotFound } from "@/server/http/pages";

export const metadata: Metadata = { title: "User", robots: { index: false } };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await orNotFound(getUserForAdmin(await getDb(), await getActor(), id.slice(0, 64)));
  const { user } = view;
  const exceptions = await prerequisiteExceptionsForAdmin(await getDb(), await getActor(), user.id);
  return (
    <div>
      <Link href="/admin/users" className="text-sm text-brand-700 underline">
        ← All users
      </Link>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{user.name ?? user.email}</h1>
      <p className="mt-1 text-slate-600">
        {user.email} <Badge tone="brand">{user.role.toLowerCase()}</Badge>{" "}
        {user.emailVerified ? (
          <Badge tone="success">address confirmed</Badge>
        ) : (
          <Badge tone="warning">address not confirmed</Badge>
        )}
        <span className="ml-2 text-sm">joined {formatDate(user.createdAt)}</span>
      </p>
      <a
        href={`/admin/users/${user.id}/export`}
        download
        className={buttonClass({ variant: "secondary", size: "sm", className: "mt-4" })}
      >
        Download this user&apos;s data export
      </a>
      <section aria-labelledby="enrollments" className="mt-8">
        <h2 id="enrollments" className="text-xl font-semibold">
          Enrollments
        </h2>
        <DataTable
          className="mt-3"
          caption={`Enrollments of ${user.name ?? user.email}`}
          rows={view.enrollments}
          rowKey={(e) => e.id}
          empty={<p className="mt-2 text-slate-600">Not enrolled in any course.</p>}
          columns={[
            {
              header: "Course",
              cell: (e) => (
                <Link href={`/courses/${e.courseSlug}`} className="hover:underline">
                  {e.courseTitle}
                </Link>
              ),
            },
            { header: "Status", cell: (e) => e.status.toLowerCase() },
            { header: "Progress", cell: (e) => `${e.progressPercentage}%` },
            {
              header: "Action",
              cell: (e) =>
                e.status === "ACTIVE" || e.status === "COMPLETED" ? (
                  <ActionForm
                    action={enrollmentStatusAction}
                    hiddenFields={{ userId: user.id, enrollmentId: e.id, action: "suspend" }}
                    className="flex flex-wrap items-center gap-2"
                    statusSize="xs"
                  >
                    <label className="flex items-center gap-1 text-xs text-slate-600">
                      <input type="checkbox" required /> close the lessons at once
                    </label>
                    <Button variant="danger" size="xs" className="text-sm">
                      Suspend
                    </Button>
                  </ActionForm>
                ) : e.status === "SUSPENDED" ? (
                  <ActionForm
                    action={enrollmentStatusAction}
                    hiddenFields={{ userId: user.id, enrollmentId: e.id, action: "reinstate" }}
                    className="flex flex-wrap items-center gap-2"
                    statusSize="xs"
                  >
                    <Button variant="secondary" size="xs" className="text-sm">
                      Reinstate
                    </Button>
                  </ActionForm>
                ) : (
                  <span className="text-xs text-slate-500">refunded: reopened by buying again</span>
                ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="payments" className="mt-8">
        <h2 id="payments" className="text-xl font-semibold">
          Payments
        </h2>
        {view.payments.length === 0 ? (
          <p className="mt-2 text-slate-600">No payments.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white text-sm">
            {view.payments.map((p) => (
              <li key={p.id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span>
                  {p.courseTitle}{" "}
                  <span className="text-slate-500">
                    · {formatDate(p.createdAt)} · {p.provider}
                  </span>
                </span>
                <span>
                  {formatPrice(p.amount, p.currency)} · {p.status.toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Link href="/admin/payments" className="mt-3 inline-flex text-sm text-brand-700 underline">
          Payments and refunds
        </Link>
      </section>
      <section aria-labelledby="prerequisite-exceptions" className="mt-8">
        <h2 id="prerequisite-exceptions" className="text-xl font-semibold">
          Prerequisite exceptions
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          Let this person enroll in (or buy) a course without completing the courses it requires — for example
          when they learned the material elsewhere. Recorded in the audit log.
        </p>
        {exceptions.granted.length > 0 ? (
          <ul className="mt-3 list-disc pl-5 text-sm">
            {exceptions.granted.map((g) => (
              <li key={g.courseId}>
                {g.title} <span className="text-slate-500">· since {formatDate(g.grantedAt)}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {exceptions.choices.length > 0 ? (
          <ActionForm
            action={prerequisiteExceptionAction}
            hiddenFields={{ userId: user.id }}
            className="mt-3 flex flex-wrap items-end gap-2"
            statusClassName="basis-full"
          >
            <Field id="exception-course" label="Course" className="min-w-64">
              <Select name="courseId" required defaultValue="">
                <option value="" disabled>
                  Choose a course with prerequisites
                </option>
                {exceptions.choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Button variant="secondary">Let them skip its prerequisites</Button>
          </ActionForm>
        ) : exceptions.granted.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No course has prerequisites yet.</p>
        ) : null}
      </section>
    </div>
  );
}
