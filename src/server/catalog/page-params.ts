import { z } from "zod";
import {
  CATALOG_LIMIT_MAX,
  INT4_MAX,
  ZCatalogSort,
  ZDifficulty,
  ZPriceFilter,
  type TCatalogQuery,
} from "./schemas";

/**
 * The catalog page's address: `/courses?q=&difficulty=&price=&min=&max=&sort=&cursor=&limit=`. What a GET
 * form sends, so it is lenient where the JSON API is strict: empty fields mean "any", levels are lower-case,
 * and prices are in whole currency units (what people type), not cents. A value that cannot be understood
 * is dropped and named, so the page can say so instead of failing.
 */
export interface CatalogPageParams {
  q?: string;
  difficulty?: z.infer<typeof ZDifficulty>;
  price?: z.infer<typeof ZPriceFilter>;
  /** Whole currency units, as typed. */
  min?: number;
  max?: number;
  sort?: z.infer<typeof ZCatalogSort>;
  cursor?: string;
  limit?: number;
}

export const CATALOG_PAGE_SIZE = 12;
const MAX_UNITS = Math.floor(INT4_MAX / 100);

const ZUnits = z
  .string()
  .trim()
  .regex(/^\d{1,8}([.,]\d{1,2})?$/)
  .transform((s) => Number(s.replace(",", ".")))
  .pipe(z.number().min(0).max(MAX_UNITS));

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
  min: ZUnits,
  max: ZUnits,
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

export function parseCatalogPageParams(raw: Raw): { params: CatalogPageParams; ignored: string[] } {
  const params: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [name, schema] of Object.entries(FIELDS)) {
    const value = raw[name];
    if (value === undefined || value === "") continue;
    const parsed = typeof value === "string" ? schema.safeParse(value) : undefined;
    if (parsed?.success) {
      if (parsed.data !== "") params[name] = parsed.data;
    } else ignored.push(name);
  }
  const p = params as CatalogPageParams;
  if (p.min !== undefined && p.max !== undefined && p.min > p.max) [p.min, p.max] = [p.max, p.min];
  // Relevance means nothing without words to be relevant to: the default order takes over.
  if (p.sort === "relevance" && !p.q) delete p.sort;
  return { params: p, ignored };
}

/** The service's query for these parameters (prices in cents). */
export function toCatalogQuery(p: CatalogPageParams): TCatalogQuery {
  return {
    q: p.q,
    difficulty: p.difficulty,
    price: p.price,
    minPrice: p.min === undefined ? undefined : Math.round(p.min * 100),
    maxPrice: p.max === undefined ? undefined : Math.round(p.max * 100),
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
