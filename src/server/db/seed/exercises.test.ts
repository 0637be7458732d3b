import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../tests/helpers/db";
import type { Database } from "../client";
import { queryRows } from "../rows";
import { exerciseCode, exerciseResults, lessonExercises } from "../schema";
import { demoCatalogue } from "./catalogue";
import { seedDemo } from "./demo";
import { demoExerciseRows } from "./exercises";
import { demoId } from "./ids";

const OPTS = { appUrl: "http://localhost:3000", currency: "USD" };
const DRIVER = path.join(process.cwd(), "src/server/assessments/sandbox/driver.py");

const exercises = demoExerciseRows();
const label = (x: (typeof exercises)[number]) => `${x.slug} exercise ${x.row.position}`;
const python = exercises.filter((x) => x.row.language === "python");
const javascript = exercises.filter((x) => x.row.language === "javascript");

describe("the seeded demo exercises", () => {
  let database: Database;
  const db = () => database.db;
  const rows = <T extends Record<string, unknown>>(q: ReturnType<typeof sql>) => queryRows<T>(db(), q);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(db(), OPTS);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("give every INTERACTIVE lesson of the four demo courses exercises at positions 1..n, as in the catalogue", async () => {
    const slugs = demoCatalogue.map((c) => c.slug);
    expect(slugs).toHaveLength(4);
    const lessons = await rows<{ id: string; slug: string; positions: number[] | null }>(sql`
      SELECT l.id, c.slug,
             (SELECT array_agg(x.position ORDER BY x.position) FROM lesson_exercises x WHERE x.lesson_id = l.id)
               AS positions
      FROM lessons l JOIN modules m ON m.id = l.module_id JOIN courses c ON c.id = m.course_id
      WHERE l.lesson_type = 'INTERACTIVE' AND c.slug IN (${sql.join(
        slugs.map((s) => sql`${s}`),
        sql`, `,
      )})`);
    const inCatalogue = demoCatalogue.flatMap((c) =>
      c.modules.flatMap((m) => m.lessons.filter((l) => l.lessonType === "INTERACTIVE")),
    );
    expect(lessons).toHaveLength(inCatalogue.length);
    expect(new Set(lessons.map((l) => l.slug))).toEqual(new Set(slugs));
    for (const l of lessons) {
      const positions = (l.positions ?? []).map(Number);
      expect(positions.length, l.slug).toBeGreaterThanOrEqual(1);
      expect(positions, l.slug).toEqual(positions.map((_, i) => i + 1));
    }

    const stored = await db().select().from(lessonExercises);
    expect(stored.map((x) => x.id).sort()).toEqual(exercises.map((x) => x.row.id).sort());
    for (const x of exercises) {
      const row = stored.find((s) => s.id === x.row.id)!;
      expect(row, label(x)).toMatchObject({
        lessonId: x.row.lessonId,
        position: x.row.position,
        language: x.row.language,
        checks: x.row.checks,
        solution: x.row.solution,
      });
      expect(row.solution, `${label(x)} has a reference solution`).toBeTruthy();
    }
  });

  it("include at least one JavaScript exercise", async () => {
    const js = await db().select().from(lessonExercises).where(eq(lessonExercises.language, "javascript"));
    expect(js.length).toBeGreaterThanOrEqual(1);
  });

  it("have a passing result, with the saved code, for every exercise of every completed INTERACTIVE lesson, and none otherwise", async () => {
    const list = await rows<{ user_id: string; lesson_id: string; done: boolean }>(sql`
      SELECT e.user_id, l.id AS lesson_id, coalesce(up.completed, false) AS done
      FROM enrollments e
      JOIN modules m ON m.course_id = e.course_id
      JOIN lessons l ON l.module_id = m.id AND l.lesson_type = 'INTERACTIVE'
      LEFT JOIN user_progress up ON up.user_id = e.user_id AND up.lesson_id = l.id`);
    expect(list.filter((e) => e.done).length).toBeGreaterThanOrEqual(3);
    const stored = await db().select().from(lessonExercises);
    const results = await db().select().from(exerciseResults);
    const code = await db().select().from(exerciseCode);
    for (const e of list) {
      const ofLesson = stored.filter((x) => x.lessonId === e.lesson_id);
      expect(ofLesson.length).toBeGreaterThanOrEqual(1);
      for (const x of ofLesson) {
        const passed = results.filter((r) => r.userId === e.user_id && r.exerciseId === x.id && r.passed);
        const where = `user ${e.user_id}, exercise ${x.id}`;
        if (e.done) {
          expect(passed.length, where).toBeGreaterThanOrEqual(1);
          for (const r of passed) {
            expect(r.checks, where).toEqual(x.checks.map((c) => ({ name: c.name, passed: true })));
            expect(r.code, where).toBe(x.solution);
          }
          expect(
            code.find((c) => c.userId === e.user_id && c.exerciseId === x.id)?.code,
            `${where}: the passing code is saved`,
          ).toBe(x.solution);
        } else {
          expect(passed, where).toEqual([]);
        }
      }
    }
  });

  it("leave amara mid-way through the first machine-learning-with-python exercise: saved code, no passing result", async () => {
    const first = exercises.find((x) => x.slug === "machine-learning-with-python" && x.row.position === 1)!;
    expect(first).toBeDefined();
    const maya = demoId("user", "amara");
    const saved = await db()
      .select()
      .from(exerciseCode)
      .where(and(eq(exerciseCode.userId, maya), eq(exerciseCode.exerciseId, first.row.id)));
    expect(saved).toHaveLength(1);
    expect(saved[0]!.code).toContain(first.row.starterCode);
    expect(saved[0]!.code).not.toBe(first.row.solution);
    const passed = await db()
      .select()
      .from(exerciseResults)
      .where(
        and(
          eq(exerciseResults.userId, maya),
          eq(exerciseResults.exerciseId, first.row.id),
          eq(exerciseResults.passed, true),
        ),
      );
    expect(passed).toEqual([]);
  });

  it("is seeded once: a second run inserts no exercise, result or saved code", async () => {
    const count = async () =>
      (
        await rows<{ n: string }>(sql`
          SELECT ((SELECT count(*) FROM lesson_exercises) + (SELECT count(*) FROM exercise_results)
                  + (SELECT count(*) FROM exercise_code))::text AS n`)
      )[0]!.n;
    const before = await count();
    const second = await seedDemo(db(), { ...OPTS, now: new Date(Date.now() + 3 * 86_400_000) });
    expect([
      second.inserted.lesson_exercises,
      second.inserted.exercise_results,
      second.inserted.exercise_code,
    ]).toEqual([0, 0, 0]);
    expect(await count()).toBe(before);
  });
});

