import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import {
  auditLog,
  certificates,
  courses,
  enrollments,
  exerciseCode,
  exerciseResults,
  lessonExercises,
  lessons,
  modules,
  userProgress,
  type EnrollmentStatus,
} from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setLessonProgress } from "../learning/progress";
import type { Actor } from "../accounts/actor";
import {
  getExerciseSolution,
  lessonHasExercises,
  listExercisesForStudent,
  recordExerciseResult,
  saveExerciseCode,
} from "./exercises";
import { getExercisesForAuthor, saveExercises, type AuthorExercise } from "./exercise-authoring";
import type { TExerciseInput } from "./exercise-schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 16 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

/** Appears only in solutions: a response that contains it leaks a solution. */
const SECRET = "SOLUTION-SECRET-9f27c";
const CHECKS = ["adds positives", "adds negatives"];

/** An exercise `n` with the two checks of CHECKS and a solution containing SECRET. */
const exercise = (n: number, overrides: Partial<TExerciseInput> = {}): TExerciseInput => ({
  language: "python",
  instructions: `Exercise ${n}: write \`add(a, b)\`.`,
  starterCode: `def add(a, b):\n    pass  # ${n}\n`,
  setupCode: "import math\n",
  checks: CHECKS.map((name, i) => ({ name, code: `assert add(${i}, ${n}) == ${i + n}` })),
  solution: `def add(a, b):\n    return a + b  # ${SECRET} ${n}\n`,
  timeLimitSeconds: 5,
  ...overrides,
});

/** What the student's browser reports for one run: every check of CHECKS passed, or the last one failed. */
const run = (passed: boolean, code = "def add(a, b):\n    return a + b\n") => ({
  code,
  checks: CHECKS.map((name, i) => ({ name, passed: passed || i < CHECKS.length - 1 })),
});
const passing = run(true);
const failing = run(false, "def add(a, b):\n    return a - b\n");

interface Setup {
  courseId: string;
  /** The INTERACTIVE lesson (the course's last). */
  lessonId: string;
  /** The course's other lessons (TEXT), before the interactive one. */
  otherLessonIds: string[];
  /** The lesson's exercises, in order. */
  exercises: AuthorExercise[];
  owner: Actor;
  co: Actor;
  admin: Actor;
  student: Actor;
}

/**
 * A published course of `lessons` lessons in one module, the last one INTERACTIVE with `items` (two exercises
 * by default); an owner, a co-instructor, an admin, and one enrolled student (verified, so certificates issue).
 */
async function setup(opts: { lessons?: number; items?: TExerciseInput[] } = {}): Promise<Setup> {
  const n = opts.lessons ?? 2;
  const tree = await createCourseTree(db(), [n], { published: true });
  const ownerUser = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, ownerUser.id);
  const coUser = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, coUser.id, "INSTRUCTOR");
  const adminUser = await createUser(db(), { role: "ADMIN", emailVerified: new Date() });
  const lesson = tree.lessons[n - 1]!;
  await db().update(lessons).set({ lessonType: "INTERACTIVE" }).where(eq(lessons.id, lesson.id));
  const owner = actorOf(ownerUser);
  const saved = await saveExercises(db(), owner, lesson.id, {
    items: opts.items ?? [exercise(1), exercise(2)],
  });
  const s = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), s.id, tree.course.id);
  return {
    courseId: tree.course.id,
    lessonId: lesson.id,
    otherLessonIds: tree.lessons.slice(0, n - 1).map((l) => l.id),
    exercises: saved.items,
    owner,
    co: actorOf(coUser),
    admin: actorOf(adminUser),
    student: actorOf(s),
  };
}

/** Another user enrolled in the course with `status`. */
async function enrolled(courseId: string, status: EnrollmentStatus = "ACTIVE"): Promise<Actor> {
  const u = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), u.id, courseId, { status });
  return actorOf(u);
}

/** The field paths of the INVALID_INPUT `p` rejects with. */
async function invalidFields(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => {
      throw new Error("expected INVALID_INPUT, the call succeeded");
    },
    (err: unknown) => err,
  );
  expect(e).toMatchObject({ code: "INVALID_INPUT" });
  return ((e as { fields?: { path: string }[] }).fields ?? []).map((f) => f.path);
}

const resultsOf = (userId: string) =>
  db().select().from(exerciseResults).where(eq(exerciseResults.userId, userId));
const codeOf = async (userId: string, exerciseId: string) =>
  (
    await db()
      .select()
      .from(exerciseCode)
      .where(and(eq(exerciseCode.userId, userId), eq(exerciseCode.exerciseId, exerciseId)))
  )[0]?.code ?? null;
const lessonRow = async (userId: string, lessonId: string) =>
  (
    await db()
      .select()
      .from(userProgress)
      .where(and(eq(userProgress.userId, userId), eq(userProgress.lessonId, lessonId)))
  )[0];
const enrollmentOf = async (userId: string, courseId: string) =>
  (
    await db()
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)))
  )[0]!;

