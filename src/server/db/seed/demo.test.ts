import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../tests/helpers/db";
import { getCourseOutlineBySlug } from "../../catalog/queries";
import { findUserCourseProgress, getCompletion } from "../../learning/course-progress";
import type { Database } from "../client";
import { queryRows } from "../rows";
import { demoCatalogue } from "./catalogue";
import { seedDemo } from "./demo";
import { isValidCertificateNumber } from "../../../lib/certificate-number";

const TABLES = [
  "users",
  "courses",
  "course_instructors",
  "modules",
  "lessons",
  "enrollments",
  "user_progress",
  "certificates",
  "payments",
  "course_reviews",
  "quizzes",
  "quiz_questions",
  "quiz_attempts",
  "assignments",
  "assignment_submissions",
  "assignment_versions",
  "assignment_reviews",
];
const OPTS = { appUrl: "http://localhost:3000", currency: "USD" };

let database: Database;
const db = () => database.db;
const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(db(), q);

async function snapshot() {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const r = await rows<{ data: string }>(
      sql.raw(`SELECT coalesce(json_agg(x ORDER BY x::text), '[]')::text AS data FROM ${t} x`),
    );
    out[t] = r[0]!.data;
  }
  return out;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(db(), OPTS);
});
afterAll(async () => {
  await database?.close();
});

