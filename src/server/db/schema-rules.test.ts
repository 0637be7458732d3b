import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import { expectSqlState } from "../../../tests/helpers/expect-sql";
import type { Database } from "./client";
import { queryRows } from "./rows";
import {
  accounts,
  auditLog,
  certificates,
  courseReviews,
  courses,
  lessons,
  modules,
  payments,
  sessions,
  userProgress,
  users,
  verificationTokens,
} from "./schema";
import { createCourse, createCourseTree, createEnrollment, createUser } from "./seed/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

describe("courses", () => {
  it("rejects a negative price", async () => {
    await expectSqlState(createCourse(db(), { price: -1 }), "23514", "courses_price_not_negative");
  });

  it("rejects a duplicate slug", async () => {
    const c = await createCourse(db());
    await expectSqlState(createCourse(db(), { slug: c.slug }), "23505", "courses_slug_unique");
  });

  it.each(["Has Caps", "two--hyphens", "-leading", "trailing-", "under_score", "space d", "ünïcode", ""])(
    "rejects the slug %j as not URL-safe",
    async (slug) => {
      await expectSqlState(createCourse(db(), { slug }), "23514", "courses_slug_url_safe");
    },
  );

  it("accepts URL-safe slugs", async () => {
    await expect(createCourse(db(), { slug: "intro-to-ml-2026" })).resolves.toMatchObject({
      slug: "intro-to-ml-2026",
    });
  });

  it("rejects a title longer than 200 characters and accepts exactly 200", async () => {
    await expectSqlState(createCourse(db(), { title: "x".repeat(201) }), "23514", "courses_title_length");
    await expect(createCourse(db(), { title: "é".repeat(200) })).resolves.toBeDefined();
  });

  it("rejects a featured course that is not published", async () => {
    await expectSqlState(
      createCourse(db(), { featured: true, published: false }),
      "23514",
      "courses_featured_requires_published",
    );
    const c = await createCourse(db(), { featured: true, published: true });
    await expectSqlState(
      db().update(courses).set({ published: false }).where(eq(courses.id, c.id)),
      "23514",
      "courses_featured_requires_published",
    );
  });

  it("rejects an unknown difficulty with 22P02", async () => {
    await expectSqlState(
      db().execute(sql`INSERT INTO courses (title, description, slug, price, duration, difficulty)
                       VALUES ('t', 'd', 'bad-enum', 0, 0, 'GURU')`),
      "22P02",
    );
  });

  it("keeps NOT NULL on defaulted columns", async () => {
    await expectSqlState(
      db().execute(sql`INSERT INTO courses (title, description, slug, price, duration, difficulty, published)
                       VALUES ('t', 'd', 'null-published', 0, 0, 'BEGINNER', NULL)`),
      "23502",
    );
  });
});