describe("authoring", () => {
  it("lets the owner, a co-instructor and an admin save and read the exercises with their solutions", async () => {
    const x = await setup();
    expect(x.exercises).toHaveLength(2);
    expect(x.exercises[0]).toMatchObject({
      language: "python",
      instructions: "Exercise 1: write `add(a, b)`.",
      checks: [{ name: "adds positives" }, { name: "adds negatives" }],
      timeLimitSeconds: 5,
    });
    expect(x.exercises[0]!.solution).toContain(SECRET);
    for (const staff of [x.owner, x.co, x.admin]) {
      const read = await getExercisesForAuthor(db(), staff, x.lessonId);
      expect(read.lessonType).toBe("INTERACTIVE");
      expect(read.items.map((i) => i.solution)).toEqual(x.exercises.map((i) => i.solution));
    }
    const byCo = await saveExercises(db(), x.co, x.lessonId, {
      items: [{ ...x.exercises[0]!, instructions: "Edited by the co-instructor" }, x.exercises[1]!],
    });
    expect(byCo.items[0]).toMatchObject({
      id: x.exercises[0]!.id,
      instructions: "Edited by the co-instructor",
    });
    const byAdmin = await saveExercises(db(), x.admin, x.lessonId, {
      items: [...byCo.items, exercise(3, { language: "javascript", solution: null })],
    });
    expect(byAdmin.items).toHaveLength(3);
    expect(byAdmin.items[2]).toMatchObject({ language: "javascript", solution: null });
    expect((await getExercisesForAuthor(db(), x.owner, x.lessonId)).items).toEqual(byAdmin.items);
  });

  it("tells a student and an unrelated instructor the lesson is not found, and asks an anonymous caller to sign in", async () => {
    const x = await setup();
    const stranger = actorOf(await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() }));
    for (const actor of [x.student, stranger]) {
      await expect(getExercisesForAuthor(db(), actor, x.lessonId)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(saveExercises(db(), actor, x.lessonId, { items: [exercise(9)] })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(getExercisesForAuthor(db(), null, x.lessonId)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(saveExercises(db(), null, x.lessonId, { items: [] })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(getExercisesForAuthor(db(), x.owner, "no-such-lesson")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await getExercisesForAuthor(db(), x.owner, x.lessonId)).items).toEqual(x.exercises);
  });

  it("replaces the list: listed ids keep their row and students' code, new items get ids, omitted ones are deleted with their code", async () => {
    const x = await setup({ items: [exercise(1), exercise(2), exercise(3)] });
    const [a, b, c] = x.exercises as [AuthorExercise, AuthorExercise, AuthorExercise];
    await saveExerciseCode(db(), x.student, a.id, { code: "code on A" });
    await saveExerciseCode(db(), x.student, b.id, { code: "code on B" });
    await recordExerciseResult(db(), x.student, b.id, failing);

    const saved = await saveExercises(db(), x.owner, x.lessonId, {
      items: [c, { ...b, instructions: "B, edited" }, exercise(4)],
    });
    expect(saved.items.map((i) => i.id).slice(0, 2)).toEqual([c.id, b.id]);
    const d = saved.items[2]!;
    expect(d.id).toEqual(expect.any(String));
    expect([a.id, b.id, c.id]).not.toContain(d.id);
    expect(saved.items.map((i) => i.instructions)).toEqual([
      c.instructions,
      "B, edited",
      "Exercise 4: write `add(a, b)`.",
    ]);
    // The rows: A is gone with its student's code; B keeps its code and results; positions are 1..3.
    const rows = await db()
      .select()
      .from(lessonExercises)
      .where(eq(lessonExercises.lessonId, x.lessonId))
      .orderBy(asc(lessonExercises.position));
    expect(rows.map((r) => [r.id, r.position])).toEqual([
      [c.id, 1],
      [b.id, 2],
      [d.id, 3],
    ]);
    expect(await codeOf(x.student.id, a.id)).toBeNull();
    expect(await codeOf(x.student.id, b.id)).toBe(failing.code);
    expect((await resultsOf(x.student.id)).map((r) => r.exerciseId)).toEqual([b.id]);
    const list = await listExercisesForStudent(db(), x.student, x.lessonId);
    expect(list.items.map((i) => [i.id, i.savedCode])).toEqual([
      [c.id, null],
      [b.id, failing.code],
      [d.id, null],
    ]);
  });

  it("swaps two exercises when the list swaps them (positions are unique per lesson)", async () => {
    const x = await setup();
    const [a, b] = x.exercises as [AuthorExercise, AuthorExercise];
    const swapped = await saveExercises(db(), x.owner, x.lessonId, { items: [b, a] });
    expect(swapped.items.map((i) => i.id)).toEqual([b.id, a.id]);
    const back = await saveExercises(db(), x.owner, x.lessonId, { items: [...swapped.items].reverse() });
    expect(back.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await listExercisesForStudent(db(), x.student, x.lessonId)).items.map((i) => i.id)).toEqual([
      a.id,
      b.id,
    ]);
  });

  it("deletes every exercise when saved with an empty list", async () => {
    const x = await setup();
    const saved = await saveExercises(db(), x.owner, x.lessonId, { items: [] });
    expect(saved.items).toEqual([]);
    expect(await lessonHasExercises(db(), x.lessonId)).toBe(false);
  });

  it("refuses invalid exercises with INVALID_INPUT naming each field, and changes nothing", async () => {
    const x = await setup();
    const paths = await invalidFields(
      saveExercises(db(), x.owner, x.lessonId, {
        items: [
          exercise(1, { checks: [] }),
          exercise(2, {
            checks: [
              { name: "same", code: "assert True" },
              { name: " SAME ", code: "assert True" },
            ],
          }),
          exercise(3, { timeLimitSeconds: 0 }),
          exercise(4, { timeLimitSeconds: 31 }),
          exercise(5, { starterCode: "x".repeat(65_537) }),
          exercise(6, { solution: "y".repeat(65_537) }),
          exercise(7, { checks: [{ name: "", code: "assert True" }] }),
          exercise(8, { checks: [{ name: "blank", code: "   " }] }),
          exercise(9, { language: "ruby" as never }),
          exercise(10, { timeLimitSeconds: 2.5 }),
        ],
      }),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        "items.0.checks",
        "items.1.checks.1.name",
        "items.2.timeLimitSeconds",
        "items.3.timeLimitSeconds",
        "items.4.starterCode",
        "items.5.solution",
        "items.6.checks.0.name",
        "items.7.checks.0.code",
        "items.8.language",
        "items.9.timeLimitSeconds",
      ]),
    );
    expect(paths.some((p) => p.startsWith("items.0.") && p !== "items.0.checks")).toBe(false);
    // More than twenty exercises, and one id listed twice.
    expect(
      await invalidFields(
        saveExercises(db(), x.owner, x.lessonId, {
          items: Array.from({ length: 21 }, (_, i) => exercise(i)),
        }),
      ),
    ).toEqual(["items"]);
    expect(
      await invalidFields(
        saveExercises(db(), x.owner, x.lessonId, { items: [x.exercises[0]!, x.exercises[0]!] }),
      ),
    ).toEqual(["items.1.id"]);
    expect((await getExercisesForAuthor(db(), x.owner, x.lessonId)).items).toEqual(x.exercises);
  });

  it("measures authors' code in UTF-8 bytes, as students' is: 64 KB is accepted, a byte more is not", async () => {
    const x = await setup();
    const paths = await invalidFields(
      saveExercises(db(), x.owner, x.lessonId, { items: [exercise(1, { starterCode: "é".repeat(32_769) })] }),
    );
    expect(paths).toEqual(["items.0.starterCode"]);
    const saved = await saveExercises(db(), x.owner, x.lessonId, {
      items: [exercise(1, { starterCode: "é".repeat(32_768) })],
    });
    expect(saved.items[0]!.starterCode).toHaveLength(32_768);
  });

  it("accepts code of exactly 65,536 characters and the limits 1 and 30 seconds", async () => {
    const x = await setup();
    const saved = await saveExercises(db(), x.owner, x.lessonId, {
      items: [
        exercise(1, { starterCode: "x".repeat(65_536), timeLimitSeconds: 1 }),
        exercise(2, { timeLimitSeconds: 30 }),
      ],
    });
    expect(saved.items.map((i) => [i.starterCode.length, i.timeLimitSeconds])).toEqual([
      [65_536, 1],
      [expect.any(Number), 30],
    ]);
  });

  it("refuses an id of another lesson's exercise (items.N.id) and leaves both lessons as they were", async () => {
    const x = await setup();
    const y = await setup();
    const paths = await invalidFields(
      saveExercises(db(), x.owner, x.lessonId, { items: [x.exercises[0]!, y.exercises[1]!] }),
    );
    expect(paths).toEqual(["items.1.id"]);
    // The other lesson's staff cannot take it either.
    expect(
      await invalidFields(saveExercises(db(), y.owner, y.lessonId, { items: [x.exercises[0]!] })),
    ).toEqual(["items.0.id"]);
    expect((await getExercisesForAuthor(db(), x.owner, x.lessonId)).items).toEqual(x.exercises);
    expect((await getExercisesForAuthor(db(), y.owner, y.lessonId)).items).toEqual(y.exercises);
  });

  it("refuses exercises on a lesson that is not INTERACTIVE (path items)", async () => {
    const x = await setup();
    const textLessonId = x.otherLessonIds[0]!;
    expect(await invalidFields(saveExercises(db(), x.owner, textLessonId, { items: [exercise(1)] }))).toEqual(
      ["items"],
    );
    expect(await getExercisesForAuthor(db(), x.owner, textLessonId)).toEqual({
      lessonType: "TEXT",
      items: [],
    });
    expect(await lessonHasExercises(db(), textLessonId)).toBe(false);
  });

  it("writes an exercises.updated audit entry for each save, none for a refused one", async () => {
    const x = await setup();
    await saveExercises(
      db(),
      x.co,
      x.lessonId,
      { items: [x.exercises[1]!, exercise(3), exercise(4)] },
      {
        requestId: "req-exercises-1",
        ip: "203.0.113.9",
      },
    );
    await invalidFields(saveExercises(db(), x.co, x.lessonId, { items: [exercise(1, { checks: [] })] }));
    const entries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, x.lessonId), eq(auditLog.action, "exercises.updated")))
      .orderBy(asc(auditLog.createdAt));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: x.owner.id, entityType: "lesson" });
    expect(entries[1]).toMatchObject({
      actorId: x.co.id,
      actorRole: "INSTRUCTOR",
      entityType: "lesson",
      before: { exercises: 2 },
      after: { exercises: 3, removed: 1 },
      requestId: "req-exercises-1",
      ip: "203.0.113.9",
    });
  });
});

