import type { ReactNode } from "react";
import { Container } from "@/components/ui/container";
import { requireRole } from "@/server/auth/session";

/** A convenience redirect for students; every authoring service checks the role and the course again. */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  await requireRole("/instructor", "INSTRUCTOR", "ADMIN");
  return <Container className="py-10">{children}</Container>;
}
