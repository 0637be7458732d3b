/**
 * `npm run bench`: catalog read latency (p50/p95) on a generated catalog, for every sort, deeper pages,
 * filters, searches and the course page. Runs on a fresh in-memory PGlite, and also on PostgreSQL when
 * DATABASE_URL is set (in a temporary database created next to it and dropped afterwards; the database
 * DATABASE_URL names is never touched).
 *
 *   npm run bench                       10,000 courses, 200 runs per case
 *   npm run bench -- --courses 50000 --runs 500
 */
import { sql } from "drizzle-orm";
import { findCatalogCourses } from "../src/server/catalog/find-catalog-courses";
import { getPublicCoursePage } from "../src/server/catalog/queries";
import { ZCatalogInput, type TCatalogInput } from "../src/server/catalog/schemas";
import { openPglite, openPostgres, type Database } from "../src/server/db/client";
import { migrateDatabase } from "../src/server/db/migrate";
import { generateBulkCatalog } from "../src/server/db/seed/bulk-catalog";
import { run } from "./cli";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const COURSES = option("courses", 10_000);
const RUNS = option("runs", 200);
const WARMUP = 20;

interface Case {
  name: string;
  /** Runs one measured operation. */
  once: (db: Database["db"]) => Promise<unknown>;
}

/** The query for page `depth` (1 = first) of a search: earlier pages are fetched once, outside the timing. */
async function pageCase(db: Database["db"], name: string, input: TCatalogInput, depth = 1): Promise<Case> {
  let cursor: string | undefined;
  for (let page = 1; page < depth; page++) {
    cursor =
      (await findCatalogCourses(db, ZCatalogInput.parse({ ...input, cursor }), "USD")).nextCursor ??
      undefined;
  }
  const query = ZCatalogInput.parse({ ...input, cursor });
  return { name, once: (d) => findCatalogCourses(d, query, "USD") };
}

async function cases(db: Database["db"]): Promise<Case[]> {
  const list: Case[] = [];
  for (const sort of ["newest", "popular", "rating", "price_asc", "price_desc"] as const) {
    list.push(await pageCase(db, `sort=${sort}`, { sort }));
    list.push(await pageCase(db, `sort=${sort}, page 10`, { sort }, 10));
  }
  list.push(await pageCase(db, "q=retrieval (relevance)", { q: "retrieval" }));
  list.push(await pageCase(db, "q=retrieval (relevance), page 5", { q: "retrieval" }, 5));
  list.push(
    await pageCase(db, 'q="deep dive" -python, newest', { q: '"deep dive" -python', sort: "newest" }),
  );
  list.push(
    await pageCase(db, "difficulty=EXPERT, price=paid, popular", {
      difficulty: "EXPERT",
      price: "paid",
      sort: "popular",
    }),
  );
  list.push(
    await pageCase(db, "minPrice=1900 maxPrice=4900, rating", {
      minPrice: 1900,
      maxPrice: 4900,
      sort: "rating",
    }),
  );
  list.push({
    name: "course page (outline, instructors, ratings)",
    once: (d) => getPublicCoursePage(d, "bulk-course-4321"),
  });
  return list;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function bench(label: string, database: Database) {
  const started = performance.now();
  await migrateDatabase(database);
  await generateBulkCatalog(database.db, { courses: COURSES });
  console.log(
    `\n${label}: ${COURSES.toLocaleString("en")} courses generated in ${((performance.now() - started) / 1000).toFixed(1)} s; ${RUNS} runs per case (ms)`,
  );
  const rows: Record<string, { p50: string; p95: string; max: string }> = {};
  for (const c of await cases(database.db)) {
    for (let i = 0; i < WARMUP; i++) await c.once(database.db);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await c.once(database.db);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    rows[c.name] = {
      p50: percentile(times, 50).toFixed(2),
      p95: percentile(times, 95).toFixed(2),
      max: times.at(-1)!.toFixed(2),
    };
  }
  console.table(rows);
}

run(async () => {
  const pglite = await openPglite();
  try {
    await bench("PGlite (embedded, in memory)", pglite);
  } finally {
    await pglite.close();
  }

  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log("\nSet DATABASE_URL to also measure on a PostgreSQL server.");
    return;
  }
  const adminUrl = new URL(url);
  adminUrl.pathname = "/postgres";
  const name = `aiw_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = openPostgres(adminUrl.toString(), 1);
  await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  const server = openPostgres(target.toString(), 4);
  try {
    await bench(`PostgreSQL (${target.hostname}:${target.port || 5432})`, server);
  } finally {
    await server.close();
    await admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await admin.close();
  }
});