describe("modules and lessons", () => {
  it("rejects two modules with the same order in a course", async () => {
    const { course } = await createCourseTree(db(), [1]);
    await expectSqlState(
      db()
        .insert(modules)
        .values({ courseId: course.id, order: 1, title: "Dup", description: "d", duration: 0 }),
      "23505",
      "modules_course_id_order_key",
    );
  });

  it("rejects two lessons with the same order in a module", async () => {
    const { modules: mods } = await createCourseTree(db(), [1]);
    await expectSqlState(
      db()
        .insert(lessons)
        .values({ moduleId: mods[0]!.id, order: 1, title: "Dup", content: "c", duration: 1 }),
      "23505",
      "lessons_module_id_order_key",
    );
  });

  it("cascades a course's deletion to its modules and lessons", async () => {
    const tree = await createCourseTree(db(), [2, 1]);
    await db().delete(courses).where(eq(courses.id, tree.course.id));
    const left = await queryRows<{ n: number }>(
      db(),
      sql`SELECT count(*)::int AS n FROM lessons WHERE id IN ${tree.lessons.map((l) => l.id)}`,
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe("users and authentication tables", () => {
  it("rejects a duplicate e-mail, also when only the case differs", async () => {
    const u = await createUser(db());
    await expectSqlState(createUser(db(), { email: u.email }), "23505", "users_email_unique");
    await expectSqlState(
      createUser(db(), { email: u.email.toUpperCase() }),
      "23505",
      "users_email_lower_unique",
    );
  });

  it("defaults the role to STUDENT and refuses NULL", async () => {
    const u = await createUser(db());
    expect(u.role).toBe("STUDENT");
    await expectSqlState(db().execute(sql`UPDATE users SET role = NULL WHERE id = ${u.id}`), "23502");
  });

  it("rejects a second account for the same provider account", async () => {
    const a = await createUser(db());
    const b = await createUser(db());
    const row = { type: "oauth", provider: "github", providerAccountId: "12345" };
    await db()
      .insert(accounts)
      .values({ userId: a.id, ...row });
    await expectSqlState(
      db()
        .insert(accounts)
        .values({ userId: b.id, ...row }),
      "23505",
      "accounts_provider_provider_account_id_key",
    );
  });

  it("rejects duplicate session and verification tokens", async () => {
    const u = await createUser(db());
    const expires = new Date(Date.now() + 60_000);
    await db().insert(sessions).values({ sessionToken: "tok-1", userId: u.id, expires });
    await expectSqlState(
      db().insert(sessions).values({ sessionToken: "tok-1", userId: u.id, expires }),
      "23505",
      "sessions_session_token_unique",
    );
    await db().insert(verificationTokens).values({ identifier: "a@example.com", token: "vt-1", expires });
    await expectSqlState(
      db().insert(verificationTokens).values({ identifier: "b@example.com", token: "vt-1", expires }),
      "23505",
      "verification_tokens_token_unique",
    );
  });

  it("cascades a user's deletion to sessions and accounts", async () => {
    const u = await createUser(db());
    await db().insert(sessions).values({ sessionToken: "tok-del", userId: u.id, expires: new Date() });
    await db().delete(users).where(eq(users.id, u.id));
    expect(await db().select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
  });
});

describe("enrollments", () => {
  it("rejects a second enrollment of a user in the same course", async () => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await createEnrollment(db(), u.id, c.id);
    await expectSqlState(createEnrollment(db(), u.id, c.id), "23505", "enrollments_user_id_course_id_key");
  });

  it.each([-1, 101])("rejects progress_percentage %i", async (pct) => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await expectSqlState(
      createEnrollment(db(), u.id, c.id, { progressPercentage: pct }),
      "23514",
      "enrollments_progress_percentage_check",
    );
  });

  it("rejects a COMPLETED enrollment without completed_at", async () => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await expectSqlState(
      createEnrollment(db(), u.id, c.id, { status: "COMPLETED" }),
      "23514",
      "enrollments_completed_has_completed_at",
    );
    await expect(
      createEnrollment(db(), u.id, c.id, {
        status: "COMPLETED",
        completedAt: new Date(),
        progressPercentage: 100,
      }),
    ).resolves.toMatchObject({ status: "COMPLETED" });
  });
});

describe("user_progress", () => {
  async function setup() {
    const u = await createUser(db());
    const tree = await createCourseTree(db(), [2, 1]);
    return { u, tree, c: tree.course, m1: tree.modules[0]!, m2: tree.modules[1]!, l1: tree.lessons[0]! };
  }

  it("allows one row per user per lesson", async () => {
    const { u, c, m1, l1 } = await setup();
    await db()
      .insert(userProgress)
      .values({ userId: u.id, courseId: c.id, moduleId: m1.id, lessonId: l1.id });
    await expectSqlState(
      db().insert(userProgress).values({ userId: u.id, courseId: c.id, moduleId: m1.id, lessonId: l1.id }),
      "23505",
    );
  });

  it("allows one module-level row per user per module despite the NULL lesson", async () => {
    const { u, c, m1 } = await setup();
    await db().insert(userProgress).values({ userId: u.id, courseId: c.id, moduleId: m1.id });
    await expectSqlState(
      db().insert(userProgress).values({ userId: u.id, courseId: c.id, moduleId: m1.id }),
      "23505",
    );
  });

  it("allows one course-level row per user per course despite the NULLs", async () => {
    const { u, c } = await setup();
    await db().insert(userProgress).values({ userId: u.id, courseId: c.id });
    await expectSqlState(db().insert(userProgress).values({ userId: u.id, courseId: c.id }), "23505");
  });

  it("rejects a lesson recorded under a module it is not in, and a module under another course", async () => {
    const { u, c, m2, l1 } = await setup();
    await expectSqlState(
      db().insert(userProgress).values({ userId: u.id, courseId: c.id, moduleId: m2.id, lessonId: l1.id }),
      "23503",
      "user_progress_lesson_in_module_fkey",
    );
    const other = await createCourse(db());
    await expectSqlState(
      db().insert(userProgress).values({ userId: u.id, courseId: other.id, moduleId: m2.id }),
      "23503",
      "user_progress_module_in_course_fkey",
    );
  });

  it("rejects a lesson row without its module, negative time and completion without a date", async () => {
    const { u, c, m1, l1 } = await setup();
    await expectSqlState(
      db().insert(userProgress).values({ userId: u.id, courseId: c.id, lessonId: l1.id }),
      "23514",
      "user_progress_lesson_needs_module",
    );
    await expectSqlState(
      db()
        .insert(userProgress)
        .values({ userId: u.id, courseId: c.id, moduleId: m1.id, lessonId: l1.id, timeSpent: -5 }),
      "23514",
      "user_progress_time_spent_not_negative",
    );
    await expectSqlState(
      db()
        .insert(userProgress)
        .values({ userId: u.id, courseId: c.id, moduleId: m1.id, lessonId: l1.id, completed: true }),
      "23514",
      "user_progress_completed_has_completed_at",
    );
  });

  it("moves progress rows along when a lesson moves to another module", async () => {
    const { u, c, m1, m2, l1 } = await setup();
    await db()
      .insert(userProgress)
      .values({ userId: u.id, courseId: c.id, moduleId: m1.id, lessonId: l1.id });
    await db().update(lessons).set({ moduleId: m2.id, order: 99 }).where(eq(lessons.id, l1.id));
    const [row] = await db().select().from(userProgress).where(eq(userProgress.lessonId, l1.id));
    expect(row!.moduleId).toBe(m2.id);
  });
});

describe("certificates, payments and reviews", () => {
  it("rejects a duplicate certificate number and a second certificate for the same course", async () => {
    const u = await createUser(db());
    const v = await createUser(db());
    const c = await createCourse(db());
    await db().insert(certificates).values({
      userId: u.id,
      courseId: c.id,
      certificateNumber: "AIW-0001",
      holderName: "Test Holder",
      courseTitle: "Test Course",
    });
    await expectSqlState(
      db().insert(certificates).values({
        userId: v.id,
        courseId: c.id,
        certificateNumber: "AIW-0001",
        holderName: "Test Holder",
        courseTitle: "Test Course",
      }),
      "23505",
      "idx_certificates_number",
    );
    await expectSqlState(
      db().insert(certificates).values({
        userId: u.id,
        courseId: c.id,
        certificateNumber: "AIW-0002",
        holderName: "Test Holder",
        courseTitle: "Test Course",
      }),
      "23505",
      "certificates_user_id_course_id_key",
    );
  });

  it("refuses to delete a course that has issued certificates", async () => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await db().insert(certificates).values({
      userId: u.id,
      courseId: c.id,
      certificateNumber: "AIW-KEEP",
      holderName: "Test Holder",
      courseTitle: "Test Course",
    });
    // ON DELETE RESTRICT: PostgreSQL 15 reports 23503, PostgreSQL 18 (PGlite) 23001 restrict_violation.
    await expectSqlState(db().delete(courses).where(eq(courses.id, c.id)), ["23503", "23001"]);
  });

  it("rejects a negative amount, a malformed currency and a completed payment without processed_at", async () => {
    const u = await createUser(db());
    const base = { userId: u.id, provider: "demo" };
    await expectSqlState(
      db()
        .insert(payments)
        .values({ ...base, amount: -100 }),
      "23514",
      "payments_amount_not_negative",
    );
    await expectSqlState(
      db()
        .insert(payments)
        .values({ ...base, amount: 100, currency: "usd" }),
      "23514",
      "payments_currency_iso",
    );
    await expectSqlState(
      db()
        .insert(payments)
        .values({ ...base, amount: 100, status: "COMPLETED" }),
      "23514",
      "payments_processed_has_processed_at",
    );
    const [p] = await db()
      .insert(payments)
      .values({ ...base, amount: 100 })
      .returning();
    expect(p).toMatchObject({ status: "PENDING", currency: "USD" });
  });

  it("rejects a second transaction with the same provider id", async () => {
    const u = await createUser(db());
    const row = { userId: u.id, provider: "stripe", amount: 100, providerTransactionId: "pi_123" };
    await db().insert(payments).values(row);
    await expectSqlState(db().insert(payments).values(row), "23505", "payments_provider_transaction_key");
  });

  it.each([0, 6])("rejects a rating of %i", async (rating) => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await expectSqlState(
      db().insert(courseReviews).values({ userId: u.id, courseId: c.id, rating }),
      "23514",
      "course_reviews_rating_check",
    );
  });

  it("rejects a second review by the same user of the same course", async () => {
    const u = await createUser(db());
    const c = await createCourse(db());
    await db().insert(courseReviews).values({ userId: u.id, courseId: c.id, rating: 5 });
    await expectSqlState(
      db().insert(courseReviews).values({ userId: u.id, courseId: c.id, rating: 4 }),
      "23505",
      "course_reviews_user_id_course_id_key",
    );
  });
});

describe("updated_at", () => {
  it("is maintained on every update, also by raw SQL", async () => {
    const c = await createCourse(db());
    await db().execute(sql`UPDATE courses SET updated_at = now() - interval '1 day' WHERE id = ${c.id}`);
    const [before] = await queryRows<{ updated_at: string }>(
      db(),
      sql`SELECT updated_at::text FROM courses WHERE id = ${c.id}`,
    );
    await db().execute(sql`UPDATE courses SET title = 'Renamed' WHERE id = ${c.id}`);
    const [after] = await queryRows<{ fresh: boolean }>(
      db(),
      sql`SELECT updated_at > ${before!.updated_at}::timestamptz + interval '12 hours' AS fresh FROM courses WHERE id = ${c.id}`,
    );
    expect(after!.fresh).toBe(true);
  });
});

describe("audit_log", () => {
  it("is append-only: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const [entry] = await db()
      .insert(auditLog)
      .values({ action: "user.role_changed", entityType: "user", entityId: "u1", actorId: "a1" })
      .returning();
    await expectSqlState(
      db().update(auditLog).set({ actorId: "x" }).where(eq(auditLog.id, entry!.id)),
      "42501",
    );
    await expectSqlState(db().delete(auditLog).where(eq(auditLog.id, entry!.id)), "42501");
    await expectSqlState(db().execute(sql`TRUNCATE audit_log`), "42501");
  });

  it("allows only the pseudonymisation of personal data, inside a transaction that asks for it", async () => {
    const [entry] = await db()
      .insert(auditLog)
      .values({
        action: "user.signed_in",
        entityType: "user",
        entityId: "u2",
        actorId: "u2",
        ip: "192.0.2.1",
      })
      .returning();
    await db().transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('aiw.audit_pseudonymise', 'on', true)`);
      await tx
        .update(auditLog)
        .set({ actorId: "erased-1", entityId: "erased-1", ip: null })
        .where(eq(auditLog.id, entry!.id));
    });
    const [after] = await db().select().from(auditLog).where(eq(auditLog.id, entry!.id));
    expect(after).toMatchObject({ actorId: "erased-1", ip: null, action: "user.signed_in" });
    await expectSqlState(
      db().transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('aiw.audit_pseudonymise', 'on', true)`);
        await tx.update(auditLog).set({ action: "user.rewritten" }).where(eq(auditLog.id, entry!.id));
      }),
      "42501",
    );
  });

  it("rejects an action that is not a dotted lower-case name", async () => {
    await expectSqlState(
      db().insert(auditLog).values({ action: "Role Changed", entityType: "user" }),
      "23514",
    );
  });
});
