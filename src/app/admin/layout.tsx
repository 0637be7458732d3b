import type { ReactNode } from "react";
import { Container } from "@/components/ui/container";
import { SectionNav } from "@/components/ui/section-nav";
import { requireRole } from "@/server/auth/session";

const ADMIN_LINKS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/courses", label: "Courses" },
  { href: "/admin/reviews", label: "Reviews" },
  { href: "/admin/payments", label: "Payments" },
  { href: "/admin/coupons", label: "Coupons" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/health", label: "Database" },
] as const;

/** A convenience redirect for non-admins; every admin service checks the role again. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole("/admin", "ADMIN");
  return (
    <Container className="py-10">
      <SectionNav label="Administration" links={ADMIN_LINKS} />
      {children}
    </Container>
  );
}
