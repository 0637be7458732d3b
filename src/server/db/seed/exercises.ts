import { and, eq, inArray } from "drizzle-orm";
import { ZExerciseInput } from "../../assessments/exercise-schemas";
import { enrollments, exerciseCode, exerciseResults, lessonExercises, userProgress } from "../schema";
import type { Db } from "../types";
import { demoCatalogue } from "./catalogue";
import { demoExercises } from "./catalogue/exercises";
import { demoId } from "./ids";
import { demoEnrollments } from "./people";

/** Someone mid-exercise: their saved code comes back when they open the lesson. */
const MID_EXERCISE = { person: "amara", course: "machine-learning-with-python", exercise: 0 };

/** The demo exercises with their stable ids, validated as an author's save would be. */
export function demoExerciseRows() {
  return demoCatalogue.flatMap((course) => {
    const plan = demoExercises[course.slug];
    const interactive = course.modules.flatMap((m, mi) =>
      m.lessons.flatMap((l, li) => (l.lessonType === "INTERACTIVE" ? [[mi + 1, li + 1]] : [])),
    );
    if (!plan || !interactive.some(([m, l]) => m === plan.module && l === plan.lesson)) {
      throw new Error(`The demo exercises of ${course.slug} are not at an INTERACTIVE lesson`);
    }
    const lessonId = demoId("lesson", course.slug, String(plan.module), String(plan.lesson));
    return plan.exercises.map((input, i) => {
      const x = ZExerciseInput.parse(input);
      return {
        slug: course.slug,
        row: {
          id: demoId("exercise", lessonId, String(i + 1)),
          lessonId,
          position: i + 1,
          language: x.language,
          instructions: x.instructions,
          starterCode: x.starterCode,
          setupCode: x.setupCode,
          checks: x.checks,
          solution: x.solution,
          timeLimitSeconds: x.timeLimitSeconds,
        },
      };
    });
  });
}

/**
 * The exercises, and a history that agrees with the lessons' progress: whoever completed an interactive
 * lesson passed each of its exercises with the reference solution (then saved), and one student is mid-way.
 */
export async function seedDemoExercises(tx: Db): Promise<Record<string, number>> {
  const list = demoExerciseRows();
  const added = await tx
    .insert(lessonExercises)
    .values(list.map((x) => x.row))
    .onConflictDoNothing()
    .returning({ id: lessonExercises.id });
  const lessonIds = [...new Set(list.map((x) => x.row.lessonId))];
  const done = await tx
    .select({
      userId: userProgress.userId,
      lessonId: userProgress.lessonId,
      completedAt: userProgress.completedAt,
    })
    .from(userProgress)
    .innerJoin(
      enrollments,
      and(eq(enrollments.userId, userProgress.userId), eq(enrollments.courseId, userProgress.courseId)),
    )
    .where(and(inArray(userProgress.lessonId, lessonIds), eq(userProgress.completed, true)));
  const results = done.flatMap((d) =>
    list
      .filter((x) => x.row.lessonId === d.lessonId)
      .map((x) => ({
        id: demoId("exercise-result", d.userId, x.row.id),
        userId: d.userId,
        exerciseId: x.row.id,
        code: x.row.solution ?? x.row.starterCode,
        checks: x.row.checks.map((c) => ({ name: c.name, passed: true })),
        passed: true,
        createdAt: d.completedAt ?? new Date(),
      })),
  );
  const code = results.map((r) => ({
    userId: r.userId,
    exerciseId: r.exerciseId,
    code: r.code,
    updatedAt: r.createdAt,
  }));
  const mid = demoEnrollments.find(
    (e) => e.person === MID_EXERCISE.person && e.course === MID_EXERCISE.course,
  );
  const midExercise = list.filter((x) => x.slug === MID_EXERCISE.course)[MID_EXERCISE.exercise];
  if (!mid || !midExercise) throw new Error("The demo's mid-exercise student is missing");
  if (results.some((r) => r.userId === demoId("user", mid.person) && r.exerciseId === midExercise.row.id)) {
    throw new Error("The demo's mid-exercise student has already completed the lesson");
  }
  code.push({
    userId: demoId("user", mid.person),
    exerciseId: midExercise.row.id,
    code:
      "# My plan: shuffle a copy of the row indices with rng, then cut off the test share.\n" +
      midExercise.row.starterCode,
    updatedAt: new Date(),
  });
  const savedResults = results.length
    ? await tx
        .insert(exerciseResults)
        .values(results)
        .onConflictDoNothing()
        .returning({ id: exerciseResults.id })
    : [];
  const savedCode = await tx
    .insert(exerciseCode)
    .values(code)
    .onConflictDoNothing()
    .returning({ id: exerciseCode.exerciseId });
  return {
    lesson_exercises: added.length,
    exercise_results: savedResults.length,
    exercise_code: savedCode.length,
  };
}
