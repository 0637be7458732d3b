/**
 * `npm run bench:data`: fills a PostgreSQL database (DATABASE_URL) with consistent synthetic data for load
 * tests (issue 14): users, published courses with instructors, modules and lessons of every type,
 * enrollments whose percentage and status follow from their progress rows, module-level progress rows,
 * payments for paid courses, certificates for completed enrollments, reviews with exact course counters,
 * and sessions with known tokens for the load generator. Everything is generated inside the database
 * (INSERT … SELECT over generate_series) in one transaction, then the database is vacuumed and analyzed.
 *
 *   npm run bench:data                                   10,000 users, 200 courses × 4 × 5, 30,000 enrollments,
 *                                                        300,000 progress rows, 1,000 sessions
 *   npm run bench:data -- --users 1000000 --courses 2000 --enrollments 3000000 --progress 10000000
 *
 * It refuses a database whose name lacks "bench" (--force), and one that already holds users or courses
 * (--reset empties every table first; a database holding the demo catalogue needs --reset --force).
 * Session tokens, course slugs and what each session user can open and complete go to bench/.data.json.
 */
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { isValidCertificateNumber } from "../src/lib/certificate-number";
import { openPostgres } from "../src/server/db/client";
import { REBUILD_COURSE_RATING_COUNTS_SQL } from "../src/server/catalog/rating-counts";
import { migrateDatabase } from "../src/server/db/migrate";
import { Args, formatMs, timed } from "./bench/args";
import { checkPercentages, describeConsistency } from "./bench/consistency";
import { FIRST_NAMES, FORMATS, LAST_NAMES, LESSON_MARKDOWN, REVIEW_COMMENTS, TOPICS } from "./bench/content";
import type { BenchData, BenchSession } from "./bench/data-file";
import { relaxTable } from "./bench/relax";

const USAGE = `Usage: npm run bench:data -- [--users N] [--courses N] [--modules N] [--lessons N]
       [--enrollments N] [--progress N] [--sessions N] [--out FILE] [--reset] [--force]

  --users        users in all (one admin, one instructor per 5 courses, the rest students)   10,000
  --courses      published courses                                                           200
  --modules      modules per course                                                          4
  --lessons      lessons per module                                                          5
  --enrollments  enrollments (each student's courses are distinct)                           30,000
  --progress     lesson progress rows, spread over the enrollments                           300,000
  --sessions     signed-in students with known session tokens                                1,000
  --out          where to write tokens, slugs and lessons for the load generator             bench/.data.json
  --reset        empty every table first (the database must be one made for benchmarks)
  --force        allow a database whose name does not contain "bench"

DATABASE_URL names the database (postgresql://user@host:5432/aiw_bench).`;

const DEMO_SLUGS = [
  "ai-foundations",
  "prompt-engineering",
  "machine-learning-with-python",
  "building-llm-applications",
];
const DEMO_EMAILS = ["admin@example.com", "ada@example.com", "alan@example.com", "maya@example.com"];
/** The tables whose rows are bulk-loaded with their indexes and foreign keys set aside. */
const BULK_TABLES = [
  "users",
  "enrollments",
  "user_progress",
  "payments",
  "certificates",
  "course_reviews",
  "sessions",
];
const SESSION_PREFIX = "bench-";
const CURRENCY = "USD";

const args: Args = new Args(
  process.argv.slice(2),
  {
    values: [
      "users",
      "courses",
      "modules",
      "lessons",
      "enrollments",
      "progress",
      "sessions",
      "out",
      "app-url",
    ],
    flags: ["reset", "force", "verbose", "help"],
  },
  USAGE,
);
if (args.flag("help")) {
  console.log(USAGE);
  process.exit(0);
}

const U = args.int("users", 10_000);
const C = args.int("courses", 200);
const M = args.int("modules", 4);
const L = args.int("lessons", 5);
const E = args.int("enrollments", 30_000, 0);
const P = args.int("progress", 300_000, 0);
const S = args.int("sessions", 1_000, 0);
const OUT = path.resolve(args.string("out") ?? path.join("bench", ".data.json"));
/** Certificates' verification URLs are built from the platform's APP_URL when they are issued. */
const APP_URL = (args.string("app-url") ?? process.env.APP_URL ?? "http://localhost:3000").replace(/\/$/, "");

