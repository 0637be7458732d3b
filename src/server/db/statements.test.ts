import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { openPostgres, type Database } from "./client";
import { courses, enrollments, modules, users } from "./schema";
import { createCourseTree, createEnrollment, createUser } from "./seed/factories";
import { compiledRowMapper, preparedFor } from "./statements";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("statements built once", () => {
  it("map rows exactly as Drizzle does: dates, numerics, arrays, JSON, SQL fields, nested objects", async () => {
    const db = database.db;
    const u = await createUser(db, { name: "Ada" });
    const tree = await createCourseTree(db, [2], { published: true, learningObjectives: ["one", "two"] });
    await createEnrollment(db, u.id, tree.course.id);
    const select = (d: typeof db, user: string | ReturnType<typeof sql.placeholder>) =>
      d
        .select({
          course: {
            id: courses.id,
            price: courses.price,
            createdAt: courses.createdAt,
            objectives: courses.learningObjectives,
            rating: courses.ratingAverage,
          },
          enrollment: { status: enrollments.status, enrolledAt: enrollments.enrolledAt },
          name: users.name,
          modules: sql<number>`(SELECT count(*) FROM modules m WHERE m.course_id = ${courses.id})`.mapWith(
            Number,
          ),
          createdText: sql<string>`${courses.createdAt}::text`.as("created_text"),
        })
        .from(enrollments)
        .innerJoin(courses, eq(courses.id, enrollments.courseId))
        .innerJoin(users, eq(users.id, enrollments.userId))
        .where(eq(enrollments.userId, user));
    const statement = preparedFor((d) =>
      select(d, sql.placeholder("user")).prepare("statements_test_select"),
    );
    const compiled = await statement(db).execute({ user: u.id });
    const drizzle = await select(db, u.id);
    expect(compiled).toEqual(drizzle);
    expect(compiled[0]!.course.createdAt).toBeInstanceOf(Date);
    expect(compiled[0]!.modules).toBe(1);
    expect(compiled[0]!.course.objectives).toEqual(["one", "two"]);
    // The compiled mapper is what ran.
    expect(typeof (statement(db) as unknown as { customResultMapper?: unknown }).customResultMapper).toBe(
      "function",
    );
  });

  it("leave nested objects from outer joins to Drizzle, which turns an all-null joined object into null", async () => {
    const db = database.db;
    const course = await createCourseTree(db, [], { published: true });
    const select = (d: typeof db) =>
      d
        .select({ id: courses.id, module: { id: modules.id, title: modules.title } })
        .from(courses)
        .leftJoin(modules, eq(modules.courseId, courses.id))
        .where(eq(courses.id, sql.placeholder("id")));
    const statement = preparedFor((d) => select(d).prepare("statements_test_outer"));
    const rows = await statement(db).execute({ id: course.course.id });
    expect(rows).toEqual([{ id: course.course.id, module: null }]);
    expect((statement(db) as unknown as { customResultMapper?: unknown }).customResultMapper).toBeUndefined();
    expect(
      compiledRowMapper([{ path: ["a", "b"], field: modules.id }], { courses: true, modules: false }),
    ).toBe(undefined);
  });
});

describe.runIf(onPostgres)(
  "prepared statements switched off (DATABASE_PREPARE_THRESHOLD=0, behind a pooler)",
  () => {
    it("leaves even the statements the code names itself unprepared", async () => {
      const url = (database as Database & { url?: string }).url!;
      const off = openPostgres(url, 1, { prepareThreshold: 0 });
      const on = openPostgres(url, 1, { prepareThreshold: 3 });
      try {
        const named = preparedFor((d) =>
          d
            .select({ id: users.id })
            .from(users)
            .where(eq(users.id, sql.placeholder("id")))
            .prepare("statements_off"),
        );
        const preparedOn = async (d: Database) => {
          const client = await (d as Extract<Database, { kind: "postgres" }>).pool.connect();
          try {
            return (await client.query<{ name: string }>("SELECT name FROM pg_prepared_statements")).rows.map(
              (r) => r.name,
            );
          } finally {
            client.release();
          }
        };
        for (let i = 0; i < 5; i++) {
          await named(off.db).execute({ id: "nobody" });
          await named(on.db).execute({ id: "nobody" });
        }
        expect(await preparedOn(off)).toEqual([]);
        expect(await preparedOn(on)).toContain("statements_off");
      } finally {
        await off.close();
        await on.close();
      }
    });
  },
);
