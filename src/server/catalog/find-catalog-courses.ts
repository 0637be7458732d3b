import "server-only";
import { and, asc, desc, eq, gt, gte, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/types";
import { preparedFor } from "../db/statements";
import { courses } from "../db/schema";
import { toPage } from "../pagination";
import { decodeCursor, filterFingerprint, type CursorKey } from "./cursor";
import type { TCatalogPage, TCatalogQuery, TCatalogSort, TCourseListItem } from "./schemas";

/**
 * One page of the public catalog: published courses, filtered, searched and sorted, paginated by keyset
 * (never OFFSET). One query per page; each sort walks its own partial index (idx_courses_catalog_*),
 * searches go through the GIN index on search_vector.
 */

/** created_at as text at full precision, for cursors (a JavaScript Date keeps only milliseconds). */
const createdAtKey = sql<string>`to_char(${courses.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const ratingAverageText = sql<string>`${courses.ratingAverage}::text`;

function tsQuery(q: string): SQL {
  return sql`websearch_to_tsquery('english', ${q})`;
}

/** Title matches (weight A) outrank description matches (weight B); float8 so cursors carry it exactly. */
function rankOf(q: string): SQL<number> {
  return sql<number>`ts_rank(${courses.searchVector}, ${tsQuery(q)})::float8`;
}

interface Order {
  /** The sort key, most significant first; the course id always ends it. */
  columns: (AnyPgColumn | SQL)[];
  /** SQL types to read the cursor's values as, in the same order. */
  types: string[];
  direction: "asc" | "desc";
}

function orderFor(sort: TCatalogSort, q: string | undefined): Order {
  switch (sort) {
    case "newest":
      return {
        columns: [courses.createdAt, courses.id],
        types: ["timestamptz", "varchar"],
        direction: "desc",
      };
    case "popular":
      return { columns: [courses.enrollmentCount, courses.id], types: ["int", "varchar"], direction: "desc" };
    case "rating":
      return {
        columns: [courses.ratingAverage, courses.ratingCount, courses.id],
        types: ["numeric", "int", "varchar"],
        direction: "desc",
      };
    case "price_asc":
      return { columns: [courses.price, courses.id], types: ["int", "varchar"], direction: "asc" };
    case "price_desc":
      return { columns: [courses.price, courses.id], types: ["int", "varchar"], direction: "desc" };
    case "relevance":
      return { columns: [rankOf(q!), courses.id], types: ["float8", "varchar"], direction: "desc" };
  }
}

/** `(a, b, id) < ($1, $2, $3)`: a row comparison PostgreSQL answers from the matching index. */
function after(order: Order, key: readonly unknown[]): SQL {
  const values = key.map((v, i) => sql`${v}::${sql.raw(order.types[i]!)}`);
  const op = sql.raw(order.direction === "desc" ? "<" : ">");
  return sql`(${sql.join(order.columns, sql`, `)}) ${op} (${sql.join(values, sql`, `)})`;
}

export function resolveSort(query: Pick<TCatalogQuery, "sort" | "q">): TCatalogSort {
  return query.sort ?? (query.q ? "relevance" : "newest");
}

function selectCatalog(db: Db, q: string | undefined) {
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      description: courses.description,
      imageUrl: courses.imageUrl,
      difficulty: courses.difficulty,
      duration: courses.duration,
      price: courses.price,
      featured: courses.featured,
      enrollmentCount: courses.enrollmentCount,
      ratingCount: courses.ratingCount,
      ratingAverage: ratingAverageText,
      createdAtKey,
      rank: q ? rankOf(q) : sql<number>`0::float8`,
    })
    .from(courses);
}

const orderBy = (order: Order) => order.columns.map((c) => (order.direction === "desc" ? desc(c) : asc(c)));

/**
 * The first page of a sort without search or filters — the catalog's own landing page and the API's default
 * — is the hottest catalog read: built once per database handle and sort (the same SQL as catalogStatement's).
 */
const FIRST_PAGE_SORTS = ["newest", "popular", "rating", "price_asc", "price_desc"] as const;
const firstPages = new Map(
  FIRST_PAGE_SORTS.map((sort) => [
    sort as TCatalogSort,
    preparedFor((db) =>
      selectCatalog(db, undefined)
        .where(sql`${courses.published}`)
        .orderBy(...orderBy(orderFor(sort, undefined)))
        .limit(sql.placeholder("limit"))
        .prepare(`catalog_first_page_${sort}`),
    ),
  ]),
);

/** What a cursor is bound to: a cursor made under other filters is refused. */
function catalogFilters(query: TCatalogQuery) {
  return {
    q: query.q?.trim() || undefined,
    difficulty: query.difficulty,
    price: query.price,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
  };
}

function isPlainFirstPage(query: TCatalogQuery): boolean {
  return (
    !query.q?.trim() &&
    !query.cursor &&
    !query.difficulty &&
    !query.price &&
    query.minPrice === undefined &&
    query.maxPrice === undefined
  );
}

/** The one statement a catalog page runs (exported so its plan can be examined), and how to continue it. */
export function catalogStatement(db: Db, query: TCatalogQuery) {
  const q = query.q?.trim() || undefined;
  const sort = resolveSort({ sort: query.sort, q });
  const fingerprint = filterFingerprint(catalogFilters(query));
  const order = orderFor(sort, q);

  // `published` as a plain condition (not a bound parameter), so the planner can match the partial indexes.
  const where: SQL[] = [sql`${courses.published}`];
  if (q) where.push(sql`${courses.searchVector} @@ ${tsQuery(q)}`);
  if (query.difficulty) where.push(eq(courses.difficulty, query.difficulty));
  if (query.price === "free") where.push(eq(courses.price, 0));
  if (query.price === "paid") where.push(gt(courses.price, 0));
  if (query.minPrice !== undefined) where.push(gte(courses.price, query.minPrice));
  if (query.maxPrice !== undefined) where.push(lte(courses.price, query.maxPrice));
  if (query.cursor) where.push(after(order, decodeCursor(query.cursor, sort, fingerprint)));

  const statement = selectCatalog(db, q)
    .where(and(...where))
    .orderBy(...orderBy(order))
    .limit(query.limit + 1);
  return { statement, sort, fingerprint };
}

export async function findCatalogCourses(
  db: Db,
  query: TCatalogQuery,
  currency: string,
): Promise<TCatalogPage> {
  const plain = isPlainFirstPage(query) ? firstPages.get(resolveSort(query)) : undefined;
  const { statement, sort, fingerprint } = plain
    ? {
        statement: plain(db).execute({ limit: query.limit + 1 }),
        sort: resolveSort(query),
        fingerprint: filterFingerprint(catalogFilters(query)),
      }
    : catalogStatement(db, query);
  return toPage(await statement, query.limit, (row) => cursorKey(sort, row), {
    map: (row) => toListItem(row, currency),
    scope: `${sort}:${fingerprint}`,
  });
}

type Row = {
  id: string;
  price: number;
  enrollmentCount: number;
  ratingCount: number;
  ratingAverage: string;
  createdAtKey: string;
  rank: number;
};

function cursorKey(sort: TCatalogSort, row: Row): CursorKey<TCatalogSort> {
  switch (sort) {
    case "newest":
      return [row.createdAtKey, row.id];
    case "popular":
      return [row.enrollmentCount, row.id];
    case "rating":
      return [row.ratingAverage, row.ratingCount, row.id];
    case "price_asc":
    case "price_desc":
      return [row.price, row.id];
    case "relevance":
      return [Number(row.rank), row.id];
  }
}

export function toListItem(
  row: Omit<TCourseListItem, "currency" | "ratingAverage"> & { ratingAverage: string },
  currency: string,
): TCourseListItem {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    imageUrl: row.imageUrl,
    difficulty: row.difficulty,
    duration: row.duration,
    price: row.price,
    currency,
    featured: row.featured,
    enrollmentCount: row.enrollmentCount,
    ratingAverage: row.ratingCount > 0 ? Number(row.ratingAverage) : null,
    ratingCount: row.ratingCount,
  };
}