/** Lessons per course. */
const T = M * L;
/** Instructors: one per five courses (each owns about five; every third course has a co-instructor). */
const I = Math.max(1, Math.ceil(C / 5));
/** Students: users after the admin (user 1) and the instructors (users 2 … I + 1). */
const NS = U - 1 - I;

function validate() {
  if (NS < 1) args.fail(`--users must be at least ${I + 2}: one admin, ${I} instructors and a student`);
  if (E > NS * C) args.fail(`--enrollments can be at most students × courses = ${NS * C}`);
  if (P > E * T) args.fail(`--progress can be at most enrollments × lessons per course = ${E * T}`);
  if (S > Math.min(NS, E)) {
    args.fail(`--sessions can be at most ${Math.min(NS, E)} (students with an enrollment)`);
  }
  if (T > 10_000) args.fail("--modules × --lessons must stay at most 10,000");
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(", ")}]::text[]`;

/** A row's timestamp within its enrollment: step j of T+1 between enrollment and now (always in the past). */
const stepTime = (enrolledAt: string, j: string) =>
  `${enrolledAt} + (now() - ${enrolledAt}) * (${j}::float8 / ${T + 1})`;

/** Lesson duration in minutes, a pure function of its position (modules and courses sum it in SQL). */
const lessonDuration = (c: string, m: string, l: string) =>
  `(5 + ((${c}) * 7 + (${m}) * 3 + (${l}) * 11) % 21)`;

async function refuseUnsafeTarget(client: pg.PoolClient, dbName: string) {
  if (!dbName.toLowerCase().includes("bench") && !args.flag("force")) {
    args.refuse(
      `The database "${dbName}" does not look like a benchmark database (its name lacks "bench"). ` +
        `Create one (createdb aiw_bench) or pass --force if you are sure.`,
    );
  }
  const { rows } = await client.query<{ migrated: boolean }>(
    "SELECT to_regclass('public.users') IS NOT NULL AND to_regclass('public.courses') IS NOT NULL AS migrated",
  );
  if (!rows[0]?.migrated) return;
  const { rows: held } = await client.query<{ users: boolean; courses: boolean; demo: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM users) AS users, EXISTS (SELECT 1 FROM courses) AS courses,
            EXISTS (SELECT 1 FROM courses WHERE slug = ANY($1))
              OR EXISTS (SELECT 1 FROM users WHERE lower(email) = ANY($2)) AS demo`,
    [DEMO_SLUGS, DEMO_EMAILS],
  );
  const h = held[0]!;
  if (h.demo && !(args.flag("reset") && args.flag("force"))) {
    args.refuse(
      `"${dbName}" holds the demo catalogue or demo people: bench:data never touches it. Use a database of ` +
        "its own (createdb aiw_bench); --reset --force would empty it.",
    );
  }
  if ((h.users || h.courses) && !args.flag("reset")) {
    args.refuse(
      `"${dbName}" already holds users or courses. Pass --reset to empty every table and start over.`,
    );
  }
}

