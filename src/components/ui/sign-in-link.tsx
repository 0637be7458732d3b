"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * The header's "Sign in": it brings the visitor back to the page they were on (the sign-in page itself, the
 * home page and the sign-out page have nothing to return to: "My learning" then).
 */
export function SignInLink({ className }: { className?: string }) {
  const path = usePathname() ?? "/";
  const back = path === "/" || path.startsWith("/signin") || path.startsWith("/goodbye") ? null : path;
  return (
    <Link href={back ? `/signin?callbackUrl=${encodeURIComponent(back)}` : "/signin"} className={className}>
      Sign in
    </Link>
  );
}
