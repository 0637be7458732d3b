import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { formatPrice } from "@/lib/money";
import { findAllCourses } from "@/server/admin/courses";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { featureAction } from "./actions";

export const metadata: Metadata = { title: "Courses", robots: { index: false } };

export default async function AdminCoursesPage() {
  const list = await findAllCourses(await getDb(), await getActor());
  const { currency } = getEnv();
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Courses</h1>
      <DataTable
        stackOnPhone
        className="mt-6"
        caption="Every course, newest first"
        rows={list}
        rowKey={(c) => c.id}
        columns={[
          {
            header: "Course",
            cell: (c) => (
              <Link href={`/courses/${c.slug}`} className="font-medium hover:underline">
                {c.title}
              </Link>
            ),
          },
          {
            header: "State",
            cell: (c) => (c.published ? <Badge tone="success">published</Badge> : <Badge>draft</Badge>),
          },
          { header: "Price", cell: (c) => formatPrice(c.price, currency) },
          { header: "Learners", cell: (c) => c.enrollmentCount },
          {
            header: "Featured",
            cell: (c) =>
              c.published ? (
                <ActionForm
                  action={featureAction}
                  hiddenFields={{ courseId: c.id, featured: c.featured ? "false" : "true" }}
                  className="flex flex-wrap items-center gap-2"
                  statusSize="xs"
                >
                  <Button
                    variant="secondary"
                    size="xs"
                    className="text-sm"
                    aria-label={`${c.featured ? "Unfeature" : "Feature"} ${c.title}`}
                  >
                    {c.featured ? "Unfeature" : "Feature"}
                  </Button>
                </ActionForm>
              ) : (
                <span className="text-xs text-slate-500">publish first</span>
              ),
          },
        ]}
      />
    </div>
  );
}
