import { sql, type SQLWrapper } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import { generateBulkCatalog } from "../db/seed/bulk-catalog";
import { catalogStatement, findCatalogCourses } from "./find-catalog-courses";
import { courseInstructorsStatement, courseOutlineStatement, getPublicCoursePage } from "./queries";
import { ratingSummaryStatement } from "./rating-summary";
import { CATALOG_SORTS, ZCatalogInput, type TCatalogInput } from "./schemas";

/**
 * The plans PostgreSQL chooses on a 10,000-course catalog (30,000 modules, 90,000 lessons), analyzed:
 * every catalog query of every sort and filter, first and second page, and the course page's queries, read
 * through indexes; none scans courses, modules or lessons sequentially.
 */
const COURSES = 10_000;
const WATCHED = new Set(["courses", "modules", "lessons"]);

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

let database: Database;

async function plan(statement: SQLWrapper) {
  const [row] = await queryRows<{ "QUERY PLAN": [{ Plan: PlanNode }] | string }>(
    database.db,
    sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`,
  );
  const raw = row!["QUERY PLAN"];
  const root = (typeof raw === "string" ? JSON.parse(raw) : raw)[0].Plan as PlanNode;
  const nodes: PlanNode[] = [];
  const visit = (n: PlanNode) => {
    nodes.push(n);
    n.Plans?.forEach(visit);
  };
  visit(root);
  return {
    seqScans: nodes
      .filter((n) => n["Node Type"] === "Seq Scan" && WATCHED.has(n["Relation Name"] ?? ""))
      .map((n) => n["Relation Name"]),
    indexes: new Set(nodes.flatMap((n) => (n["Index Name"] ? [n["Index Name"]] : []))),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await generateBulkCatalog(database.db, { courses: COURSES });
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const FILTERS: TCatalogInput[] = [
  {},
  { difficulty: "EXPERT" },
  { price: "free" },
  { price: "paid" },
  { minPrice: 1900, maxPrice: 4900 },
  { difficulty: "BEGINNER", price: "paid", maxPrice: 9900 },
  { q: "retrieval" },
  { q: "embeddings -workshop", difficulty: "ADVANCED" },
  { q: '"deep dive"', price: "paid" },
];

/** Which index serves each sort of the unfiltered catalog. */
const SORT_INDEX: Record<string, string> = {
  newest: "idx_courses_catalog_newest",
  popular: "idx_courses_catalog_popular",
  rating: "idx_courses_catalog_rating",
  price_asc: "idx_courses_catalog_price",
  price_desc: "idx_courses_catalog_price",
};

describe(`catalog query plans on ${COURSES.toLocaleString("en")} courses`, () => {
  it("has the generated catalog", async () => {
    const [counts] = await queryRows<{ courses: number; modules: number; lessons: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM courses) AS courses, (SELECT count(*)::int FROM modules) AS modules,
                 (SELECT count(*)::int FROM lessons) AS lessons`,
    );
    expect(counts).toEqual({ courses: COURSES, modules: COURSES * 3, lessons: COURSES * 9 });
  });

  it("reads each sort of the whole catalog from its own index, page after page", async () => {
    for (const [sort, index] of Object.entries(SORT_INDEX)) {
      const input = ZCatalogInput.parse({ sort });
      const first = await plan(catalogStatement(database.db, input).statement);
      expect(first.seqScans, sort).toEqual([]);
      expect([...first.indexes], sort).toContain(index);
      const { nextCursor } = await findCatalogCourses(database.db, input, "USD");
      const second = await plan(catalogStatement(database.db, { ...input, cursor: nextCursor! }).statement);
      expect(second.seqScans, `${sort}, page 2`).toEqual([]);
      expect([...second.indexes], `${sort}, page 2`).toContain(index);
    }
  });

  it("uses indexes for every sort with every filter and search, on the first and the next page", async () => {
    for (const filters of FILTERS) {
      for (const sort of CATALOG_SORTS) {
        if (sort === "relevance" && !filters.q) continue;
        const input = ZCatalogInput.parse({ ...filters, sort });
        const what = JSON.stringify(input);
        const first = await plan(catalogStatement(database.db, input).statement);
        expect(first.seqScans, what).toEqual([]);
        expect(first.indexes.size, what).toBeGreaterThan(0);
        const { items, nextCursor } = await findCatalogCourses(database.db, input, "USD");
        expect(items.length, what).toBeGreaterThan(0);
        if (!nextCursor) continue;
        const next = await plan(catalogStatement(database.db, { ...input, cursor: nextCursor }).statement);
        expect(next.seqScans, `${what}, page 2`).toEqual([]);
      }
    }
  });

  it("reads a course page (outline, instructors, ratings) through indexes", async () => {
    const slug = "bulk-course-4321";
    const page = await getPublicCoursePage(database.db, slug);
    expect(page?.lessonCount).toBe(9);
    const outline = await plan(courseOutlineStatement(database.db, slug, { publishedModulesOnly: true }));
    expect(outline.seqScans).toEqual([]);
    expect([...outline.indexes]).toEqual(
      expect.arrayContaining(["idx_modules_course_id", "idx_lessons_module_id"]),
    );
    expect([...outline.indexes].some((i) => ["idx_courses_slug", "courses_slug_unique"].includes(i))).toBe(
      true,
    );
    for (const statement of [
      courseInstructorsStatement(database.db, page!.course.id),
      ratingSummaryStatement(page!.course.id),
    ]) {
      expect((await plan(statement)).seqScans).toEqual([]);
    }
  });
});