interface RunResult {
  error: { message: string; line: number | null; where: string; trace?: string } | null;
  value: string | null;
  checks: { name: string; passed: boolean; message: string }[];
}

describe("the Python demo exercises in Pyodide, through the sandbox's driver.py", () => {
  type Pyodide = Awaited<ReturnType<(typeof import("pyodide"))["loadPyodide"]>>;
  let pyodide: Pyodide;
  let runDriver: (setup: string, code: string, checks: unknown, mode: string) => string;
  const output: string[] = [];

  /** As python-worker.js calls it: checks as a Python list of [name, code] pairs, the result as JSON. */
  function run(setup: string, code: string, checks: { name: string; code: string }[], mode = "check") {
    const pyChecks = pyodide.toPy(checks.map((c) => [c.name, c.code]));
    try {
      return JSON.parse(runDriver(setup, code, pyChecks, mode)) as RunResult;
    } finally {
      pyChecks.destroy();
    }
  }

  beforeAll(async () => {
    const started = performance.now();
    const { loadPyodide } = await import("pyodide");
    pyodide = await loadPyodide();
    pyodide.setStdout({ batched: (text: string) => void output.push(text) });
    pyodide.setStderr({ batched: (text: string) => void output.push(text) });
    pyodide.runPython(fs.readFileSync(DRIVER, "utf8"));
    runDriver = pyodide.globals.get("_aiw_run");
    console.info(
      `Pyodide ${pyodide.version} loaded in Node in ${Math.round(performance.now() - started)} ms`,
    );
  }, 120_000);

  it("covers every Python exercise of the demo", () => {
    expect(python.length).toBeGreaterThanOrEqual(1);
    expect(python.length + javascript.length).toBe(exercises.length);
  });

  it.each(python.map((x) => [label(x), x] as const))(
    "%s: the solution passes every check, the starter runs and fails at least one",
    (_, x) => {
      const started = performance.now();
      const solved = run(x.row.setupCode, x.row.solution ?? "", x.row.checks);
      const elapsed = performance.now() - started;
      expect(solved.error).toBeNull();
      expect(solved.checks.filter((c) => !c.passed)).toEqual([]);
      expect(solved.checks.map((c) => c.name)).toEqual(x.row.checks.map((c) => c.name));
      // The browser stops a run after the exercise's time limit; Node runs the same WebAssembly.
      expect(elapsed).toBeLessThan(x.row.timeLimitSeconds * 1000);

      const starter = run(x.row.setupCode, x.row.starterCode, x.row.checks);
      expect(starter.error).toBeNull();
      expect(starter.checks).toHaveLength(x.row.checks.length);
      expect(starter.checks.some((c) => !c.passed)).toBe(true);
      for (const c of starter.checks.filter((c) => !c.passed)) expect(c.message, c.name).not.toBe("");
    },
  );

  it("reports a syntax error with its line in the student's code", () => {
    const r = run("", "x = 1\ny = (\n", []);
    expect(r.error).toMatchObject({ where: "code", line: 2 });
    expect(r.error!.message).toMatch(/^SyntaxError: /);
  });

  it("reports a runtime error inside a function at its line in the student's code, and skips the checks", () => {
    const code = "def ratio(a, b):\n    return a / b\n\n\nratio(1, 0)\n";
    const r = run("", code, [{ name: "Never runs", code: "assert True" }]);
    expect(r.error).toMatchObject({ where: "code", line: 2, message: "ZeroDivisionError: division by zero" });
    expect(r.checks).toEqual([
      {
        name: "Never runs",
        passed: false,
        message: "Not run: your code stopped with an error first (see above).",
      },
    ]);
  });

  it("returns the repr of the last expression as the value, and nothing for a statement or None", () => {
    expect(run("", "x = [1, 'a']\nx", [], "run")).toMatchObject({
      error: null,
      value: "[1, 'a']",
      checks: [],
    });
    expect(run("", "x = 1", [], "run").value).toBeNull();
    expect(run("", "None", [], "run").value).toBeNull();
  });

  it("shows an AssertionError's message as the check's message, any other error as its last traceback line", () => {
    const r = run("", "def double(n):\n    return n + 1\n", [
      { name: "Doubles 2", code: "assert double(2) == 4, 'double(2) should be 4'" },
      { name: "Doubles 1", code: "assert double(1) == 2, 'double(1) should be 2'" },
      { name: "Bare assert", code: "assert double(3) == 6" },
      { name: "Raises", code: "double(None)" },
    ]);
    expect(r.error).toBeNull();
    expect(r.checks).toEqual([
      { name: "Doubles 2", passed: false, message: "double(2) should be 4" },
      { name: "Doubles 1", passed: true, message: "" },
      { name: "Bare assert", passed: false, message: "AssertionError" },
      { name: "Raises", passed: false, message: expect.stringMatching(/^TypeError: /) },
    ]);
  });

  it("says when the exercise's setup code failed, and runs neither the code nor the checks", () => {
    const r = run("raise ValueError('no data')", "print('hello')", [{ name: "A check", code: "pass" }]);
    expect(r.error).toMatchObject({
      where: "setup",
      line: null,
      message: "The exercise's setup code failed: ValueError: no data",
    });
    expect(r.checks).toEqual([
      {
        name: "A check",
        passed: false,
        message: "Not run: your code stopped with an error first (see above).",
      },
    ]);
  });

  it("starts every run from a fresh namespace", () => {
    expect(run("", "leftover = 1", [], "run").error).toBeNull();
    expect(run("", "leftover", [], "run").error?.message).toBe("NameError: name 'leftover' is not defined");
  });
});

