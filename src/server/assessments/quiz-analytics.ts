import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { quizQuestions } from "../db/schema";
import { queryRows } from "../db/rows";
import { notFound } from "../errors";
import type { Actor } from "../accounts/actor";
import { assertAuthor, mayEdit } from "../authoring/course-access";

export interface QuestionStats {
  questionId: string;
  order: number;
  prompt: string;
  type: string;
  removed: boolean;
  /** Submitted attempts that were served this question. */
  served: number;
  correct: number;
  /** For choice questions: how often each option was chosen (options as the question has them now). */
  options: { id: string; text: string; correct: boolean; chosen: number }[];
}

export interface QuizAnalytics {
  lessonId: string;
  lessonTitle: string;
  courseId: string;
  attempts: number;
  students: number;
  studentsPassed: number;
  /** Of the students who submitted an attempt, the share who passed (0–100, rounded down); null: none yet. */
  passRate: number | null;
  /** The mean of each student's best score; null: none yet. */
  averageBestScore: number | null;
  questions: QuestionStats[];
}

/**
 * A quiz's results for its course's staff: attempts, pass rate, average best score, and per question the share
 * answered correctly and how often each option was chosen. Counted from submitted attempts' stored results
 * (what was served and graded), so edits since do not rewrite history; removed questions keep their rows.
 */
