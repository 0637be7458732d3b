import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import type { NewCourse } from "../db/schema";
import { createCourse } from "../db/seed/factories";
import { isAppError } from "../errors";
import { encodeCursor, filterFingerprint } from "./cursor";
import { findCatalogCourses } from "./find-catalog-courses";
import { CATALOG_SORTS, ZCatalogInput, type TCatalogInput, type TCatalogSort } from "./schemas";

let database: Database;
const db = () => database.db;
const BASE = Date.parse("2026-01-01T00:00:00Z");
let seq = 0;

/** A course with the given fields; counters and timestamps are set directly (they are what sorts read). */
function course(overrides: Partial<NewCourse> = {}) {
  seq++;
  return createCourse(db(), {
    published: true,
    createdAt: new Date(BASE + (seq % 9) * 60_000), // many ties on created_at, broken by id
    price: [0, 1900, 4900, 4900, 9900][seq % 5],
    difficulty: (["BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT"] as const)[seq % 4],
    enrollmentCount: seq % 4,
    ...(seq % 3
      ? { ratingCount: 1 + (seq % 5), ratingAverage: ["4.50", "4.50", "3.00", "5.00"][seq % 4] }
      : {}),
    ...overrides,
  });
}

const search = (input: TCatalogInput) => findCatalogCourses(db(), ZCatalogInput.parse(input), "USD");

/** Every page of a search, following nextCursor; `between` runs after each page (to insert courses). */
async function walk(input: TCatalogInput, between?: () => Promise<unknown>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await search({ ...input, cursor });
    ids.push(...page.items.map((i) => i.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
    await between?.();
  }
  throw new Error("more than 200 pages");
}

/** The published courses a search should return, in its order, computed independently in SQL. */
async function expected(sort: Exclude<TCatalogSort, "relevance">) {
  const order = {
    newest: "created_at DESC, id DESC",
    popular: "enrollment_count DESC, id DESC",
    rating: "rating_average DESC, rating_count DESC, id DESC",
    price_asc: "price ASC, id ASC",
    price_desc: "price DESC, id DESC",
  }[sort];
  const rows = await queryRows<{ id: string }>(
    db(),
    sql.raw(`SELECT id FROM courses WHERE published ORDER BY ${order}`),
  );
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 40; i++) await course();
  for (let i = 0; i < 5; i++) await course({ published: false, title: `Draft course ${i}` });
  // Two courses in the same millisecond, a microsecond apart: a cursor must keep the microseconds.
  const a = await course({ createdAt: new Date(BASE + 3 * 60_000) });
  const b = await course({ createdAt: new Date(BASE + 3 * 60_000) });
  await db().execute(
    sql`UPDATE courses SET created_at = created_at + interval '1 microsecond' WHERE id = ${a.id}`,
  );
  await db().execute(
    sql`UPDATE courses SET created_at = created_at + interval '2 microseconds' WHERE id = ${b.id}`,
  );
});
afterAll(async () => {
  await database?.close();
});

