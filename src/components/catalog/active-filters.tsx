import Link from "next/link";
import { formatDifficulty } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { catalogHref, type CatalogPageParams } from "@/server/catalog/page-params";

/** The filters in force, each a link that removes it; "Clear all" keeps only the search words. */
export function ActiveFilters({ params, currency }: { params: CatalogPageParams; currency: string }) {
  const base = { ...params, cursor: undefined };
  const money = (minor: number) => formatMoney(minor, currency);
  const chips: { label: string; href: string }[] = [];
  if (params.q) chips.push({ label: `“${params.q}”`, href: catalogHref(base, { q: null, sort: null }) });
  if (params.difficulty)
    chips.push({ label: formatDifficulty(params.difficulty), href: catalogHref(base, { difficulty: null }) });
  if (params.price)
    chips.push({
      label: params.price === "free" ? "Free" : "Paid",
      href: catalogHref(base, { price: null }),
    });
  const { minPrice, maxPrice } = params;
  if (minPrice !== undefined || maxPrice !== undefined) {
    const label =
      minPrice !== undefined && maxPrice !== undefined
        ? `${money(minPrice)} – ${money(maxPrice)}`
        : minPrice !== undefined
          ? `From ${money(minPrice)}`
          : `Up to ${money(maxPrice!)}`;
    chips.push({ label, href: catalogHref(base, { min: null, max: null }) });
  }
  if (chips.length === 0) return null;
  const filtersOnly = chips.length - (params.q ? 1 : 0);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Showing:</span>
      <ul className="flex flex-wrap gap-2" role="list" aria-label="Active filters">
        {chips.map((c) => (
          <li key={c.href}>
            <Link
              href={c.href}
              className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700 hover:bg-brand-100"
            >
              {c.label}
              <span aria-hidden="true">×</span>
              <span className="sr-only">(remove)</span>
            </Link>
          </li>
        ))}
      </ul>
      {filtersOnly > 0 ? (
        <Link
          href={catalogHref({ q: params.q, sort: params.sort, limit: params.limit })}
          className="font-medium text-slate-700 underline underline-offset-4 hover:text-brand-700"
        >
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}
