import { z } from "zod";
import { parseMoneyInput } from "@/lib/money";
import { CATALOG_LIMIT_MAX, ZCatalogSort, ZDifficulty, ZPriceFilter, type TCatalogQuery } from "./schemas";

/**
 * The catalog page's address: `/courses?q=&difficulty=&price=&min=&max=&sort=&cursor=&limit=`. What a GET
 * form sends, so it is lenient where the JSON API is strict: empty fields mean "any", levels are lower-case,
 * and prices are in currency units (what people type), not minor units. A value that cannot be understood
 * is dropped and named, so the page can say so instead of failing.
 */
export interface CatalogPageParams {
  q?: string;
  difficulty?: z.infer<typeof ZDifficulty>;
  price?: z.infer<typeof ZPriceFilter>;
  /** Currency units as typed ("19.5"); written back into links as they are. */
  min?: string;
  max?: string;
  /** The same in minor units of the platform currency (read by parseMoneyInput: exact, never a float). */
  minPrice?: number;
  maxPrice?: number;
  sort?: z.infer<typeof ZCatalogSort>;
  cursor?: string;
  limit?: number;
}

export const CATALOG_PAGE_SIZE = 12;

/** An amount in currency units, with a decimal point or comma; at most the currency's decimals. */
const moneyUnits = (currency: string) =>
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      const parsed = parseMoneyInput(s.replace(/^(\d+),(\d+)$/, "$1.$2"), currency);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return { text: s, minor: parsed.minor };
    });

const FIELDS = {
  q: z
    .string()
    .transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim())
    .pipe(z.string().max(200)),
  difficulty: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(ZDifficulty),
  price: ZPriceFilter,
  min: z.string(),
  max: z.string(),
  sort: ZCatalogSort,
  cursor: z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]+$/),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(CATALOG_LIMIT_MAX)),
} as const;

type Raw = Record<string, string | string[] | undefined>;

export function parseCatalogPageParams(
  raw: Raw,
  currency: string,
): {
  params: CatalogPageParams;
  ignored: string[];
  /** "From" was more than "To": neither is applied, and the page says so (with the range the other way round). */
  inverted: { min: string; max: string } | null;
  /** The address had empty fields (what a GET form sends): the same search without them is `catalogHref(params)`. */
  hasEmpty: boolean;
} {
  const params: Record<string, unknown> = {};
  const ignored: string[] = [];
  const units = moneyUnits(currency);
  let hasEmpty = false;
  for (const [name, fieldSchema] of Object.entries(FIELDS)) {
    const value = raw[name];
    if (value === "") hasEmpty = true;
    if (value === undefined || value === "") continue;
    const isMoney = name === "min" || name === "max";
    const parsed = typeof value === "string" ? (isMoney ? units : fieldSchema).safeParse(value) : undefined;
    if (!parsed?.success) ignored.push(name);
    else if (isMoney) {
      const { text, minor } = parsed.data as { text: string; minor: number };
      params[name] = text;
      params[`${name}Price`] = minor;
    } else if (parsed.data !== "") params[name] = parsed.data;
  }
  const p = params as CatalogPageParams;
  let inverted: { min: string; max: string } | null = null;
  if (p.minPrice !== undefined && p.maxPrice !== undefined && p.minPrice > p.maxPrice) {
    inverted = { min: p.min!, max: p.max! };
    delete p.min;
    delete p.max;
    delete p.minPrice;
    delete p.maxPrice;
  }
  // Relevance means nothing without words to be relevant to: the default order takes over.
  if (p.sort === "relevance" && !p.q) delete p.sort;
  return { params: p, ignored, inverted, hasEmpty };
}

/** The service's query for these parameters (prices in minor units). */
export function toCatalogQuery(p: CatalogPageParams): TCatalogQuery {
  return {
    q: p.q,
    difficulty: p.difficulty,
    price: p.price,
    minPrice: p.minPrice,
    maxPrice: p.maxPrice,
    sort: p.sort,
    cursor: p.cursor,
    limit: p.limit ?? CATALOG_PAGE_SIZE,
  };
}

/** `/courses?…` for these parameters; pass `null` to drop one. Empty values are left out. */
export function catalogHref(
  p: CatalogPageParams,
  changes: { [K in keyof CatalogPageParams]?: CatalogPageParams[K] | null } = {},
): string {
  const merged: Record<string, unknown> = { ...p, ...changes };
  const search = new URLSearchParams();
  for (const name of Object.keys(FIELDS)) {
    const value = merged[name];
    if (value === undefined || value === null || value === "") continue;
    search.set(name, name === "difficulty" ? String(value).toLowerCase() : String(value));
  }
  const qs = search.toString();
  return qs ? `/courses?${qs}` : "/courses";
}

/** True when the page shows something other than the catalog's first page in its default order. */
export function isRefined(p: CatalogPageParams): boolean {
  return Object.values(p).some((v) => v !== undefined);
}
