import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import {
  auditLog,
  users,
  certificates,
  enrollments,
  lessons,
  quizAccommodations,
  quizAttempts,
  quizQuestions,
  userProgress,
} from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setLessonProgress } from "../learning/progress";
import { findPublishProblems } from "../authoring/courses";
import type { Actor } from "../accounts/actor";
import {
  getAttempt,
  getQuizForStudent,
  listMyAttempts,
  saveAnswers,
  startAttempt,
  submitAttempt,
} from "./attempts";
import { getQuizForAuthor, saveQuiz } from "./quiz-authoring";
import { findAccommodations, setAccommodation } from "./accommodations";
import { courseGradebookCsv, getQuizAnalytics } from "./quiz-analytics";
import type { TQuestionInput, TQuizSave } from "./quiz-schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 16 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const QUESTIONS: TQuestionInput[] = [
  {
    type: "single",
    prompt: "Which one is a label?",
    explanation: "The label is the value being predicted.",
    options: [
      { text: "feature", correct: false },
      { text: "sale price", correct: true },
    ],
  },
  {
    type: "true_false",
    prompt: "Overfitting means a large train/validation gap.",
    options: [
      { text: "True", correct: true },
      { text: "False", correct: false },
    ],
  },
  {
    type: "multiple",
    prompt: "Which are activation functions?",
    options: [
      { text: "ReLU", correct: true },
      { text: "sigmoid", correct: true },
      { text: "Adam", correct: false },
    ],
  },
  {
    type: "short_text",
    prompt: "Name the algorithm.",
    acceptedAnswers: ["Gradient descent"],
    pattern: "(?i)sgd|gd",
  },
  { type: "numeric", prompt: "What is 0.1 + 0.2?", value: 0.3, tolerance: 0 },
];
const SECRET_TEXTS = ["Gradient descent", "(?i)sgd", "The label is the value", "correct"];

interface Setup {
  lessonId: string;
  courseId: string;
  textLessonId: string;
  owner: Actor;
  student: Actor;
}

/** A published course: lesson 1 TEXT, lesson 2 QUIZ with the five questions; one enrolled student. */
async function setup(settings: TQuizSave["settings"] = {}, questions = QUESTIONS): Promise<Setup> {
  const tree = await createCourseTree(db(), [2], { published: true });
  const ownerUser = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, ownerUser.id);
  const quizLesson = tree.lessons[1]!;
  await db().update(lessons).set({ lessonType: "QUIZ" }).where(eq(lessons.id, quizLesson.id));
  const owner = actorOf(ownerUser);
  await saveQuiz(db(), owner, quizLesson.id, { version: 0, settings, questions });
  const s = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), s.id, tree.course.id);
  return {
    lessonId: quizLesson.id,
    courseId: tree.course.id,
    textLessonId: tree.lessons[0]!.id,
    owner,
    student: actorOf(s),
  };
}

/** The right answers to the attempt's served questions (from the author's view, by question id). */
async function rightAnswers(x: Setup, attemptQuestions: { id: string }[]) {
  const quiz = await getQuizForAuthor(db(), x.owner, x.lessonId);
  return attemptQuestions.map(({ id }) => {
    const q = quiz.questions.find((qq) => qq.id === id)!;
    if (q.type === "short_text") return { questionId: id, text: "  gradient   DESCENT " };
    if (q.type === "numeric") return { questionId: id, value: 0.1 + 0.2 };
    return { questionId: id, optionIds: q.options.filter((o) => o.correct).map((o) => o.id) };
  });
}

describe("completion policy", () => {
  it("refuses to mark an assessed lesson complete (409 ASSESSMENT_REQUIRED) but keeps the time spent", async () => {
    const x = await setup();
    await expect(
      setLessonProgress(db(), x.student, x.lessonId, { completed: true, timeSpentSeconds: 20 }),
    ).rejects.toMatchObject({ code: "ASSESSMENT_REQUIRED", status: 409 });
    const [row] = await db()
      .select()
      .from(userProgress)
      .where(and(eq(userProgress.userId, x.student.id), eq(userProgress.lessonId, x.lessonId)));
    expect(row).toMatchObject({ completed: false, timeSpent: 20 });
    // A heartbeat alone and the other lessons are unaffected.
    await expect(
      setLessonProgress(db(), x.student, x.lessonId, { timeSpentSeconds: 5 }),
    ).resolves.toBeTruthy();
    await expect(
      setLessonProgress(db(), x.student, x.textLessonId, { completed: true }),
    ).resolves.toMatchObject({
      enrollment: { progressPercentage: 50 },
    });
  });
});