describe("the demo seed", () => {
  it("is idempotent: a second run inserts nothing and changes no row", async () => {
    const before = await snapshot();
    const second = await seedDemo(db(), { ...OPTS, now: new Date(Date.now() + 86_400_000) });
    expect(Object.values(second.inserted).every((n) => n === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it("has four published courses, one free, the others paid, one or two featured, each with an owner", async () => {
    const courses = await rows<{
      slug: string;
      price: number;
      featured: boolean;
      published: boolean;
      owners: number;
    }>(
      sql`SELECT c.slug, c.price, c.featured, c.published,
                 (SELECT count(*)::int FROM course_instructors ci JOIN users u ON u.id = ci.user_id
                  WHERE ci.course_id = c.id AND ci.role = 'OWNER' AND u.role = 'INSTRUCTOR') AS owners
          FROM courses c`,
    );
    expect(courses).toHaveLength(4);
    expect(courses.every((c) => c.published && c.owners === 1)).toBe(true);
    expect(courses.filter((c) => c.price === 0)).toHaveLength(1);
    expect(courses.filter((c) => c.featured).length).toBeGreaterThanOrEqual(1);
    expect(courses.filter((c) => c.featured).length).toBeLessThanOrEqual(2);
  });

  it("labels a lesson built on an hour-long talk with at least the talk's hour", () => {
    for (const course of demoCatalogue)
      for (const m of course.modules)
        for (const l of m.lessons)
          if (/one-hour talk|runs about an hour/i.test(`${l.description} ${l.content}`))
            expect(l.duration, l.title).toBeGreaterThanOrEqual(60);
  });

  it("has at least 3 modules per course and 3 lessons per module, with durations that add up", async () => {
    for (const { slug } of demoCatalogue) {
      const outline = (await getCourseOutlineBySlug(db(), slug))!;
      expect(outline.modules.length, slug).toBeGreaterThanOrEqual(3);
      for (const m of outline.modules) {
        expect(m.lessons.length, `${slug} ${m.title}`).toBeGreaterThanOrEqual(3);
        expect(m.duration).toBe(m.lessons.reduce((s, l) => s + l.duration, 0));
      }
      expect(outline.duration).toBe(outline.modules.reduce((s, m) => s + m.duration, 0));
      expect(outline.learningObjectives.length).toBeGreaterThanOrEqual(3);
      expect(outline.prerequisites.length).toBeGreaterThanOrEqual(1);
      expect(outline.metaTitle).toBeTruthy();
      expect(outline.metaDescription).toBeTruthy();
      expect(outline.imageUrl).toBe(`/covers/${slug}.svg`);
    }
  });

  it("has substantial Markdown in every lesson (short instructions for a quiz) and all five lesson types, with one local video", async () => {
    const lessons = await rows<{
      title: string;
      content: string;
      lesson_type: string;
      video_url: string | null;
    }>(sql`SELECT title, content, lesson_type::text, video_url FROM lessons`);
    expect(new Set(lessons.map((l) => l.lesson_type))).toEqual(
      new Set(["TEXT", "VIDEO", "INTERACTIVE", "ASSIGNMENT", "QUIZ"]),
    );
    for (const l of lessons) {
      // A quiz's questions live in its quiz (seed/quizzes.ts); its Markdown is the instructions.
      const words = l.content.split(/\s+/).length;
      expect(words, l.title).toBeGreaterThanOrEqual(l.lesson_type === "QUIZ" ? 100 : 300);
      expect(l.content, l.title).toMatch(/^## /m);
      expect(l.content, l.title).toMatch(/^(\s*[-*] |\s*\d+\. |```|\|)/m); // a list, code or a table
    }
    expect(lessons.filter((l) => /^(\s*[-*] |\s*\d+\. )/m.test(l.content)).length).toBeGreaterThan(
      lessons.length * 0.9,
    );
    expect(lessons.filter((l) => l.content.includes("```")).length).toBeGreaterThan(lessons.length / 3);
    expect(lessons.filter((l) => /^\|.*\|\s*$/m.test(l.content)).length).toBeGreaterThan(lessons.length / 3);
    const videos = lessons.filter((l) => l.lesson_type === "VIDEO");
    expect(videos.every((v) => v.video_url)).toBe(true);
    expect(videos.filter((v) => v.video_url!.startsWith("/media/"))).toHaveLength(1);
  });

  it("has people of every role on example.com", async () => {
    const users = await rows<{ role: string; email: string }>(sql`SELECT role::text, email FROM users`);
    expect(users.every((u) => u.email.endsWith("@example.com"))).toBe(true);
    const count = (r: string) => users.filter((u) => u.role === r).length;
    expect(count("ADMIN")).toBeGreaterThanOrEqual(1);
    expect(count("INSTRUCTOR")).toBe(2);
    expect(count("STUDENT")).toBeGreaterThanOrEqual(4);
  });

  it("has enrollments in every status, each with a percentage that matches its lesson progress", async () => {
    const enrollments = await rows<{
      user_id: string;
      course_id: string;
      status: string;
      progress_percentage: number;
      completed_at: Date | null;
    }>(sql`SELECT user_id, course_id, status::text, progress_percentage, completed_at FROM enrollments`);
    expect(new Set(enrollments.map((e) => e.status))).toEqual(
      new Set(["ACTIVE", "COMPLETED", "SUSPENDED", "REFUNDED"]),
    );
    for (const e of enrollments) {
      const completion = await getCompletion(db(), e.user_id, e.course_id);
      expect(e.progress_percentage).toBe(completion.percentage);
      if (e.status === "COMPLETED") expect(completion.percentage).toBe(100);
      else expect(completion.percentage).toBeLessThan(100);
    }
    const progress = await rows<{ time_spent: number; completed: boolean }>(
      sql`SELECT time_spent, completed FROM user_progress`,
    );
    expect(progress.every((p) => p.time_spent > 0)).toBe(true);
  });

  it("has a certificate for every COMPLETED enrollment and for no other", async () => {
    const mismatches = await rows(sql`
      SELECT e.id FROM enrollments e
      LEFT JOIN certificates c ON c.user_id = e.user_id AND c.course_id = e.course_id
      WHERE (e.status = 'COMPLETED') <> (c.id IS NOT NULL)`);
    expect(mismatches).toEqual([]);
    const certs = await rows<{ certificate_number: string; verification_url: string }>(
      sql`SELECT certificate_number, verification_url FROM certificates`,
    );
    expect(certs.length).toBeGreaterThanOrEqual(3);
    for (const c of certs) {
      expect(c.certificate_number).toMatch(/^AIW-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(isValidCertificateNumber(c.certificate_number)).toBe(true);
      expect(c.verification_url).toBe(`${OPTS.appUrl}/certificates/${c.certificate_number}`);
    }
  });

  it("has a completed (or, for a refund, refunded) payment of the course's price for every paid enrollment", async () => {
    const paid = await rows<{
      status: string;
      payment_status: string | null;
      amount: number | null;
      price: number;
      currency: string | null;
    }>(sql`
      SELECT e.status::text, p.status::text AS payment_status, p.amount, c.price, p.currency
      FROM enrollments e JOIN courses c ON c.id = e.course_id
      LEFT JOIN payments p ON p.user_id = e.user_id AND p.course_id = e.course_id
      WHERE c.price > 0`);
    expect(paid.length).toBeGreaterThan(0);
    for (const p of paid) {
      expect(p.payment_status).toBe(p.status === "REFUNDED" ? "REFUNDED" : "COMPLETED");
      expect(p.amount).toBe(p.price);
      expect(p.currency).toBe("USD");
    }
    const free = await rows(
      sql`SELECT p.id FROM payments p JOIN courses c ON c.id = p.course_id WHERE c.price = 0`,
    );
    expect(free).toEqual([]);
  });

  it("has reviews only from students enrolled in the course who completed a lesson", async () => {
    const reviews = await rows<{ rating: number; eligible: boolean }>(sql`
      SELECT r.rating, EXISTS (
        SELECT 1 FROM enrollments e
        JOIN user_progress up ON up.user_id = e.user_id AND up.course_id = e.course_id AND up.completed
        WHERE e.user_id = r.user_id AND e.course_id = r.course_id AND e.status IN ('ACTIVE', 'COMPLETED')
      ) AS eligible
      FROM course_reviews r`);
    expect(reviews.length).toBeGreaterThanOrEqual(12);
    expect(reviews.every((r) => r.eligible && r.rating >= 1 && r.rating <= 5)).toBe(true);
  });
});

describe("the common queries on the demo", () => {
  it("agree with the document's SQL for every enrollment", async () => {
    const enrollments = await rows<{ user_id: string; course_id: string }>(
      sql`SELECT user_id, course_id FROM enrollments`,
    );
    for (const e of enrollments) {
      const [doc] = await rows<{ pct: string }>(sql`
        WITH course_lessons AS (
            SELECT COUNT(*) as total_lessons FROM lessons l JOIN modules m ON l.module_id = m.id WHERE m.course_id = ${e.course_id}
        ),
        completed_lessons AS (
            SELECT COUNT(*) as completed_count FROM user_progress up
            JOIN lessons l ON up.lesson_id = l.id JOIN modules m ON l.module_id = m.id
            WHERE up.user_id = ${e.user_id} AND m.course_id = ${e.course_id} AND up.completed = true
        )
        SELECT ROUND((completed_count::decimal / total_lessons::decimal) * 100, 2) as pct
        FROM course_lessons, completed_lessons`);
      expect((await getCompletion(db(), e.user_id, e.course_id)).percentage).toBe(
        Math.floor(Number(doc!.pct)),
      );
      const docProgress = await rows<{ id: string }>(sql`
        SELECT up.id FROM user_progress up
        LEFT JOIN lessons l ON up.lesson_id = l.id LEFT JOIN modules m ON up.module_id = m.id
        WHERE up.user_id = ${e.user_id} AND up.course_id = ${e.course_id} ORDER BY m.order, l.order`);
      expect((await findUserCourseProgress(db(), e.user_id, e.course_id)).map((p) => p.id)).toEqual(
        docProgress.map((p) => p.id),
      );
    }
  });
});