describe("the JavaScript demo exercises, run as javascript-worker.js does", () => {
  /** A fresh context per run; each piece runs as a classic script, so top-level declarations are shared. */
  function run(setup: string, code: string, checks: { name: string; code: string }[]) {
    const ctx = vm.createContext({ console: { log() {} } });
    if (setup.trim()) new vm.Script(setup, { filename: "setup.js" }).runInContext(ctx);
    new vm.Script(code, { filename: "exercise.js" }).runInContext(ctx);
    return checks.map((c) => {
      try {
        new vm.Script(c.code, { filename: "check.js" }).runInContext(ctx);
        return { name: c.name, passed: true, message: "" };
      } catch (e) {
        return { name: c.name, passed: false, message: String((e as Error | undefined)?.message ?? e) };
      }
    });
  }

  it("covers at least one JavaScript exercise", () => {
    expect(javascript.length).toBeGreaterThanOrEqual(1);
  });

  it.each(javascript.map((x) => [label(x), x] as const))(
    "%s: the solution passes every check, the starter runs and fails at least one",
    (_, x) => {
      const solved = run(x.row.setupCode, x.row.solution ?? "", x.row.checks);
      expect(solved.filter((c) => !c.passed)).toEqual([]);
      expect(solved).toHaveLength(x.row.checks.length);

      const starter = run(x.row.setupCode, x.row.starterCode, x.row.checks);
      expect(starter.some((c) => !c.passed)).toBe(true);
      for (const c of starter.filter((c) => !c.passed)) expect(c.message, c.name).not.toBe("");
    },
  );
});
