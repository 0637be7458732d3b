import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatPrice } from "@/lib/format";
import { findAllCourses } from "@/server/admin/courses";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { featureAction } from "./actions";

export const metadata: Metadata = { title: "Courses", robots: { index: false } };

export default async function AdminCoursesPage() {
  const list = await findAllCourses(await getDb(), await getActor());
  const { currency } = getEnv();
  const cell = "px-4 py-2";
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Courses</h1>
      <div className="mt-6 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Every course, newest first</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className={cell}>
                Course
              </th>
              <th scope="col" className={cell}>
                State
              </th>
              <th scope="col" className={cell}>
                Price
              </th>
              <th scope="col" className={cell}>
                Learners
              </th>
              <th scope="col" className={cell}>
                Featured
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.map((c) => (
              <tr key={c.id}>
                <td className={cell}>
                  <Link href={`/courses/${c.slug}`} className="font-medium hover:underline">
                    {c.title}
                  </Link>
                </td>
                <td className={cell}>
                  {c.published ? <Badge tone="success">published</Badge> : <Badge>draft</Badge>}
                </td>
                <td className={cell}>{formatPrice(c.price, currency)}</td>
                <td className={cell}>{c.enrollmentCount}</td>
                <td className={cell}>
                  {c.published ? (
                    <form action={featureAction}>
                      <input type="hidden" name="courseId" value={c.id} />
                      <input type="hidden" name="featured" value={c.featured ? "false" : "true"} />
                      <button
                        className="rounded-lg border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50"
                        aria-label={`${c.featured ? "Unfeature" : "Feature"} ${c.title}`}
                      >
                        {c.featured ? "Unfeature" : "Feature"}
                      </button>
                    </form>
                  ) : (
                    <span className="text-xs text-slate-500">publish first</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
