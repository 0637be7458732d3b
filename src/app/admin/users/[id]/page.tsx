import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { formatPrice } from "@/lib/format";
import { getUserForAdmin } from "@/server/admin/enrollments";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { enrollmentStatusAction } from "../actions-enrollment";

export const metadata: Metadata = { title: "User", robots: { index: false } };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let view;
  try {
    view = await getUserForAdmin(await getDb(), await getActor(), id.slice(0, 64));
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const { user } = view;
  const cell = "px-4 py-2";
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
        <span className="ml-2 text-sm">joined {user.createdAt.toISOString().slice(0, 10)}</span>
      </p>
      <a
        href={`/admin/users/${user.id}/export`}
        download
        className="mt-4 inline-flex rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
      >
        Download this user&apos;s data export
      </a>
      <section aria-labelledby="enrollments" className="mt-8">
        <h2 id="enrollments" className="text-xl font-semibold">
          Enrollments
        </h2>
        {view.enrollments.length === 0 ? (
          <p className="mt-2 text-slate-600">Not enrolled in any course.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className={cell}>
                    Course
                  </th>
                  <th scope="col" className={cell}>
                    Status
                  </th>
                  <th scope="col" className={cell}>
                    Progress
                  </th>
                  <th scope="col" className={cell}>
                    Action
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {view.enrollments.map((e) => (
                  <tr key={e.id}>
                    <td className={cell}>
                      <Link href={`/courses/${e.courseSlug}`} className="hover:underline">
                        {e.courseTitle}
                      </Link>
                    </td>
                    <td className={cell}>{e.status.toLowerCase()}</td>
                    <td className={cell}>{e.progressPercentage}%</td>
                    <td className={cell}>
                      {e.status === "ACTIVE" || e.status === "COMPLETED" ? (
                        <form action={enrollmentStatusAction} className="flex flex-wrap items-center gap-2">
                          <input type="hidden" name="userId" value={user.id} />
                          <input type="hidden" name="enrollmentId" value={e.id} />
                          <input type="hidden" name="action" value="suspend" />
                          <label className="flex items-center gap-1 text-xs text-slate-600">
                            <input type="checkbox" required /> close the lessons at once
                          </label>
                          <button className="rounded-lg border border-red-300 px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50">
                            Suspend
                          </button>
                        </form>
                      ) : e.status === "SUSPENDED" ? (
                        <form action={enrollmentStatusAction}>
                          <input type="hidden" name="userId" value={user.id} />
                          <input type="hidden" name="enrollmentId" value={e.id} />
                          <input type="hidden" name="action" value="reinstate" />
                          <button className="rounded-lg border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50">
                            Reinstate
                          </button>
                        </form>
                      ) : (
                        <span className="text-xs text-slate-500">refunded: reopened by buying again</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
                    · {p.createdAt.toISOString().slice(0, 10)} · {p.provider}
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
    </div>
  );
}
