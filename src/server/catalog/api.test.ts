import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import { apiClient } from "../../../tests/helpers/api";
import type { Database } from "../db/client";
import { courses, modules } from "../db/schema";
import { seedDemo } from "../db/seed/demo";
import { createCourseTree } from "../db/seed/factories";

const APP = "http://localhost:3000";
let database: Database;
const call = apiClient({ db: () => database.db });
const getList = (query: string) => call("GET", `/api/v1/courses${query}`);
const getDetail = (slug: string) => call("GET", `/api/v1/courses/${slug}`);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, { appUrl: APP, currency: "USD" });
});
afterAll(async () => {
  await database?.close();
});

describe("GET /api/v1/courses", () => {
  it("lists published courses newest first, with the counters, as the OpenAPI document says", async () => {
    const { status, body } = await getList("");
    expect(status).toBe(200);
    expect(body.items.map((i: { slug: string }) => i.slug)).toEqual([
      "building-llm-applications",
      "machine-learning-with-python",
      "prompt-engineering",
      "ai-foundations",
    ]);
    expect(body.nextCursor).toBeNull();
    const first = body.items[3];
    expect(first).toMatchObject({ price: 0, currency: "USD", featured: true, difficulty: "BEGINNER" });
    expect(first.enrollmentCount).toBeGreaterThan(0);
    expect(first.ratingCount).toBeGreaterThan(0);
    expect(first.ratingAverage).toBeGreaterThanOrEqual(1);
  });

  it("pages with a cursor, filters, searches and sorts", async () => {
    const one = await getList("?limit=3&sort=price_asc");
    expect(one.body.items).toHaveLength(3);
    const two = await getList(`?limit=3&sort=price_asc&cursor=${one.body.nextCursor}`);
    expect(two.body.items).toHaveLength(1);
    expect(two.body.nextCursor).toBeNull();
    expect((await getList("?price=free")).body.items.map((i: { slug: string }) => i.slug)).toEqual([
      "ai-foundations",
    ]);
    expect((await getList("?minPrice=5000&maxPrice=8000")).body.items).toHaveLength(1);
    expect((await getList("?difficulty=ADVANCED")).body.items[0].slug).toBe("building-llm-applications");
    const search = await getList("?q=prompting");
    expect(search.body.items[0].slug).toBe("prompt-engineering");
    const popular = (await getList("?sort=popular")).body.items as { enrollmentCount: number }[];
    expect(popular.map((i) => i.enrollmentCount)).toEqual(
      [...popular.map((i) => i.enrollmentCount)].sort((a, b) => b - a),
    );
  });

  it("answers each invalid parameter with a 422 naming it", async () => {
    const cases: [string, string][] = [
      ["?limit=0", "query.limit"],
      ["?limit=51", "query.limit"],
      ["?limit=ten", "query.limit"],
      ["?sort=cheapest", "query.sort"],
      ["?sort=relevance", "query.sort"],
      ["?difficulty=beginner", "query.difficulty"],
      ["?price=cheap", "query.price"],
      ["?minPrice=-1", "query.minPrice"],
      ["?maxPrice=99999999999", "query.maxPrice"],
      ["?minPrice=500&maxPrice=100", "query.minPrice"],
      ["?q=" + "x".repeat(201), "query.q"],
      ["?cursor=tampered", "query.cursor"],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await getList(query);
      expect(status, query).toBe(422);
      expect(body.error.code).toBe("INVALID_INPUT");
      expect(
        body.error.fields.map((f: { path: string }) => f.path),
        query,
      ).toContain(field);
    }
    for (const query of [
      "?q=%00",
      "?q=a%00b",
      "?cursor=%00",
      `?cursor=${Buffer.from('{"v":1,"s":"newest","f":"x","k":["2026-01-01T00:00:00.000000Z","\u0000"]}').toString("base64url")}`,
    ]) {
      const { status } = await getList(query);
      expect(status, query).toBe(422);
    }
    const relevance = await getList("?sort=relevance");
    expect(relevance.body.error.message).toMatch(/relevance needs a search/);
  });

  it("answers a cursor used with other filters, or altered, with a 422 and never a 500", async () => {
    const first = await getList("?limit=1");
    const cursor = first.body.nextCursor as string;
    const other = await getList(`?limit=1&sort=rating&cursor=${cursor}`);
    expect(other.status).toBe(422);
    expect(other.body.error.message).toMatch(/another search, filter or sort/);
    const json = JSON.parse(Buffer.from(cursor, "base64url").toString());
    for (const k of [["9999-99-99", "x"], [null, "x"], ["2026-01-01T00:00:00.000000Z"], {}, "x"]) {
      const forged = Buffer.from(JSON.stringify({ ...json, k })).toString("base64url");
      const res = await getList(`?limit=1&cursor=${forged}`);
      expect(res.status, JSON.stringify(k)).toBe(422);
    }
  });
});

describe("GET /api/v1/courses/{slug}", () => {
  it("answers a published course with instructors, modules, lessons and ratings, never lesson content", async () => {
    const { status, body } = await getDetail("prompt-engineering");
    expect(status).toBe(200);
    expect(body).toMatchObject({ slug: "prompt-engineering", price: 4900, currency: "USD" });
    expect(body.instructors).toEqual([expect.objectContaining({ name: "Ada Lindqvist", role: "OWNER" })]);
    expect(body.modules.length).toBeGreaterThanOrEqual(3);
    expect(body.modules[0].lessons[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      order: 1,
      duration: expect.any(Number),
      lessonType: expect.any(String),
    });
    expect(body.rating.count).toBe(body.ratingCount);
    expect(body.rating.average).toBe(body.ratingAverage);
    expect(JSON.stringify(body)).not.toContain("## "); // lesson Markdown never leaves through the catalog
  });

  it("answers unknown, malformed and unpublished courses with 404 in the error shape", async () => {
    const draft = await createCourseTree(database.db, [1], { slug: "secret-draft", published: false });
    for (const slug of ["no-such-course", "NOT_A_SLUG", draft.course.slug]) {
      const { status, body } = await getDetail(slug);
      expect(status, slug).toBe(404);
      expect(body.error.code).toBe("NOT_FOUND");
    }
  });

  it("leaves draft modules out", async () => {
    const tree = await createCourseTree(database.db, [1, 2], { slug: "with-a-draft", published: true });
    await database.db.update(modules).set({ published: false }).where(eq(modules.id, tree.modules[1]!.id));
    const { body } = await getDetail("with-a-draft");
    expect(body.modules.map((m: { id: string }) => m.id)).toEqual([tree.modules[0]!.id]);
    await database.db.execute(sql`DELETE FROM courses WHERE id = ${tree.course.id}`);
    expect(await database.db.select().from(courses).where(eq(courses.id, tree.course.id))).toEqual([]);
  });
});
