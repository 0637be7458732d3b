import Link from "next/link";
import type { ReactNode } from "react";
import { Container } from "@/components/ui/container";
import { requireRole } from "@/server/auth/session";

/** A convenience redirect for non-admins; every admin service checks the role again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole("/admin", "ADMIN");
  return (
    <Container className="py-10">
      <nav aria-label="Administration" className="mb-6 flex flex-wrap gap-2 text-sm font-medium sm:gap-4">
        <Link href="/admin" className="rounded px-2 py-1 hover:bg-slate-100">
          Overview
        </Link>
        <Link href="/admin/users" className="rounded px-2 py-1 hover:bg-slate-100">
          Users
        </Link>
        <Link href="/admin/audit" className="rounded px-2 py-1 hover:bg-slate-100">
          Audit log
        </Link>
        <Link href="/admin/courses" className="rounded px-2 py-1 hover:bg-slate-100">
          Courses
        </Link>
        <Link href="/admin/reviews" className="rounded px-2 py-1 hover:bg-slate-100">
          Reviews
        </Link>
        <Link href="/admin/payments" className="rounded px-2 py-1 hover:bg-slate-100">
          Payments
        </Link>
        <Link href="/admin/health" className="rounded px-2 py-1 hover:bg-slate-100">
          Database
        </Link>
      </nav>
      {children}
    </Container>
  );
}