/** Empties every table but the migration journal (audit_log's TRUNCATE guard is set aside meanwhile). */
async function resetTables(client: pg.PoolClient) {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename <> '__drizzle_migrations' ORDER BY tablename`,
  );
  const { rows: guarded } = await client.query<{ name: string }>(
    `SELECT DISTINCT quote_ident(c.relname) AS name
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND NOT t.tgisinternal AND (t.tgtype & 32) <> 0`,
  );
  for (const g of guarded) await client.query(`ALTER TABLE ${g.name} DISABLE TRIGGER USER`);
  await client.query(`TRUNCATE TABLE ${tables.map((t) => t.name).join(", ")} RESTART IDENTITY CASCADE`);
  for (const g of guarded) await client.query(`ALTER TABLE ${g.name} ENABLE TRIGGER USER`);
}

async function insertCatalogue(client: pg.PoolClient) {
  await timed(
    "users",
    () =>
      client.query(`
        INSERT INTO users (id, email, name, role, email_verified, created_at, updated_at)
        SELECT md5('bench-user-' || u)::uuid::varchar,
               'bench-user-' || u || '@bench.example',
               (${sqlArray(FIRST_NAMES)})[1 + u % ${FIRST_NAMES.length}] || ' '
                 || (${sqlArray(LAST_NAMES)})[1 + (u / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}],
               (CASE WHEN u = 1 THEN 'ADMIN' WHEN u <= ${I + 1} THEN 'INSTRUCTOR' ELSE 'STUDENT' END)::user_role,
               t + interval '10 minutes', t, t + interval '10 minutes'
        FROM generate_series(1, ${U}) AS u,
             LATERAL (SELECT now() - interval '730 days' + (u - 1) * (interval '300 days' / ${U})) AS x(t)`),
    (r) => `${r.rowCount} rows (1 admin, ${I} instructors, ${NS} students)`,
  );
  await timed(
    "courses",
    () =>
      client.query(
        `INSERT INTO courses (id, title, description, slug, price, duration, difficulty, published, featured,
                              image_url, learning_objectives, prerequisites, created_at, updated_at,
                              first_published_at)
         SELECT md5('bench-course-' || c)::uuid::varchar,
                title,
                'A hands-on ' || lower(topic) || ' course (' || lower(format) || '): short lessons, worked '
                  || 'examples, quizzes and a final project. You finish able to apply ' || lower(topic)
                  || ' to a real problem and to judge the result.',
                lower(regexp_replace(title, '[^A-Za-z0-9]+', '-', 'g')),
                (ARRAY[0, 0, 0, 1900, 2900, 4900, 9900])[1 + c % 7],
                (SELECT sum(${lessonDuration("c", "m", "l")})::int
                 FROM generate_series(1, ${M}) AS m, generate_series(1, ${L}) AS l),
                (ARRAY['BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'EXPERT']::difficulty_enum[])[1 + (c / 3) % 4],
                true,
                c % 25 = 1,
                '/covers/' || ($1::text[])[1 + c % 4] || '.svg',
                ARRAY['Explain how ' || lower(topic) || ' works', 'Build a small ' || lower(topic) || ' project',
                      'Evaluate the result honestly'],
                CASE WHEN c % 3 = 0 THEN ARRAY['Basic Python'] ELSE '{}'::text[] END,
                t, t + interval '1 day', t + interval '1 day'
         FROM generate_series(1, ${C}) AS c,
              LATERAL (SELECT (${sqlArray(TOPICS)})[1 + c % ${TOPICS.length}] AS topic,
                              (${sqlArray(FORMATS)})[1 + (c / ${TOPICS.length}) % ${FORMATS.length}] AS format,
                              now() - interval '720 days' + (c - 1) * (interval '250 days' / ${C}) AS t) AS w,
              LATERAL (SELECT w.topic || ' ' || w.format || ' ' || c AS title) AS n`,
        [DEMO_SLUGS],
      ),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "course staff",
    () =>
      client.query(`
        INSERT INTO course_instructors (course_id, user_id, role, created_at)
        SELECT md5('bench-course-' || c)::uuid::varchar, md5('bench-user-' || (2 + (c - 1) % ${I}))::uuid::varchar,
               'OWNER'::course_instructor_role, now() - interval '720 days'
        FROM generate_series(1, ${C}) AS c
        UNION ALL
        SELECT md5('bench-course-' || c)::uuid::varchar, md5('bench-user-' || (2 + c % ${I}))::uuid::varchar,
               'INSTRUCTOR'::course_instructor_role, now() - interval '700 days'
        FROM generate_series(1, ${C}) AS c WHERE c % 3 = 0 AND ${I} > 1`),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "modules",
    () =>
      client.query(`
        INSERT INTO modules (id, course_id, title, description, "order", duration, published, created_at, updated_at)
        SELECT md5('bench-module-' || c || '-' || m)::uuid::varchar, md5('bench-course-' || c)::uuid::varchar,
               'Module ' || m || ': ' || (${sqlArray(TOPICS)})[1 + (c + m) % ${TOPICS.length}],
               'Part ' || m || ' of the course: concepts first, then a worked example and practice.',
               m,
               (SELECT sum(${lessonDuration("c", "m", "l")})::int FROM generate_series(1, ${L}) AS l),
               true, now() - interval '720 days', now() - interval '700 days'
        FROM generate_series(1, ${C}) AS c, generate_series(1, ${M}) AS m`),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "lessons",
    () =>
      client.query(
        `INSERT INTO lessons (id, module_id, title, description, content, "order", duration, lesson_type,
                              video_url, created_at, updated_at)
         SELECT md5('bench-lesson-' || c || '-' || m || '-' || l)::uuid::varchar,
                md5('bench-module-' || c || '-' || m)::uuid::varchar,
                'Lesson ' || m || '.' || l || ': ' || (${sqlArray(TOPICS)})[1 + (c + m + l) % ${TOPICS.length}],
                CASE WHEN l % 2 = 1 THEN 'What ' || lower(topic) || ' is for, and how to check it works.' END,
                replace(replace(replace(replace($1::text, '{{topic}}', topic), '{{course}}', 'Course ' || c),
                        '{{module}}', m::text), '{{lesson}}', l::text),
                l,
                ${lessonDuration("c", "m", "l")},
                type,
                CASE WHEN type = 'VIDEO' THEN '/media/welcome-to-ai-whisperers.webm' END,
                now() - interval '720 days', now() - interval '700 days'
         FROM generate_series(1, ${C}) AS c, generate_series(1, ${M}) AS m, generate_series(1, ${L}) AS l,
              LATERAL (SELECT (${sqlArray(TOPICS)})[1 + (c + m + l) % ${TOPICS.length}] AS topic,
                              (ARRAY['TEXT', 'VIDEO', 'TEXT', 'QUIZ', 'INTERACTIVE', 'TEXT', 'VIDEO', 'ASSIGNMENT']
                                ::lesson_type_enum[])[1 + ((m - 1) * ${L} + l + c) % 8] AS type) AS w`,
        [LESSON_MARKDOWN],
      ),
    (r) => `${r.rowCount} rows`,
  );
}

/**
 * The plan: enrollment k belongs to student 1 + (k-1) mod NS (so the first NS enrollments give every student
 * one) and to a course offset from that student's own (skewed towards low course numbers: some courses are
 * popular), distinct per student; it has n lesson rows, the first n lessons in course order, all completed
 * except, for one unfinished enrollment in five, the last (opened, not finished). Row counts add up to P
 * exactly.
 */
async function planEnrollments(client: pg.PoolClient): Promise<{ adjusted: number }> {
  await client.query(`
    CREATE TEMP TABLE bench_lesson ON COMMIT DROP AS
    SELECT c AS course_no, (m - 1) * ${L} + l AS j,
           md5('bench-lesson-' || c || '-' || m || '-' || l)::uuid::varchar AS lesson_id,
           md5('bench-module-' || c || '-' || m)::uuid::varchar AS module_id,
           ${lessonDuration("c", "m", "l")} AS duration
    FROM generate_series(1, ${C}) AS c, generate_series(1, ${M}) AS m, generate_series(1, ${L}) AS l`);
  await client.query("ALTER TABLE bench_lesson ADD PRIMARY KEY (course_no, j)");
  // Up to one enrollment in twenty is complete (all T lessons); the others get 0 … spread-1 rows, evenly, so
  // that the mean is P/E (frac(k·α) for irrational α: an even, deterministic spread over k).
  const mean = E === 0 ? 0 : P / E;
  const complete = Math.min(0.05, (0.5 * mean) / T);
  const spread = Math.max(1, (2 * (mean - complete * T)) / (1 - complete) + 1);
  const frac = (alpha: number) => `(k * ${alpha}::float8 - floor(k * ${alpha}::float8))`;
  await client.query(`
    CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
    SELECT k, y.s, 1 + (x.off + y.r) % ${C} AS course_no,
           CASE WHEN ${frac(0.4142135623)} < ${complete} THEN ${T}
                ELSE least(${T}, floor(${frac(0.7548776662)} * ${spread}))::int END AS n,
           ${frac(0.569840291)} AS tiebreak
    FROM generate_series(1, ${E}) AS k,
         LATERAL (SELECT (k - 1) % ${NS} + 1 AS s, (k - 1) / ${NS} AS r) AS y,
         LATERAL (SELECT floor(${C} * power(y.s * 0.6180339887::float8 - floor(y.s * 0.6180339887::float8), 2))::int
                  AS off) AS x`);
  await client.query("ALTER TABLE bench_plan ADD PRIMARY KEY (k)");
  // Exactly P rows: one more (or fewer) for the enrollments first in a fixed pseudo-random order, in rounds.
  let adjusted = 0;
  for (;;) {
    const { rows } = await client.query<{ total: string }>(
      "SELECT coalesce(sum(n), 0)::bigint AS total FROM bench_plan",
    );
    const diff = P - Number(rows[0]!.total);
    if (diff === 0) break;
    const step = diff > 0 ? 1 : -1;
    const room = diff > 0 ? `n < ${T}` : "n > 0";
    const { rowCount } = await client.query(
      `UPDATE bench_plan SET n = n + ${step}
       WHERE k IN (SELECT k FROM bench_plan WHERE ${room} ORDER BY tiebreak, k LIMIT ${Math.abs(diff)})`,
    );
    if (!rowCount) throw new Error("could not place the progress rows (no enrollment has room)");
    adjusted += rowCount;
  }
  await client.query(`
    CREATE TEMP TABLE bench_e ON COMMIT DROP AS
    SELECT p.k, p.course_no, p.n,
           CASE WHEN p.k % 5 = 0 AND p.n > 0 AND p.n < ${T} THEN p.n - 1 ELSE p.n END AS done,
           md5('bench-enrollment-' || p.k)::uuid::varchar AS id,
           md5('bench-user-' || (p.s + ${I + 1}))::uuid::varchar AS user_id,
           md5('bench-course-' || p.course_no)::uuid::varchar AS course_id,
           now() - (1 + (p.k * 37) % 365) * interval '1 day' - (p.k % 1440) * interval '1 minute' AS enrolled_at
    FROM bench_plan p`);
  await client.query("ALTER TABLE bench_e ADD PRIMARY KEY (k)");
  await client.query("ANALYZE bench_lesson");
  await client.query("ANALYZE bench_e");
  return { adjusted };
}

async function insertLearning(client: pg.PoolClient) {
  await timed(
    "enrollments",
    () =>
      client.query(`
        INSERT INTO enrollments (id, user_id, course_id, status, enrolled_at, completed_at, progress_percentage,
                                 last_accessed_at)
        SELECT id, user_id, course_id,
               (CASE WHEN done = ${T} THEN 'COMPLETED' ELSE 'ACTIVE' END)::enrollment_status,
               enrolled_at,
               CASE WHEN done = ${T} THEN ${stepTime("enrolled_at", String(T))} END,
               least(100, done * 100 / ${T}),
               CASE WHEN n > 0 THEN ${stepTime("enrolled_at", "n")} END
        FROM bench_e`),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "payments (enrollments in paid courses)",
    () =>
      client.query(
        `INSERT INTO payments (id, user_id, course_id, amount, currency, status, provider, provider_transaction_id,
                               checkout_session_id, created_at, processed_at)
         SELECT md5('bench-payment-' || e.k)::uuid::varchar, e.user_id, e.course_id, c.price, $1, 'COMPLETED', 'stripe', 'pi_bench_' || e.k,
                'cs_bench_' || e.k, e.enrolled_at - interval '2 minutes', e.enrolled_at - interval '1 minute'
         FROM bench_e e JOIN courses c ON c.id = e.course_id
         WHERE c.price > 0`,
        [CURRENCY],
      ),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "lesson progress",
    () =>
      client.query(`
        INSERT INTO user_progress (id, user_id, course_id, module_id, lesson_id, completed, completed_at,
                                   time_spent, created_at, updated_at)
        SELECT md5('bench-progress-' || e.k || '-' || bl.j)::uuid::varchar,
               e.user_id, e.course_id, bl.module_id, bl.lesson_id,
               bl.j <= e.done,
               CASE WHEN bl.j <= e.done THEN t.at END,
               bl.duration * 60 * (CASE WHEN bl.j <= e.done THEN 60 + (e.k * 7 + bl.j * 13) % 81
                                        ELSE (e.k + bl.j) % 50 END) / 100,
               t.at, t.at
        FROM bench_e e
        JOIN bench_lesson bl ON bl.course_no = e.course_no AND bl.j <= e.n
        CROSS JOIN LATERAL (SELECT ${stepTime("e.enrolled_at", "bl.j")} AS at) AS t`),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "module progress",
    () =>
      client.query(`
        INSERT INTO user_progress (id, user_id, course_id, module_id, completed, completed_at, time_spent,
                                   created_at, updated_at)
        SELECT md5('bench-module-progress-' || e.k || '-' || g.m)::uuid::varchar,
               e.user_id, e.course_id, md5('bench-module-' || e.course_no || '-' || g.m)::uuid::varchar,
               e.done >= g.m * ${L},
               CASE WHEN e.done >= g.m * ${L} THEN ${stepTime("e.enrolled_at", `g.m * ${L}`)} END,
               0,
               ${stepTime("e.enrolled_at", `(g.m - 1) * ${L} + 1`)},
               ${stepTime("e.enrolled_at", `least(e.n, g.m * ${L})`)}
        FROM bench_e e
        CROSS JOIN LATERAL generate_series(1, (e.n + ${L - 1}) / ${L}) AS g(m)`),
    (r) => `${r.rowCount} rows`,
  );
  await client.query(CERTIFICATE_NUMBER_FUNCTION);
  await timed(
    "certificates (completed enrollments)",
    () =>
      client.query(
        `INSERT INTO certificates (user_id, course_id, issued_at, certificate_number, verification_url,
                                   holder_name, course_title)
         SELECT e.user_id, e.course_id, e.completed_at, n.number, $1 || '/certificates/' || n.number, u.name, c.title
         FROM enrollments e
         JOIN users u ON u.id = e.user_id
         JOIN courses c ON c.id = e.course_id
         CROSS JOIN LATERAL (SELECT pg_temp.bench_certificate_number(e.id,
                               extract(year FROM e.completed_at AT TIME ZONE 'UTC')::int) AS number) AS n
         WHERE e.status = 'COMPLETED'`,
        [APP_URL],
      ),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "reviews (1 in 10 eligible enrollments)",
    () =>
      client.query(
        `INSERT INTO course_reviews (user_id, course_id, rating, comment, created_at, updated_at)
         SELECT e.user_id, e.course_id, (ARRAY[5, 4, 5, 3, 4, 5, 2, 4, 1, 5])[1 + (e.k / 10) % 10],
                CASE WHEN e.k % 3 = 0 THEN NULL ELSE ($1::text[])[1 + (e.k / 3) % ${REVIEW_COMMENTS.length}] END,
                ${stepTime("e.enrolled_at", "e.done")}, ${stepTime("e.enrolled_at", "e.done")}
         FROM bench_e e WHERE e.done >= 1 AND e.k % 10 = 3`,
        [REVIEW_COMMENTS],
      ),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "course counters",
    () =>
      client.query(`
        WITH ec AS (
          SELECT course_id, count(*)::int AS n FROM enrollments WHERE status <> 'REFUNDED' GROUP BY course_id
        ),
        rc AS (
          SELECT r.course_id, count(*)::int AS n, round(avg(r.rating), 2)::numeric(3, 2) AS average
          FROM course_reviews r JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id
          WHERE e.status <> 'REFUNDED' AND r.hidden_at IS NULL
          GROUP BY r.course_id
        )
        UPDATE courses c
        SET enrollment_count = coalesce(ec.n, 0), rating_count = coalesce(rc.n, 0),
            rating_average = coalesce(rc.average, 0)
        FROM courses c0 LEFT JOIN ec ON ec.course_id = c0.id LEFT JOIN rc ON rc.course_id = c0.id
        WHERE c0.id = c.id`),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "ratings by star",
    () => client.query(REBUILD_COURSE_RATING_COUNTS_SQL),
    (r) => `${r.rowCount} rows`,
  );
  await timed(
    "sessions",
    () =>
      client.query(`
        INSERT INTO sessions (session_token, user_id, expires, created_at, last_seen_at, user_agent, ip)
        SELECT '${SESSION_PREFIX}' || lpad(s::text, 7, '0'), md5('bench-user-' || (s + ${I + 1}))::uuid::varchar,
               now() + interval '30 days', now(), now(), 'bench', '127.0.0.1'
        FROM generate_series(1, ${S}) AS s`),
    (r) => `${r.rowCount} rows`,
  );
}

/**
 * Certificate numbers as src/lib/certificate-number.ts makes them: AIW-<year>-XXXX-XXXX-XXXC, 11 characters of
 * Crockford's base 32 (here from an md5 of the enrollment id instead of a random source) and a Damm check
 * character over GF(32) (x ∘ y = 2x + y with x⁵ + x² + 1).
 */
const CERTIFICATE_NUMBER_FUNCTION = `
  CREATE FUNCTION pg_temp.bench_certificate_number(seed text, year int) RETURNS text
  LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE
    alphabet CONSTANT text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    h CONSTANT text := md5(seed);
    body text := '';
    payload text;
    interim int := 0;
    check_value int;
  BEGIN
    FOR i IN 0..10 LOOP
      body := body || substr(alphabet, 1 + (('x' || substr(h, 1 + i * 2, 2))::bit(8)::int % 32), 1);
    END LOOP;
    payload := year::text || body;
    FOR i IN 1..length(payload) LOOP
      interim := (((interim << 1) # (CASE WHEN interim & 16 <> 0 THEN 37 ELSE 0 END)) & 31)
                 # (strpos(alphabet, substr(payload, i, 1)) - 1);
    END LOOP;
    check_value := ((interim << 1) # (CASE WHEN interim & 16 <> 0 THEN 37 ELSE 0 END)) & 31;
    body := body || substr(alphabet, 1 + check_value, 1);
    RETURN 'AIW-' || year || '-' || substr(body, 1, 4) || '-' || substr(body, 5, 4) || '-' || substr(body, 9, 4);
  END $$`;

async function describeData(client: pg.PoolClient, dbName: string): Promise<BenchData> {
  const { rows: sessions } = await client.query<BenchSession>(
    `SELECT s.session_token AS token, s.user_id AS "userId", c.slug AS "courseSlug", c.id AS "courseId",
            coalesce(x.next_lesson, x.lesson_ids[1]) AS "lessonId", x.lesson_ids AS "lessonIds"
     FROM sessions s
     CROSS JOIN LATERAL (
       SELECT e.course_id FROM enrollments e
       WHERE e.user_id = s.user_id AND e.status IN ('ACTIVE', 'COMPLETED')
       ORDER BY e.status = 'ACTIVE' DESC, e.progress_percentage, e.id LIMIT 1) AS e
     JOIN courses c ON c.id = e.course_id
     CROSS JOIN LATERAL (
       SELECT array_agg(l.id ORDER BY m."order", l."order") AS lesson_ids,
              (array_agg(l.id ORDER BY m."order", l."order") FILTER (WHERE up.completed IS NOT TRUE))[1] AS next_lesson
       FROM modules m
       JOIN lessons l ON l.module_id = m.id
       LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = s.user_id
       WHERE m.course_id = e.course_id AND m.published) AS x
     WHERE s.session_token LIKE '${SESSION_PREFIX}%'
     ORDER BY s.session_token`,
  );
  const { rows: slugs } = await client.query<{ slug: string }>(
    "SELECT slug FROM courses WHERE published ORDER BY created_at DESC, id DESC",
  );
  const { rows: counts } = await client.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM courses) AS courses,
            (SELECT count(*) FROM modules) AS modules, (SELECT count(*) FROM lessons) AS lessons,
            (SELECT count(*) FROM enrollments) AS enrollments,
            (SELECT count(*) FROM enrollments WHERE status = 'COMPLETED') AS "completedEnrollments",
            (SELECT count(*) FROM user_progress WHERE lesson_id IS NOT NULL) AS "lessonProgress",
            (SELECT count(*) FROM user_progress WHERE lesson_id IS NULL) AS "moduleProgress",
            (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM certificates) AS certificates,
            (SELECT count(*) FROM course_reviews) AS reviews, (SELECT count(*) FROM sessions) AS sessions`,
  );
  return {
    generatedAt: new Date().toISOString(),
    database: dbName,
    sizes: Object.fromEntries(Object.entries(counts[0]!).map(([k, v]) => [k, Number(v)])),
    courseSlugs: slugs.map((r) => r.slug),
    sessions,
  };
}

async function main() {
  validate();
  const url = process.env.DATABASE_URL;
  if (!url)
    args.fail(
      "DATABASE_URL is not set: name the benchmark database (postgresql://user@host:5432/aiw_bench).",
    );
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  const database = openPostgres(url, 2, { connectionTimeoutMillis: 10_000 });
  const started = performance.now();
  try {
    console.log(
      `bench:data into "${dbName}": ${U} users, ${C} courses × ${M} modules × ${L} lessons, ${E} enrollments, ` +
        `${P} progress rows, ${S} sessions`,
    );
    {
      const client = await database.pool.connect();
      try {
        await refuseUnsafeTarget(client, dbName);
      } finally {
        client.release();
      }
    }
    await timed("migrate", () => migrateDatabase(database));
    const client = await database.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL maintenance_work_mem = '1GB'");
      await client.query("SET LOCAL work_mem = '256MB'");
      // Compiling expressions costs about half a second per statement; these statements are bound by writes.
      await client.query("SET LOCAL jit = off");
      if (args.flag("reset")) await timed("reset (truncate every table)", () => resetTables(client));
      const restore: string[] = [];
      await timed("set indexes and foreign keys aside", async () => {
        for (const table of BULK_TABLES) restore.push(...(await relaxTable(client, table)));
      });
      await insertCatalogue(client);
      await timed(
        "plan enrollments and progress",
        () => planEnrollments(client),
        (r) => `${r.adjusted} adjusted`,
      );
      await insertLearning(client);
      await timed(
        "rebuild indexes and foreign keys",
        async () => {
          for (const statement of restore) {
            const t0 = performance.now();
            await client.query(statement);
            if (args.flag("verbose"))
              console.log(`    ${formatMs(performance.now() - t0).padStart(9)}  ${statement}`);
          }
        },
        () => `${restore.length} statements`,
      );
      await timed("commit", () => client.query("COMMIT"));
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
    await timed("vacuum + analyze", () => database.pool.query("VACUUM (ANALYZE)"));

    const checkClient = await database.pool.connect();
    try {
      const report = await timed("check percentages", () => checkPercentages(checkClient));
      console.log(`  ${describeConsistency(report)}`);
      const { rows: numbers } = await checkClient.query<{ n: string }>(
        "SELECT certificate_number AS n FROM certificates ORDER BY id LIMIT 100",
      );
      const invalid = numbers.filter((r) => !isValidCertificateNumber(r.n));
      if (invalid.length > 0)
        throw new Error(`invalid certificate numbers: ${invalid.map((r) => r.n).join(", ")}`);
      const data = await timed("describe data for the load generator", () =>
        describeData(checkClient, dbName),
      );
      fs.mkdirSync(path.dirname(OUT), { recursive: true });
      fs.writeFileSync(OUT, JSON.stringify(data, null, 1) + "\n", { mode: 0o600 });
      console.log(
        `\nWrote ${path.relative(process.cwd(), OUT) || OUT}: ${data.sessions.length} sessions, ` +
          `${data.courseSlugs.length} course slugs.`,
      );
      console.log(
        Object.entries(data.sizes)
          .map(([k, v]) => `  ${k.padEnd(22)} ${v.toLocaleString("en")}`)
          .join("\n"),
      );
      if (report.mismatched > 0) process.exitCode = 1;
    } finally {
      checkClient.release();
    }
    console.log(`\nbench:data done in ${formatMs(performance.now() - started)}.`);
  } finally {
    await database.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
