import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getEnv } from "@/server/env";

/** Demo conveniences exist only in demo mode; in production every /dev page is a 404. */
export default function DevLayout({ children }: { children: ReactNode }) {
  if (!getEnv().isDemo) notFound();
  return children;
}
