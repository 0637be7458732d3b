import Link from "next/link";

/**
 * Keyset pages go forwards: "Next" carries the cursor of the last course shown, "First page" starts over.
 * (Going back is the browser's Back button: every page has its own address.)
 */
export function Pagination({ firstHref, nextHref }: { firstHref?: string; nextHref?: string }) {
  if (!firstHref && !nextHref) return null;
  const button =
    "inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:border-brand-600 hover:text-brand-700";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3">
      {firstHref ? (
        <Link href={firstHref} className={button}>
          <span aria-hidden="true">«</span> First page
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} rel="next" className={button}>
          Next page <span aria-hidden="true">→</span>
        </Link>
      ) : null}
    </nav>
  );
}
