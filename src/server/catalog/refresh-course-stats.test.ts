import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { queryRows } from "../db/rows";
import { courseReviews, courses, enrollments } from "../db/schema";
import { seedDemo } from "../db/seed/demo";
import { createCourse, createEnrollment, createUser } from "../db/seed/factories";
import { isAppError } from "../errors";
import { getRatingSummary } from "./rating-summary";
import { ratingAverageOf, refreshCourseStats } from "./refresh-course-stats";

/**
 * On PostgreSQL the writers below really run at once (a pool of 12, 30 transactions): without the row lock
 * in refreshCourseStats the counters come out short. PGlite has one connection and runs them one after the
 * other; the test still checks the arithmetic there.
 */
const WRITERS = 30;

let database: Database;
const db = () => database.db;

async function stored(courseId: string) {
  const [row] = await db()
    .select({
      enrollmentCount: courses.enrollmentCount,
      ratingCount: courses.ratingCount,
      ratingAverage: sql<string>`${courses.ratingAverage}::text`,
      updatedAt: sql<string>`${courses.updatedAt}::text`,
      version: sql<string>`${courses}.xmin::text`,
    })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row!;
}

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await database?.close();
});

describe("refreshCourseStats under concurrent writers", () => {
  it(`keeps every counter exact while ${WRITERS} transactions enroll, review and refund at once`, async () => {
    const course = await createCourse(db(), { published: true });
    const students = [];
    for (let i = 0; i < WRITERS; i++) students.push(await createUser(db()));

    await Promise.all(
      students.map((s) =>
        db().transaction(async (tx) => {
          await tx.insert(enrollments).values({ userId: s.id, courseId: course.id });
          await refreshCourseStats(tx, course.id);
        }),
      ),
    );
    expect(await stored(course.id)).toMatchObject({ enrollmentCount: WRITERS, ratingCount: 0 });

    const ratingOf = (i: number) => (i % 5) + 1;
    await Promise.all(
      students.map((s, i) =>
        db().transaction(async (tx) => {
          await tx.insert(courseReviews).values({ userId: s.id, courseId: course.id, rating: ratingOf(i) });
          await refreshCourseStats(tx, course.id);
        }),
      ),
    );
    const sum = students.reduce((n, _, i) => n + ratingOf(i), 0);
    expect(await stored(course.id)).toMatchObject({
      enrollmentCount: WRITERS,
      ratingCount: WRITERS,
      ratingAverage: ratingAverageOf(sum, WRITERS),
    });

    // A third of the students are refunded while the others change their ratings, all at once.
    await Promise.all(
      students.map((s, i) =>
        db().transaction(async (tx) => {
          if (i % 3 === 0) {
            await tx
              .update(enrollments)
              .set({ status: "REFUNDED" })
              .where(sql`${enrollments.userId} = ${s.id} AND ${enrollments.courseId} = ${course.id}`);
          } else {
            await tx
              .update(courseReviews)
              .set({ rating: 5 })
              .where(sql`${courseReviews.userId} = ${s.id} AND ${courseReviews.courseId} = ${course.id}`);
          }
          await refreshCourseStats(tx, course.id);
        }),
      ),
    );
    const kept = students.filter((_, i) => i % 3 !== 0).length;
    const after = await stored(course.id);
    expect(after).toMatchObject({ enrollmentCount: kept, ratingCount: kept, ratingAverage: "5.00" });
    const summary = await getRatingSummary(db(), course.id);
    expect(summary).toMatchObject({ count: kept, average: 5 });
    expect(summary.histogram[0]).toEqual({ rating: 5, count: kept });
  });
});

describe("ratings by star (course_rating_counts)", () => {
  it("agree with a count from the reviews for every course, after the demo seed and after a recount", async () => {
    await seedDemo(db(), { appUrl: "http://localhost:3000", currency: "USD" });
    const live = async () =>
      queryRows<{ course_id: string; rating: number; count: number }>(
        db(),
        sql`SELECT r.course_id, r.rating, count(*)::int AS count
            FROM course_reviews r
            JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id
            WHERE e.status <> 'REFUNDED' AND r.hidden_at IS NULL
            GROUP BY 1, 2 ORDER BY 1, 2`,
      );
    const storedCounts = () =>
      queryRows<{ course_id: string; rating: number; count: number }>(
        db(),
        sql`SELECT course_id, rating, count FROM course_rating_counts WHERE count > 0 ORDER BY 1, 2`,
      );
    const counted = await live();
    expect(counted.length).toBeGreaterThan(0);
    expect(await storedCounts()).toEqual(counted);
    // A review hidden behind refreshCourseStats' back is out of the counts once the course is recounted.
    const [one] = counted;
    await db().execute(
      sql`UPDATE course_reviews SET hidden_at = now(), hidden_reason = 'test'
          WHERE id = (SELECT id FROM course_reviews WHERE course_id = ${one!.course_id} AND rating = ${one!.rating}
                      AND hidden_at IS NULL LIMIT 1)`,
    );
    await db().transaction((tx) => refreshCourseStats(tx, one!.course_id));
    expect(await storedCounts()).toEqual(await live());
  });
});