describe("taking a quiz", () => {
  it("never shows correctness, accepted answers or explanations before submission", async () => {
    const x = await setup();
    const bodies = [
      JSON.stringify(await getQuizForStudent(db(), x.student, x.lessonId)),
      JSON.stringify(await startAttempt(db(), x.student, x.lessonId)),
      JSON.stringify(await listMyAttempts(db(), x.student, x.lessonId)),
    ];
    const attemptId = (await getQuizForStudent(db(), x.student, x.lessonId)).openAttemptId!;
    bodies.push(JSON.stringify(await getAttempt(db(), x.student, attemptId)));
    bodies.push(JSON.stringify(await saveAnswers(db(), x.student, attemptId, { answers: [] })));
    for (const body of bodies) for (const secret of SECRET_TEXTS) expect(body).not.toContain(secret);
  });

  it("fails, shows what to review without the key (after_passing), then passes and completes the course", async () => {
    const x = await setup({ maxAttempts: 3 });
    await setLessonProgress(db(), x.student, x.textLessonId, { completed: true });
    const first = await startAttempt(db(), x.student, x.lessonId);
    const failed = await submitAttempt(db(), x.student, first.id, { answers: [] });
    expect(failed).toMatchObject({ passed: false, scorePercentage: 0, lesson: { completed: false } });
    expect(failed.results[0]).toMatchObject({
      correct: false,
      explanation: "The label is the value being predicted.",
    });
    expect(failed.results.some((r) => r.correctOptionIds || r.acceptedAnswer)).toBe(false);

    const second = await startAttempt(db(), x.student, x.lessonId);
    expect(second.number).toBe(2);
    const passed = await submitAttempt(db(), x.student, second.id, {
      answers: await rightAnswers(x, second.questions),
    });
    expect(passed).toMatchObject({
      passed: true,
      scorePercentage: 100,
      lesson: { completed: true },
      enrollment: { status: "COMPLETED", progressPercentage: 100 },
    });
    expect(passed.results.find((r) => r.acceptedAnswer)).toBeTruthy();
    expect(await db().select().from(certificates).where(eq(certificates.userId, x.student.id))).toHaveLength(
      1,
    );
    // The earlier attempt now reveals the key too (the student has passed).
    const again = await getAttempt(db(), x.student, first.id);
    expect(again.result!.results.some((r) => r.correctOptionIds)).toBe(true);
    const summary = await getQuizForStudent(db(), x.student, x.lessonId);
    expect(summary).toMatchObject({
      attemptsUsed: 2,
      bestScorePercentage: 100,
      passed: true,
      attemptsAllowed: 3,
    });
  });

  it("reveals the key after each attempt when the quiz says so", async () => {
    const x = await setup({ revealAnswers: "after_each_attempt" });
    const a = await startAttempt(db(), x.student, x.lessonId);
    const r = await submitAttempt(db(), x.student, a.id, { answers: [] });
    expect(r.results.filter((q) => q.correctOptionIds)).toHaveLength(3);
    expect(r.results.filter((q) => q.acceptedAnswer)).toHaveLength(2);
  });

  it("answers an open attempt with 409 and that attempt, and refuses a start when no attempt is left", async () => {
    const x = await setup({ maxAttempts: 1 });
    const a = await startAttempt(db(), x.student, x.lessonId);
    await expect(startAttempt(db(), x.student, x.lessonId)).rejects.toMatchObject({
      code: "CONFLICT",
      details: { attempt: { id: a.id } },
    });
    await submitAttempt(db(), x.student, a.id, { answers: [] });
    await expect(startAttempt(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "CONFLICT" });
    // An accommodation adds an attempt.
    await db()
      .insert(quizAccommodations)
      .values({ lessonId: x.lessonId, userId: x.student.id, extraAttempts: 1 });
    await expect(startAttempt(db(), x.student, x.lessonId)).resolves.toMatchObject({ number: 2 });
  });

  it("refuses malformed answers with 422 and stores nothing", async () => {
    const x = await setup();
    const a = await startAttempt(db(), x.student, x.lessonId);
    const [single, , , text, numeric] = a.questions;
    const bad = [
      [{ questionId: "not-in-attempt", optionIds: [] }],
      [{ questionId: single!.id, optionIds: ["unknown"] }],
      [{ questionId: text!.id, optionIds: [single!.options[0]!.id] }],
      [{ questionId: numeric!.id, optionIds: [] }],
      [{ questionId: numeric!.id, value: "0.3" }],
      [
        { questionId: single!.id, optionIds: [single!.options[0]!.id] },
        { questionId: single!.id, optionIds: [] },
      ],
    ];
    for (const answers of bad) {
      await expect(saveAnswers(db(), x.student, a.id, { answers } as never)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await expect(submitAttempt(db(), x.student, a.id, { answers } as never)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row).toMatchObject({ answers: [], submittedAt: null });
  });

  it("resumes saved answers and grades from them after the deadline and its grace, unanswered as wrong", async () => {
    const x = await setup({ timeLimitMinutes: 10 });
    await db()
      .insert(quizAccommodations)
      .values({ lessonId: x.lessonId, userId: x.student.id, extraTimePercent: 50 });
    const a = await startAttempt(db(), x.student, x.lessonId);
    expect(a.deadline!.getTime() - a.startedAt.getTime()).toBe(15 * 60_000);
    const right = await rightAnswers(x, a.questions);
    await saveAnswers(db(), x.student, a.id, { answers: right.slice(0, 4) });
    expect((await getAttempt(db(), x.student, a.id)).answers).toHaveLength(4);
    // Inside the grace: still saved. Past it: 409, and graded from what was saved.
    await db()
      .update(quizAttempts)
      .set({ deadline: new Date(Date.now() - 20_000) })
      .where(eq(quizAttempts.id, a.id));
    await saveAnswers(db(), x.student, a.id, { answers: right.slice(0, 3) });
    await db()
      .update(quizAttempts)
      .set({ deadline: new Date(Date.now() - 31_000) })
      .where(eq(quizAttempts.id, a.id));
    await expect(saveAnswers(db(), x.student, a.id, { answers: right })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const graded = await getAttempt(db(), x.student, a.id);
    expect(graded.result).toMatchObject({ expired: true, scorePercentage: 60, passed: false });
    // A late submission cannot add answers either.
    await expect(submitAttempt(db(), x.student, a.id, { answers: right })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("draws the pool per attempt and keeps what was served through later edits", async () => {
    const x = await setup({ poolSize: 2 });
    const a = await startAttempt(db(), x.student, x.lessonId);
    expect(a.questions).toHaveLength(2);
    const [row] = await db().select().from(quizAttempts).where(eq(quizAttempts.id, a.id));
    expect(row!.pointsTotal).toBe(2);
    // The author removes every question but one: the attempt still reads as served, the removed are kept.
    const quiz = await getQuizForAuthor(db(), x.owner, x.lessonId);
    await saveQuiz(db(), x.owner, x.lessonId, {
      version: quiz.version,
      settings: { poolSize: 1 },
      questions: [{ ...quiz.questions[0]!, type: "single", prompt: "Edited" }],
    });
    const read = await getAttempt(db(), x.student, a.id);
    expect(read.questions.map((q) => q.id)).toEqual(a.questions.map((q) => q.id));
    const all = await db().select().from(quizQuestions).where(eq(quizQuestions.lessonId, x.lessonId));
    expect(all.filter((q) => q.deletedAt !== null)).toHaveLength(4);
  });
});

describe("authorization", () => {
  it("keeps attempts and quizzes to their student, the enrolled and the course's staff", async () => {
    const x = await setup();
    const a = await startAttempt(db(), x.student, x.lessonId);
    const other = actorOf(await createUser(db(), { emailVerified: new Date() }));
    const otherInstructor = actorOf(
      await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() }),
    );
    await expect(getQuizForStudent(db(), other, x.lessonId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startAttempt(db(), other, x.lessonId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAttempt(db(), other, a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveAnswers(db(), other, a.id, { answers: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(submitAttempt(db(), other, a.id, { answers: [] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getAttempt(db(), otherInstructor, a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getQuizForAuthor(db(), otherInstructor, x.lessonId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getQuizForAuthor(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getQuizForStudent(db(), null, x.lessonId)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(getQuizForStudent(db(), x.student, x.textLessonId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The course's staff read the attempt with its key.
    const staffView = await getAttempt(db(), x.owner, a.id);
    expect(staffView.id).toBe(a.id);
  });
});

describe("authoring", () => {
  it("refuses a save from an older version (409) and invalid questions with every field's issue (422)", async () => {
    const x = await setup();
    const quiz = await getQuizForAuthor(db(), x.owner, x.lessonId);
    expect(quiz.version).toBe(1);
    await saveQuiz(db(), x.owner, x.lessonId, {
      version: 1,
      settings: quiz.settings,
      questions: quiz.questions as never,
    });
    await expect(
      saveQuiz(db(), x.owner, x.lessonId, {
        version: 1,
        settings: quiz.settings,
        questions: quiz.questions as never,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const invalid = saveQuiz(db(), x.owner, x.lessonId, {
      version: 2,
      settings: { poolSize: 9 },
      questions: [
        { type: "single", prompt: "", options: [{ text: "a", correct: true }] },
        { type: "short_text", prompt: "p", acceptedAnswers: [], pattern: "(?=x)" },
      ],
    });
    await expect(invalid).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const fields = (
      (await invalid.catch((e: { fields: { path: string }[] }) => e)) as { fields: { path: string }[] }
    ).fields.map((f) => f.path);
    expect(fields).toEqual(
      expect.arrayContaining([
        "settings.poolSize",
        "questions.0.prompt",
        "questions.0.options",
        "questions.1.acceptedAnswers",
        "questions.1.pattern",
      ]),
    );
  });
});

describe("staff tools", () => {
  it("grants accommodations to enrolled students only, audited, and removes them with zeros", async () => {
    const x = await setup({ maxAttempts: 1, timeLimitMinutes: 10 });
    const [u] = await db().select().from(users).where(eq(users.id, x.student.id));
    await setAccommodation(db(), x.owner, x.lessonId, {
      email: u!.email.toUpperCase(),
      extraTimePercent: 50,
      extraAttempts: 2,
    });
    expect(await getQuizForStudent(db(), x.student, x.lessonId)).toMatchObject({
      attemptsAllowed: 3,
      effectiveTimeLimitMinutes: 15,
    });
    expect(await findAccommodations(db(), x.owner, x.lessonId)).toEqual([
      expect.objectContaining({ email: u!.email, extraTimePercent: 50, extraAttempts: 2 }),
    ]);
    const stranger = await createUser(db());
    await expect(
      setAccommodation(db(), x.owner, x.lessonId, {
        email: stranger.email,
        extraTimePercent: 10,
        extraAttempts: 0,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      setAccommodation(db(), x.student, x.lessonId, {
        email: u!.email,
        extraTimePercent: 10,
        extraAttempts: 0,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setAccommodation(db(), x.owner, x.lessonId, {
      email: u!.email,
      extraTimePercent: 0,
      extraAttempts: 0,
    });
    expect(await findAccommodations(db(), x.owner, x.lessonId)).toEqual([]);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, x.lessonId));
    expect(audit.filter((a) => a.action === "quiz.accommodation_set")).toHaveLength(2);
  });

  it("counts attempts, pass rate, best scores, per-question correctness and chosen options; exports a gradebook", async () => {
    const x = await setup({ maxAttempts: 3 });
    const a1 = await startAttempt(db(), x.student, x.lessonId);
    const single = a1.questions.find((q) => q.type === "single")!;
    await submitAttempt(db(), x.student, a1.id, {
      answers: [{ questionId: single.id, optionIds: [single.options[0]!.id] }],
    });
    const a2 = await startAttempt(db(), x.student, x.lessonId);
    await submitAttempt(db(), x.student, a2.id, { answers: await rightAnswers(x, a2.questions) });
    const other = await createUser(db(), { emailVerified: new Date(), name: '=HYPERLINK("x")' });
    await createEnrollment(db(), other.id, x.courseId);
    const b = await startAttempt(db(), actorOf(other), x.lessonId);
    await submitAttempt(db(), actorOf(other), b.id, { answers: [] });
    const stats = await getQuizAnalytics(db(), x.owner, x.lessonId);
    expect(stats).toMatchObject({
      attempts: 3,
      students: 2,
      studentsPassed: 1,
      passRate: 50,
      averageBestScore: 50,
    });
    const q = stats.questions.find((s) => s.questionId === single.id)!;
    expect(q).toMatchObject({ served: 3, correct: 1 });
    expect(q.options.map((o) => o.chosen)).toEqual([1, 1]);
    const { csv } = await courseGradebookCsv(db(), x.owner, x.courseId);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.includes(other.email))).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.find((l) => l.includes(other.email))).toMatch(/,0,1$/);
    await expect(courseGradebookCsv(db(), x.student, x.courseId)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("publishing", () => {
  it("counts a quiz lesson without questions as a publish problem, and keeps a published quiz from losing its last", async () => {
    const x = await setup();
    const quiz = await getQuizForAuthor(db(), x.owner, x.lessonId);
    await expect(
      saveQuiz(db(), x.owner, x.lessonId, { version: quiz.version, settings: quiz.settings, questions: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getQuizForAuthor(db(), x.owner, x.lessonId)).questions).toHaveLength(5);
    const tree = await createCourseTree(db(), [1], { published: false });
    await db().update(lessons).set({ lessonType: "QUIZ" }).where(eq(lessons.id, tree.lessons[0]!.id));
    const problems = await findPublishProblems(db(), tree.course.id);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Quiz “.*” in “.*” has no questions\.$/),
    ]);
  });
});

describe.runIf(onPostgres)("races (PostgreSQL)", () => {
  it("grades ten concurrent submissions once; the others get 409 with the same result", async () => {
    const x = await setup();
    await setLessonProgress(db(), x.student, x.textLessonId, { completed: true });
    const a = await startAttempt(db(), x.student, x.lessonId);
    const answers = await rightAnswers(x, a.questions);
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => submitAttempt(db(), x.student, a.id, { answers })),
    );
    const ok = settled.filter((s) => s.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const s of settled) {
      if (s.status === "rejected") {
        expect(s.reason).toMatchObject({
          code: "CONFLICT",
          details: { result: { scorePercentage: 100, passed: true } },
        });
      }
    }
    expect(await db().select().from(certificates).where(eq(certificates.userId, x.student.id))).toHaveLength(
      1,
    );
    const [e] = await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, x.student.id), eq(enrollments.courseId, x.courseId)));
    expect(e).toMatchObject({ status: "COMPLETED", progressPercentage: 100 });
  });

  it("starts one attempt from ten concurrent starts; the other nine are shown that attempt", async () => {
    const x = await setup({ maxAttempts: 1 });
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => startAttempt(db(), x.student, x.lessonId)),
    );
    const ok = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    expect(ok).toHaveLength(1);
    for (const s of settled) {
      if (s.status === "rejected")
        expect(s.reason).toMatchObject({ code: "CONFLICT", details: { attempt: { id: ok[0]!.id } } });
    }
  });

  it("makes exactly the attempts allowed from ten concurrent start-and-submit runs", async () => {
    const x = await setup({ maxAttempts: 3 });
    const run = async () => {
      const a = await startAttempt(db(), x.student, x.lessonId);
      await submitAttempt(db(), x.student, a.id, { answers: [] });
    };
    // Each run starts and submits; whichever order they interleave in, never more than three attempts.
    for (let round = 0; round < 3; round++) await Promise.allSettled(Array.from({ length: 10 }, run));
    const rows = await db().select().from(quizAttempts).where(eq(quizAttempts.userId, x.student.id));
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2, 3]);
  });
});