describe("keyset pagination", () => {
  for (const sort of CATALOG_SORTS.filter((s) => s !== "relevance")) {
    it(`walks every published course exactly once, in order, sorted by ${sort}`, async () => {
      // A page size of 1 makes every row a page boundary, so every tie is crossed by a cursor.
      for (const limit of [1, 7]) expect(await walk({ sort, limit })).toEqual(await expected(sort));
    });
  }

  it("walks every matching course exactly once when sorted by relevance", async () => {
    const ids = await walk({ q: "course", sort: "relevance", limit: 1 });
    const all = await expected("newest");
    expect([...ids].sort()).toEqual([...all].sort());
  });

  for (const sort of CATALOG_SORTS) {
    it(`stays exact while courses are inserted between pages, sorted by ${sort}`, async () => {
      const before = new Set(await expected("newest"));
      let n = 0;
      const ids = await walk({ sort, limit: 5, ...(sort === "relevance" ? { q: "course" } : {}) }, () =>
        // New courses land before, among and after the rows already seen.
        course({
          createdAt: new Date(BASE + (n++ % 11) * 55_000),
          enrollmentCount: n % 5,
          price: (n % 6) * 1000,
        }),
      );
      expect(new Set(ids).size).toBe(ids.length); // nothing twice
      for (const id of before) expect(ids).toContain(id); // nothing that was there is skipped
    });
  }

  it("answers an empty last page with no cursor, and pages of the requested size", async () => {
    const first = await search({ sort: "price_asc", limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const none = await search({ q: "zzyzx-nothing-matches" });
    expect(none).toEqual({ items: [], nextCursor: null });
  });
});

describe("filters", () => {
  it("filter by difficulty, free or paid, and a price range, combined; drafts never appear", async () => {
    const all = await walk({ limit: 50 });
    const rows = await queryRows<{ id: string; price: number; difficulty: string; published: boolean }>(
      db(),
      sql`SELECT id, price, difficulty::text, published FROM courses`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(all.every((id) => byId.get(id)!.published)).toBe(true);

    const cases: [TCatalogInput, (r: { price: number; difficulty: string }) => boolean][] = [
      [{ difficulty: "EXPERT" }, (r) => r.difficulty === "EXPERT"],
      [{ price: "free" }, (r) => r.price === 0],
      [{ price: "paid" }, (r) => r.price > 0],
      [{ minPrice: 1900, maxPrice: 4900 }, (r) => r.price >= 1900 && r.price <= 4900],
      [
        { price: "paid", maxPrice: 1900, difficulty: "BEGINNER" },
        (r) => r.price > 0 && r.price <= 1900 && r.difficulty === "BEGINNER",
      ],
    ];
    for (const [input, keep] of cases) {
      const ids = await walk({ ...input, sort: "price_desc", limit: 4 });
      const want = rows.filter((r) => r.published && keep(r)).map((r) => r.id);
      expect([...ids].sort(), JSON.stringify(input)).toEqual(want.sort());
    }
  });
});

describe("cursors", () => {
  async function rejection(input: TCatalogInput) {
    try {
      await search(input);
    } catch (e) {
      return e;
    }
    return undefined;
  }

  it("refuse tampered, foreign and out-of-range cursors as invalid input, never as a database error", async () => {
    const page = await search({ sort: "newest", limit: 2 });
    const fp = filterFingerprint({});
    const forged = (sort: TCatalogSort, key: unknown[]) =>
      encodeCursor(sort as "newest", fp, key as [string, string]);
    const bad: TCatalogInput[] = [
      { sort: "newest", cursor: page.nextCursor!.slice(0, -3) + "xyz" },
      { sort: "newest", cursor: "not base64 at all!" },
      { sort: "newest", cursor: Buffer.from("[1,2,3]").toString("base64url") },
      { sort: "popular", cursor: page.nextCursor! }, // another sort's cursor
      { sort: "newest", difficulty: "EXPERT", cursor: page.nextCursor! }, // another filter's cursor
      { sort: "newest", cursor: forged("newest", ["2026-02-30T00:00:00.000000Z", "x"]) },
      { sort: "newest", cursor: forged("newest", ["1999-01-01 00:00", "x"]) },
      { sort: "popular", cursor: forged("popular", [2 ** 31, "x"]) },
      { sort: "popular", cursor: forged("popular", [-1, "x"]) },
      { sort: "rating", cursor: forged("rating", ["9.99", 1, "x"]) },
      { sort: "price_asc", cursor: forged("price_asc", [1.5, "x"]) },
      { sort: "price_asc", cursor: forged("price_asc", [1, "x".repeat(500)]) },
    ];
    for (const input of bad) {
      const e = await rejection(input);
      expect(isAppError(e) && e.code === "INVALID_INPUT", JSON.stringify(input).slice(0, 120)).toBe(true);
    }
    const relevance = await rejection({
      q: "course",
      sort: "relevance",
      cursor: encodeCursor("relevance", filterFingerprint({ q: "course" }), [1e-320, "x"]),
    });
    expect(isAppError(relevance) && relevance.code).toBe("INVALID_INPUT");
  });
});