export async function getQuizAnalytics(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<QuizAnalytics> {
  assertAuthor(actor);
  const [lesson] = await queryRows<{ title: string; course_id: string }>(
    db,
    sql`SELECT l.title, m.course_id FROM quizzes qz JOIN lessons l ON l.id = qz.lesson_id
        JOIN modules m ON m.id = l.module_id
        WHERE qz.lesson_id = ${lessonId} AND ${mayEdit(actor, sql`m.course_id`)}`,
  );
  if (!lesson) throw notFound("This quiz");
  const [[summary], perQuestion, perOption, questions] = await Promise.all([
    queryRows<{ attempts: number; students: number; passed: number; avg_best: string | null }>(
      db,
      sql`SELECT coalesce(sum(s.n), 0)::int AS attempts, count(*)::int AS students,
                 count(*) FILTER (WHERE s.passed)::int AS passed, avg(s.best) AS avg_best
          FROM (SELECT user_id, count(*) AS n, max(score_percentage) AS best, bool_or(passed) AS passed
                FROM quiz_attempts WHERE lesson_id = ${lessonId} AND submitted_at IS NOT NULL
                GROUP BY user_id) s`,
    ),
    queryRows<{ question_id: string; served: number; correct: number }>(
      db,
      sql`SELECT r->>'questionId' AS question_id, count(*)::int AS served,
                 count(*) FILTER (WHERE (r->>'correct')::boolean)::int AS correct
          FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(a.results) r
          WHERE a.lesson_id = ${lessonId} AND a.submitted_at IS NOT NULL
          GROUP BY 1`,
    ),
    queryRows<{ question_id: string; option_id: string; chosen: number }>(
      db,
      sql`SELECT ans->>'questionId' AS question_id, opt AS option_id, count(*)::int AS chosen
          FROM quiz_attempts a CROSS JOIN LATERAL jsonb_array_elements(a.answers) ans
               CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(ans->'optionIds', '[]'::jsonb)) opt
          WHERE a.lesson_id = ${lessonId} AND a.submitted_at IS NOT NULL
          GROUP BY 1, 2`,
    ),
    db
      .select({
        id: quizQuestions.id,
        order: quizQuestions.order,
        prompt: quizQuestions.prompt,
        type: quizQuestions.type,
        options: quizQuestions.options,
        deletedAt: quizQuestions.deletedAt,
      })
      .from(quizQuestions)
      .where(eq(quizQuestions.lessonId, lessonId))
      .orderBy(sql`${quizQuestions.deletedAt} IS NOT NULL`, asc(quizQuestions.order)),
  ]);
  const served = new Map(perQuestion.map((q) => [q.question_id, q]));
  const chosen = new Map(perOption.map((o) => [`${o.question_id}/${o.option_id}`, o.chosen]));
  const students = summary?.students ?? 0;
  return {
    lessonId,
    lessonTitle: lesson.title,
    courseId: lesson.course_id,
    attempts: summary?.attempts ?? 0,
    students,
    studentsPassed: summary?.passed ?? 0,
    passRate: students === 0 ? null : Math.floor(((summary?.passed ?? 0) * 100) / students),
    averageBestScore: summary?.avg_best == null ? null : Math.round(Number(summary.avg_best)),
    questions: questions
      .filter((q) => !q.deletedAt || served.has(q.id))
      .map((q, i) => ({
        questionId: q.id,
        order: i + 1,
        prompt: q.prompt,
        type: q.type,
        removed: q.deletedAt !== null,
        served: served.get(q.id)?.served ?? 0,
        correct: served.get(q.id)?.correct ?? 0,
        options: q.options.map((o) => ({ ...o, chosen: chosen.get(`${q.id}/${o.id}`) ?? 0 })),
      })),
  };
}

const csvCell = (v: string | number | null) => {
  if (v === null) return "";
  let s = String(v);
  // Spreadsheet formula injection: a cell that starts like a formula is kept as text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/**
 * A gradebook CSV for a course's staff: one row per enrolled student, and per quiz of the course the best
 * score (empty when never submitted) and the number of attempts.
 */
export async function courseGradebookCsv(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<{ filename: string; csv: string }> {
  assertAuthor(actor);
  const [course] = await queryRows<{ slug: string }>(
    db,
    sql`SELECT c.slug FROM courses c WHERE c.id = ${courseId} AND ${mayEdit(actor, sql`c.id`)}`,
  );
  if (!course) throw notFound("This course");
  const [quizzes, rows] = await Promise.all([
    queryRows<{ lesson_id: string; title: string }>(
      db,
      sql`SELECT l.id AS lesson_id, l.title FROM quizzes qz JOIN lessons l ON l.id = qz.lesson_id
          JOIN modules m ON m.id = l.module_id
          WHERE m.course_id = ${courseId} AND l.lesson_type = 'QUIZ'
          ORDER BY m."order", l."order"`,
    ),
    queryRows<{
      user_id: string;
      name: string | null;
      email: string;
      status: string;
      lesson_id: string | null;
      best: number | null;
      attempts: number;
    }>(
      db,
      sql`SELECT u.id AS user_id, u.name, u.email, e.status, a.lesson_id, max(a.score_percentage) AS best,
                 count(a.id)::int AS attempts
          FROM enrollments e JOIN users u ON u.id = e.user_id
          LEFT JOIN quiz_attempts a ON a.user_id = e.user_id AND a.course_id = e.course_id AND a.submitted_at IS NOT NULL
          WHERE e.course_id = ${courseId}
          GROUP BY u.id, u.name, u.email, e.status, a.lesson_id
          ORDER BY u.email`,
    ),
  ]);
  const byStudent = new Map<
    string,
    {
      name: string | null;
      email: string;
      status: string;
      quiz: Map<string, { best: number | null; attempts: number }>;
    }
  >();
  for (const r of rows) {
    const s = byStudent.get(r.user_id) ?? { name: r.name, email: r.email, status: r.status, quiz: new Map() };
    if (r.lesson_id) s.quiz.set(r.lesson_id, { best: r.best, attempts: r.attempts });
    byStudent.set(r.user_id, s);
  }
  const header = [
    "Student",
    "E-mail",
    "Enrollment",
    ...quizzes.flatMap((q) => [`${q.title} — best %`, `${q.title} — attempts`]),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const s of byStudent.values()) {
    const cells: (string | number | null)[] = [s.name ?? "", s.email, s.status];
    for (const q of quizzes) {
      const r = s.quiz.get(q.lesson_id);
      cells.push(r?.best ?? null, r?.attempts ?? 0);
    }
    lines.push(cells.map(csvCell).join(","));
  }
  return { filename: `${course.slug}-quiz-scores.csv`, csv: `\uFEFF${lines.join("\r\n")}\r\n` };
}
