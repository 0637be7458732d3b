"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface SectionLink {
  href: string;
  label: string;
  /** Current only on exactly this path (a section's overview), not on the pages below it. */
  exact?: boolean;
}

/**
 * A section's own navigation (the admin console's): the link of the page you are on is marked for the eye and
 * for screen readers (`aria-current="page"`); on a page below it (a user's details under Users) its section's
 * link is marked as the current one of the set (`aria-current="true"`).
 */
export function SectionNav({ label, links }: { label: string; links: readonly SectionLink[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 flex flex-wrap gap-2 text-sm font-medium sm:gap-4">
      {links.map((link) => {
        const here = pathname === link.href;
        const within = !link.exact && pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={here ? "page" : within ? "true" : undefined}
            className={`rounded px-2 py-1 ${
              here || within
                ? "bg-brand-50 text-brand-900 underline decoration-2 underline-offset-4"
                : "hover:bg-slate-100"
            }`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