describe("the student's list", () => {
  it("lists the exercises in order with the student's code and state, and never a solution", async () => {
    const x = await setup({ items: [exercise(1), exercise(2), exercise(3, { solution: null })] });
    const [a, b, c] = x.exercises as [AuthorExercise, AuthorExercise, AuthorExercise];
    const first = await listExercisesForStudent(db(), x.student, x.lessonId);
    expect(first.staff).toBe(false);
    expect(first.items.map((i) => i.id)).toEqual([a.id, b.id, c.id]);
    expect(first.items[0]).toEqual({
      id: a.id,
      language: "python",
      instructions: a.instructions,
      starterCode: a.starterCode,
      setupCode: a.setupCode,
      checks: a.checks,
      timeLimitSeconds: 5,
      savedCode: null,
      passed: false,
      solutionAvailable: false,
    });
    for (const item of first.items) expect(item).not.toHaveProperty("solution");
    expect(JSON.stringify(first)).not.toContain(SECRET);

    await saveExerciseCode(db(), x.student, a.id, { code: "my work on A" });
    await recordExerciseResult(db(), x.student, b.id, failing);
    await recordExerciseResult(db(), x.student, c.id, failing);
    let list = await listExercisesForStudent(db(), x.student, x.lessonId);
    expect(list.items.map((i) => [i.savedCode, i.passed, i.solutionAvailable])).toEqual([
      ["my work on A", false, false],
      [failing.code, false, true],
      // Failed, but there is no solution to offer.
      [failing.code, false, false],
    ]);
    expect(JSON.stringify(list)).not.toContain(SECRET);

    await recordExerciseResult(db(), x.student, a.id, passing);
    await recordExerciseResult(db(), x.student, b.id, passing);
    list = await listExercisesForStudent(db(), x.student, x.lessonId);
    expect(list.items.map((i) => [i.savedCode, i.passed, i.solutionAvailable])).toEqual([
      // Passed without ever failing: the solution is not offered.
      [passing.code, true, false],
      // Passed after a failure: it stays offered.
      [passing.code, true, true],
      [failing.code, false, false],
    ]);
    expect(JSON.stringify(list)).not.toContain(SECRET);

    // Another student's state is their own.
    const other = await enrolled(x.courseId);
    const theirs = await listExercisesForStudent(db(), other, x.lessonId);
    expect(theirs.items.map((i) => [i.savedCode, i.passed, i.solutionAvailable])).toEqual([
      [null, false, false],
      [null, false, false],
      [null, false, false],
    ]);
  });

  it("refuses a student who is not enrolled (FORBIDDEN) and an anonymous caller (UNAUTHENTICATED)", async () => {
    const x = await setup();
    const stranger = actorOf(await createUser(db(), { emailVerified: new Date() }));
    const strangerInstructor = actorOf(await createUser(db(), { role: "INSTRUCTOR" }));
    for (const actor of [stranger, strangerInstructor]) {
      await expect(listExercisesForStudent(db(), actor, x.lessonId)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(listExercisesForStudent(db(), null, x.lessonId)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("answers NOT_FOUND for an unknown lesson, a lesson that is not interactive and one in an unpublished module", async () => {
    const tree = await createCourseTree(db(), [1, 1], { published: true });
    const owner = actorOf(await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() }));
    await addInstructor(db(), tree.course.id, owner.id);
    const draft = tree.lessons[1]!;
    await db().update(lessons).set({ lessonType: "INTERACTIVE" }).where(eq(lessons.id, draft.id));
    const { items } = await saveExercises(db(), owner, draft.id, { items: [exercise(1)] });
    await db().update(modules).set({ published: false }).where(eq(modules.id, tree.modules[1]!.id));
    const student = await enrolled(tree.course.id);
    for (const lessonId of ["no-such-lesson", tree.lessons[0]!.id, draft.id]) {
      await expect(listExercisesForStudent(db(), student, lessonId)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    // Its exercise is not there for the student either.
    const id = items[0]!.id;
    await expect(saveExerciseCode(db(), student, id, { code: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(recordExerciseResult(db(), student, id, passing)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getExerciseSolution(db(), student, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await resultsOf(student.id)).toEqual([]);
  });

  it("stays open to enrolled students when the course is unpublished", async () => {
    const x = await setup({ lessons: 1, items: [exercise(1)] });
    await db().update(courses).set({ published: false }).where(eq(courses.id, x.courseId));
    expect((await listExercisesForStudent(db(), x.student, x.lessonId)).items).toHaveLength(1);
    await expect(recordExerciseResult(db(), x.student, x.exercises[0]!.id, passing)).resolves.toMatchObject({
      lesson: { completed: true },
      enrollment: { status: "COMPLETED" },
    });
  });

  it("lets the course's staff preview the list without enrolling, the solution offered but not included", async () => {
    const x = await setup({ items: [exercise(1), exercise(2, { solution: null })] });
    for (const staff of [x.owner, x.co, x.admin]) {
      const list = await listExercisesForStudent(db(), staff, x.lessonId);
      expect(list.staff).toBe(true);
      expect(list.items.map((i) => [i.id, i.savedCode, i.passed, i.solutionAvailable])).toEqual([
        [x.exercises[0]!.id, null, false, true],
        [x.exercises[1]!.id, null, false, false],
      ]);
      expect(JSON.stringify(list)).not.toContain(SECRET);
    }
  });
});

describe("saving code", () => {
  it("stores the student's code and overwrites it with the next save", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    const first = await saveExerciseCode(db(), x.student, id, { code: "print(1)" });
    expect(first.savedAt).toBeInstanceOf(Date);
    expect(await codeOf(x.student.id, id)).toBe("print(1)");
    await saveExerciseCode(db(), x.student, id, { code: "print(2)" });
    expect(await codeOf(x.student.id, id)).toBe("print(2)");
    await saveExerciseCode(db(), x.student, id, { code: "" });
    expect(await codeOf(x.student.id, id)).toBe("");
    expect(
      await db()
        .select()
        .from(exerciseCode)
        .where(and(eq(exerciseCode.userId, x.student.id), eq(exerciseCode.exerciseId, id))),
    ).toHaveLength(1);
    expect(await codeOf(x.student.id, x.exercises[1]!.id)).toBeNull();
  });

  it("refuses code over 64 KB of UTF-8 with PAYLOAD_TOO_LARGE and keeps the saved version; exactly 64 KB is accepted", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    await saveExerciseCode(db(), x.student, id, { code: "kept" });
    const tooLarge = [
      "x".repeat(65_537),
      // 32,769 characters, 65,538 bytes.
      "é".repeat(32_769),
      // 21,846 characters, 65,538 bytes.
      "€".repeat(21_846),
    ];
    for (const code of tooLarge) {
      expect(code.length).toBeLessThanOrEqual(65_537);
      expect(Buffer.byteLength(code, "utf8")).toBeGreaterThan(65_536);
      await expect(saveExerciseCode(db(), x.student, id, { code })).rejects.toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
        status: 413,
      });
      await expect(recordExerciseResult(db(), x.student, id, { ...passing, code })).rejects.toMatchObject({
        code: "PAYLOAD_TOO_LARGE",
      });
    }
    expect(await codeOf(x.student.id, id)).toBe("kept");
    expect(await resultsOf(x.student.id)).toEqual([]);
    for (const code of ["x".repeat(65_536), "é".repeat(32_768), "€".repeat(21_844) + "xxxx"]) {
      expect(Buffer.byteLength(code, "utf8")).toBe(65_536);
      await saveExerciseCode(db(), x.student, id, { code });
      expect(await codeOf(x.student.id, id)).toBe(code);
    }
  });

  it("refuses a student who is not enrolled (FORBIDDEN), an unknown exercise (NOT_FOUND) and an anonymous caller", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    const stranger = actorOf(await createUser(db(), { emailVerified: new Date() }));
    await expect(saveExerciseCode(db(), stranger, id, { code: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(saveExerciseCode(db(), x.student, "no-such-exercise", { code: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(saveExerciseCode(db(), null, id, { code: "x" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(saveExerciseCode(db(), x.student, id, { code: 42 } as never)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await db().select().from(exerciseCode).where(eq(exerciseCode.exerciseId, id))).toEqual([]);
  });
});

describe("recording results", () => {
  it("refuses check names that are not exactly the exercise's (missing, extra, renamed, duplicated) and records nothing", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    const [p, n] = CHECKS as [string, string];
    const wrong = [
      [{ name: p, passed: true }],
      [
        { name: p, passed: true },
        { name: n, passed: true },
        { name: "extra", passed: true },
      ],
      [
        { name: p, passed: true },
        { name: "adds negative", passed: true },
      ],
      [
        { name: p, passed: true },
        { name: n.toUpperCase(), passed: true },
      ],
      [
        { name: p, passed: true },
        { name: p, passed: true },
      ],
      [
        { name: p, passed: true },
        { name: p, passed: false },
        { name: n, passed: true },
      ],
    ];
    for (const checks of wrong) {
      expect(await invalidFields(recordExerciseResult(db(), x.student, id, { code: "x", checks }))).toEqual([
        "checks",
      ]);
    }
    // No checks at all is refused by the schema.
    await expect(recordExerciseResult(db(), x.student, id, { code: "x", checks: [] })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await resultsOf(x.student.id)).toEqual([]);
    expect(await codeOf(x.student.id, id)).toBeNull();
    expect(await lessonRow(x.student.id, x.lessonId)).toBeUndefined();
    // The same names in another order are the exercise's.
    await expect(
      recordExerciseResult(db(), x.student, id, {
        code: "x",
        checks: [
          { name: n, passed: true },
          { name: p, passed: true },
        ],
      }),
    ).resolves.toMatchObject({ passed: true });
  });

  it("records a failing result: passed false, the code kept, the solution unlocked, the lesson not completed", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    const outcome = await recordExerciseResult(db(), x.student, id, failing);
    expect(outcome).toEqual({
      passed: false,
      lesson: { completed: false },
      enrollment: { status: "ACTIVE", progressPercentage: 0 },
      solutionAvailable: true,
      courseCompletedNow: false,
    });
    const rows = await resultsOf(x.student.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      exerciseId: id,
      passed: false,
      code: failing.code,
      checks: failing.checks,
    });
    expect(await codeOf(x.student.id, id)).toBe(failing.code);
    expect((await lessonRow(x.student.id, x.lessonId))?.completed ?? false).toBe(false);
    await expect(getExerciseSolution(db(), x.student, id)).resolves.toEqual({
      solution: x.exercises[0]!.solution,
    });
  });

  it("completes the lesson only when every exercise has a passing result, raising the percentage; a later failure does not undo it", async () => {
    const x = await setup();
    const [a, b] = x.exercises as [AuthorExercise, AuthorExercise];
    const one = await recordExerciseResult(db(), x.student, a.id, passing);
    expect(one).toEqual({
      passed: true,
      lesson: { completed: false },
      enrollment: { status: "ACTIVE", progressPercentage: 0 },
      solutionAvailable: false,
      courseCompletedNow: false,
    });
    expect((await lessonRow(x.student.id, x.lessonId))?.completed ?? false).toBe(false);
    // Passing the same exercise again does not complete the lesson either.
    await recordExerciseResult(db(), x.student, a.id, passing);
    expect((await lessonRow(x.student.id, x.lessonId))?.completed ?? false).toBe(false);
    await recordExerciseResult(db(), x.student, b.id, failing);
    expect((await lessonRow(x.student.id, x.lessonId))?.completed ?? false).toBe(false);

    const both = await recordExerciseResult(db(), x.student, b.id, passing);
    expect(both).toEqual({
      passed: true,
      lesson: { completed: true },
      enrollment: { status: "ACTIVE", progressPercentage: 50 },
      solutionAvailable: true,
      courseCompletedNow: false,
    });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({
      completed: true,
      completedAt: expect.any(Date),
    });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
      status: "ACTIVE",
      progressPercentage: 50,
    });

    const later = await recordExerciseResult(db(), x.student, a.id, failing);
    expect(later).toMatchObject({
      passed: false,
      lesson: { completed: true },
      enrollment: { status: "ACTIVE", progressPercentage: 50 },
      solutionAvailable: true,
    });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: true });
    expect((await listExercisesForStudent(db(), x.student, x.lessonId)).items.map((i) => i.passed)).toEqual([
      true,
      true,
    ]);
    // The other lesson by hand finishes the course.
    await expect(
      setLessonProgress(db(), x.student, x.otherLessonIds[0]!, { completed: true }),
    ).resolves.toMatchObject({ enrollment: { status: "COMPLETED", progressPercentage: 100 } });
  });

  it("completes the course and issues the certificate when the exercises finish its only lesson", async () => {
    const x = await setup({ lessons: 1, items: [exercise(1)] });
    const outcome = await recordExerciseResult(db(), x.student, x.exercises[0]!.id, passing);
    expect(outcome).toEqual({
      passed: true,
      lesson: { completed: true },
      enrollment: { status: "COMPLETED", progressPercentage: 100 },
      solutionAvailable: false,
      courseCompletedNow: true,
    });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
      status: "COMPLETED",
      progressPercentage: 100,
      completedAt: expect.any(Date),
    });
    expect(
      await db()
        .select()
        .from(certificates)
        .where(and(eq(certificates.userId, x.student.id), eq(certificates.courseId, x.courseId))),
    ).toHaveLength(1);
    // A COMPLETED enrollment keeps access; running the checks again completes nothing twice.
    const again = await recordExerciseResult(db(), x.student, x.exercises[0]!.id, passing);
    expect(again).toMatchObject({
      lesson: { completed: true },
      enrollment: { status: "COMPLETED", progressPercentage: 100 },
      courseCompletedNow: false,
    });
    expect(await db().select().from(certificates).where(eq(certificates.userId, x.student.id))).toHaveLength(
      1,
    );
  });

  it("lets staff preview a check run: the outcome with enrollment null, nothing recorded", async () => {
    const x = await setup({ items: [exercise(1), exercise(2, { solution: null })] });
    const [a, b] = x.exercises as [AuthorExercise, AuthorExercise];
    for (const staff of [x.owner, x.co, x.admin]) {
      await expect(recordExerciseResult(db(), staff, a.id, failing)).resolves.toEqual({
        passed: false,
        lesson: { completed: false },
        enrollment: null,
        solutionAvailable: true,
        courseCompletedNow: false,
      });
      await expect(recordExerciseResult(db(), staff, b.id, passing)).resolves.toEqual({
        passed: true,
        lesson: { completed: false },
        enrollment: null,
        solutionAvailable: false,
        courseCompletedNow: false,
      });
      expect(await resultsOf(staff.id)).toEqual([]);
      expect(await codeOf(staff.id, a.id)).toBeNull();
      expect(await lessonRow(staff.id, x.lessonId)).toBeUndefined();
      // Staff's check names are checked too.
      await expect(
        recordExerciseResult(db(), staff, a.id, { code: "x", checks: [{ name: "nope", passed: true }] }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
  });

  it("refuses students whose enrollment is SUSPENDED or REFUNDED (FORBIDDEN), recording nothing", async () => {
    const x = await setup();
    const id = x.exercises[0]!.id;
    for (const status of ["SUSPENDED", "REFUNDED"] as const) {
      const s = await enrolled(x.courseId, status);
      await expect(recordExerciseResult(db(), s, id, failing)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveExerciseCode(db(), s, id, { code: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listExercisesForStudent(db(), s, x.lessonId)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(getExerciseSolution(db(), s, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await resultsOf(s.id)).toEqual([]);
      expect(await codeOf(s.id, id)).toBeNull();
    }
    // A student who is not enrolled at all, and an unknown exercise.
    const stranger = actorOf(await createUser(db()));
    await expect(recordExerciseResult(db(), stranger, id, passing)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(recordExerciseResult(db(), x.student, "no-such-exercise", passing)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(recordExerciseResult(db(), null, id, passing)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });
});

describe("manual completion", () => {
  it("refuses to mark an interactive lesson with exercises complete (409 ASSESSMENT_REQUIRED) but keeps the time spent", async () => {
    const x = await setup();
    expect(await lessonHasExercises(db(), x.lessonId)).toBe(true);
    await expect(
      setLessonProgress(db(), x.student, x.lessonId, { completed: true, timeSpentSeconds: 20 }),
    ).rejects.toMatchObject({ code: "ASSESSMENT_REQUIRED", status: 409 });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: false, timeSpent: 20 });
    await expect(setLessonProgress(db(), x.student, x.lessonId, { completed: true })).rejects.toMatchObject({
      code: "ASSESSMENT_REQUIRED",
    });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({ progressPercentage: 0 });
    // Once the exercises completed it, un-completing it by hand is refused too.
    for (const ex of x.exercises) await recordExerciseResult(db(), x.student, ex.id, passing);
    await expect(setLessonProgress(db(), x.student, x.lessonId, { completed: false })).rejects.toMatchObject({
      code: "ASSESSMENT_REQUIRED",
    });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: true });
  });

  it("lets an interactive lesson without exercises be marked complete by hand", async () => {
    const x = await setup({ items: [] });
    expect(await lessonHasExercises(db(), x.lessonId)).toBe(false);
    expect((await listExercisesForStudent(db(), x.student, x.lessonId)).items).toEqual([]);
    await expect(setLessonProgress(db(), x.student, x.lessonId, { completed: true })).resolves.toMatchObject({
      lessonProgress: { completed: true },
      enrollment: { progressPercentage: 50 },
    });
    // The same once an author has removed every exercise.
    const y = await setup();
    await saveExercises(db(), y.owner, y.lessonId, { items: [] });
    await expect(setLessonProgress(db(), y.student, y.lessonId, { completed: true })).resolves.toMatchObject({
      lessonProgress: { completed: true },
    });
  });
});

describe("solutions", () => {
  it("opens a solution to a student after a failing result, to staff always, and answers NOT_FOUND without one", async () => {
    const x = await setup({ items: [exercise(1), exercise(2, { solution: null })] });
    const [a, b] = x.exercises as [AuthorExercise, AuthorExercise];
    await expect(getExerciseSolution(db(), x.student, a.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      status: 403,
    });
    // A passing result does not open it.
    await recordExerciseResult(db(), x.student, a.id, passing);
    await expect(getExerciseSolution(db(), x.student, a.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await recordExerciseResult(db(), x.student, a.id, failing);
    await expect(getExerciseSolution(db(), x.student, a.id)).resolves.toEqual({ solution: a.solution });
    // Another student's failure opens nothing for this one.
    const other = await enrolled(x.courseId);
    await expect(getExerciseSolution(db(), other, a.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const staff of [x.owner, x.co, x.admin]) {
      await expect(getExerciseSolution(db(), staff, a.id)).resolves.toEqual({ solution: a.solution });
      await expect(getExerciseSolution(db(), staff, b.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await recordExerciseResult(db(), x.student, b.id, failing);
    await expect(getExerciseSolution(db(), x.student, b.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stranger = actorOf(await createUser(db()));
    await expect(getExerciseSolution(db(), stranger, a.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getExerciseSolution(db(), x.student, "no-such-exercise")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getExerciseSolution(db(), null, a.id)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe.runIf(onPostgres)("races (PostgreSQL)", () => {
  it("completes the lesson, the course and one certificate when six exercises are passed by twelve concurrent runs", async () => {
    // Several rounds: without the enrollment's lock each run may count only its own pass and none completes.
    for (let round = 0; round < 4; round++) {
      const x = await setup({ lessons: 1, items: Array.from({ length: 6 }, (_, i) => exercise(i + 1)) });
      const outcomes = await Promise.all(
        [...x.exercises, ...x.exercises].map((ex) => recordExerciseResult(db(), x.student, ex.id, passing)),
      );
      expect(await resultsOf(x.student.id)).toHaveLength(12);
      expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: true });
      expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
        status: "COMPLETED",
        progressPercentage: 100,
      });
      expect(outcomes.filter((o) => o.courseCompletedNow)).toHaveLength(1);
      expect(
        await db().select().from(certificates).where(eq(certificates.userId, x.student.id)),
      ).toHaveLength(1);
    }
  });

  it("completes the lesson when two students each pass six exercises concurrently, each in their own enrollment", async () => {
    const x = await setup({ lessons: 2, items: Array.from({ length: 6 }, (_, i) => exercise(i + 1)) });
    const second = await enrolled(x.courseId);
    await Promise.all(
      [x.student, second].flatMap((s) =>
        x.exercises.map((ex) => recordExerciseResult(db(), s, ex.id, passing)),
      ),
    );
    for (const s of [x.student, second]) {
      expect(await lessonRow(s.id, x.lessonId)).toMatchObject({ completed: true });
      expect(await enrollmentOf(s.id, x.courseId)).toMatchObject({
        status: "ACTIVE",
        progressPercentage: 50,
      });
    }
  });

  it("lets a student's completing check and an author's save that meet mid-way both succeed, without a deadlock", async () => {
    // A third connection holds the student's code row, so the check stops right after inserting its result
    // (holding KEY SHARE on the lesson, taken first, and on the exercise row); the author's save then waits for
    // the lesson's lock, before it touches any exercise row. Released, the check completes and the save follows.
    // (Without the check's lesson lock, the save would wait on the exercise row while the check's completion
    // waited on the lesson: a deadlock, resolved only by the transaction retry.)
    const x = await setup({ lessons: 1, items: [exercise(1)] });
    const ex = x.exercises[0]!;
    await saveExerciseCode(db(), x.student, ex.id, { code: "before" });
    if (database.kind !== "postgres") throw new Error("PostgreSQL only");
    const pool = database.pool;
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM exercise_code WHERE user_id = $1 AND exercise_id = $2 FOR UPDATE", [
        x.student.id,
        ex.id,
      ]);
      const waiting = async (like: string) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await pool.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
               AND wait_event_type = 'Lock' AND query ILIKE $1`,
            [like],
          );
          if (rows.length > 0) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`nothing waits on a lock for ${like}`);
      };
      const check = recordExerciseResult(db(), x.student, ex.id, passing);
      await waiting('insert into "exercise_code"%');
      const save = saveExercises(db(), x.owner, x.lessonId, { items: [{ ...ex, instructions: "edited" }] });
      await waiting("%FROM lessons%FOR UPDATE%");
      const deadlocks = async () =>
        Number(
          (await pool.query("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
            .rows[0].deadlocks,
        );
      const before = await deadlocks();
      await holder.query("COMMIT");
      const [outcome, saved] = await Promise.all([check, save]);
      expect(outcome).toMatchObject({ lesson: { completed: true }, courseCompletedNow: true });
      expect(saved.items).toEqual([expect.objectContaining({ id: ex.id, instructions: "edited" })]);
      expect(await deadlocks()).toBe(before);
    } finally {
      holder.release();
    }
    expect(await resultsOf(x.student.id)).toHaveLength(1);
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: true });
  });

  it("serializes ten concurrent reorders by two editors: each succeeds and positions stay 1..n", async () => {
    const x = await setup({ items: Array.from({ length: 4 }, (_, i) => exercise(i + 1)) });
    const orders = Array.from({ length: 10 }, (_, i) => {
      const items = [...x.exercises];
      const k = i % items.length;
      return [...items.slice(k), ...items.slice(0, k)];
    });
    await Promise.all(
      orders.map((items, i) => saveExercises(db(), i % 2 ? x.co : x.owner, x.lessonId, { items })),
    );
    const rows = await db()
      .select()
      .from(lessonExercises)
      .where(eq(lessonExercises.lessonId, x.lessonId))
      .orderBy(asc(lessonExercises.position));
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.id).sort()).toEqual(x.exercises.map((e) => e.id).sort());
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, x.lessonId), eq(auditLog.action, "exercises.updated")));
    expect(audit).toHaveLength(11);
  });
});
