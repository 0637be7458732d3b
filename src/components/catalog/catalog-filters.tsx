import Link from "next/link";
import type { CatalogPageParams } from "@/server/catalog/page-params";
import { SearchBox } from "./search-box";

export const SORT_LABELS = {
  relevance: "Best match",
  newest: "Newest",
  popular: "Most popular",
  rating: "Highest rated",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
} as const;

const LEVELS = [
  ["", "Any level"],
  ["beginner", "Beginner"],
  ["intermediate", "Intermediate"],
  ["advanced", "Advanced"],
  ["expert", "Expert"],
] as const;

const field = "h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900";
const labelText = "mb-1 block text-sm font-medium text-slate-700";

/**
 * The catalog's search, filters and sort: one GET form (works without JavaScript; the address is the state).
 * The page size is kept when one was given; the cursor is not (new filters start at the first page).
 */
export function CatalogFilters({
  params,
  sort,
  currencySymbol,
  step,
}: {
  params: CatalogPageParams;
  sort: keyof typeof SORT_LABELS;
  currencySymbol: string;
  /** The currency's smallest step ("0.01", "1", "0.001"). */
  step: string;
}) {
  const searching = Boolean(params.q);
  return (
    <form
      id="catalog"
      action="/courses"
      method="get"
      role="search"
      aria-label="Search and filter courses"
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <SearchBox formId="catalog" defaultValue={params.q} />
      <div className="mt-4 grid grid-cols-2 gap-3 md:grid-cols-[repeat(4,minmax(0,1fr))_auto] md:items-end lg:grid-cols-[1fr_1fr_0.7fr_0.7fr_1.2fr_auto]">
        <div>
          <label htmlFor="catalog-difficulty" className={labelText}>
            Level
          </label>
          <select
            id="catalog-difficulty"
            name="difficulty"
            defaultValue={params.difficulty?.toLowerCase() ?? ""}
            className={field}
          >
            {LEVELS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="catalog-price" className={labelText}>
            Price
          </label>
          <select id="catalog-price" name="price" defaultValue={params.price ?? ""} className={field}>
            <option value="">Free and paid</option>
            <option value="free">Free only</option>
            <option value="paid">Paid only</option>
          </select>
        </div>
        <div>
          <label htmlFor="catalog-min" className={labelText}>
            From <span className="sr-only">price, in</span> ({currencySymbol})
          </label>
          <input
            id="catalog-min"
            name="min"
            type="number"
            inputMode="decimal"
            min={0}
            step={step}
            placeholder="0"
            defaultValue={params.min}
            className={field}
          />
        </div>
        <div>
          <label htmlFor="catalog-max" className={labelText}>
            To <span className="sr-only">price, in</span> ({currencySymbol})
          </label>
          <input
            id="catalog-max"
            name="max"
            type="number"
            inputMode="decimal"
            min={0}
            step={step}
            placeholder="Any"
            defaultValue={params.max}
            className={field}
          />
        </div>
        <div className="col-span-2 md:col-span-1">
          <label htmlFor="catalog-sort" className={labelText}>
            Sort by
          </label>
          <select id="catalog-sort" name="sort" defaultValue={sort} className={field}>
            {Object.entries(SORT_LABELS)
              .filter(([value]) => value !== "relevance" || searching)
              .map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <div className="col-span-2 flex items-center gap-3 md:col-span-1">
          {params.limit ? <input type="hidden" name="limit" value={params.limit} /> : null}
          <button
            type="submit"
            className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
          >
            Search
          </button>
          <Link
            href="/courses"
            className="text-sm font-medium text-brand-700 underline-offset-4 hover:underline"
          >
            Reset
          </Link>
        </div>
      </div>
    </form>
  );
}