describe("refreshCourseStats", () => {
  it("counts enrollments that are not REFUNDED and only their students' ratings", async () => {
    const course = await createCourse(db(), { published: true });
    const [active, suspended, refunded, stranger] = await Promise.all(
      [1, 2, 3, 4].map(() => createUser(db())),
    );
    await createEnrollment(db(), active!.id, course.id);
    await createEnrollment(db(), suspended!.id, course.id, { status: "SUSPENDED" });
    await createEnrollment(db(), refunded!.id, course.id, { status: "REFUNDED" });
    for (const [user, rating] of [
      [active!, 5],
      [suspended!, 2],
      [refunded!, 1],
      [stranger!, 1], // a review without an enrollment does not count
    ] as const) {
      await db().insert(courseReviews).values({ userId: user.id, courseId: course.id, rating });
    }
    const stats = await db().transaction((tx) => refreshCourseStats(tx, course.id));
    expect(stats).toEqual({ enrollmentCount: 2, ratingCount: 2, ratingAverage: "3.50" });
    expect(await stored(course.id)).toMatchObject(stats);
    expect(await getRatingSummary(db(), course.id)).toEqual({
      average: 3.5,
      count: 2,
      histogram: [5, 4, 3, 2, 1].map((rating) => ({ rating, count: rating === 5 || rating === 2 ? 1 : 0 })),
    });
  });

  it("leaves the row untouched (same version, same updated_at) when nothing changed", async () => {
    const course = await createCourse(db(), { published: true });
    await createEnrollment(db(), (await createUser(db())).id, course.id);
    await db().transaction((tx) => refreshCourseStats(tx, course.id));
    const before = await stored(course.id);
    expect(before.enrollmentCount).toBe(1);
    await db().transaction((tx) => refreshCourseStats(tx, course.id));
    expect(await stored(course.id)).toEqual(before);
  });

  it("does not move updated_at when only the counters change, but does when content changes", async () => {
    const course = await createCourse(db(), { published: true });
    await db().execute(
      sql`UPDATE courses SET updated_at = now() - interval '2 days' WHERE id = ${course.id}`,
    );
    const before = await stored(course.id);
    await createEnrollment(db(), (await createUser(db())).id, course.id);
    await db().transaction((tx) => refreshCourseStats(tx, course.id));
    const counted = await stored(course.id);
    expect(counted.enrollmentCount).toBe(1);
    expect(counted.updatedAt).toBe(before.updatedAt);
    await db().execute(sql`UPDATE courses SET title = 'A new title' WHERE id = ${course.id}`);
    expect((await stored(course.id)).updatedAt).not.toBe(before.updatedAt);
  });

  it("answers an unknown course as not found", async () => {
    const e = await db()
      .transaction((tx) => refreshCourseStats(tx, "no-such-course"))
      .catch((err: unknown) => err);
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
  });

  it("rounds averages exactly as PostgreSQL's round(numeric, 2) does", async () => {
    const cases: [number, number][] = [];
    for (let count = 1; count <= 40; count++)
      for (let sum = count; sum <= count * 5; sum++) cases.push([sum, count]);
    const rows = await queryRows<{ v: string }>(
      db(),
      sql`SELECT round(s::numeric / c, 2)::text AS v
          FROM unnest(${`{${cases.map((c) => c[0]).join(",")}}`}::int[], ${`{${cases.map((c) => c[1]).join(",")}}`}::int[]) AS t(s, c)`,
    );
    expect(cases.map(([s, c]) => ratingAverageOf(s, c))).toEqual(rows.map((r) => r.v));
  });
});

describe("the demo seed", () => {
  it("inserts every course with the counters a refresh computes, so refreshing changes nothing", async () => {
    await seedDemo(db(), { appUrl: "http://localhost:3000", currency: "USD" });
    const demo = await queryRows<{ id: string }>(
      db(),
      sql`SELECT id FROM courses WHERE slug IN ('ai-foundations', 'prompt-engineering', 'machine-learning-with-python', 'building-llm-applications')`,
    );
    expect(demo).toHaveLength(4);
    for (const { id } of demo) {
      const before = await stored(id);
      expect(before.enrollmentCount).toBeGreaterThan(0);
      expect(before.ratingCount).toBeGreaterThan(0);
      await db().transaction((tx) => refreshCourseStats(tx, id));
      expect(await stored(id)).toEqual(before);
    }
  });
});

it.skipIf(!onPostgres)(
  "runs its concurrency test with real parallelism on PostgreSQL: 10 transactions open at once on 10 connections",
  async () => {
    // Each transaction holds its connection until all have one (or 3 s pass): a pool too small for the
    // race above to happen makes the latecomers reuse a connection, and the count comes out short.
    const n = 10;
    let open = 0;
    const pids = await Promise.all(
      Array.from({ length: n }, () =>
        db().transaction(async (tx) => {
          const [row] = await queryRows<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
          open++;
          const since = Date.now();
          while (open < n && Date.now() - since < 3000) await new Promise((r) => setTimeout(r, 5));
          return row!.pid;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(n);
  },
);
