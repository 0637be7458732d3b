import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { lessonExercises } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { recordAudit, type AuditContext } from "../audit/record";
import { lockLessonForAuthor, mayEdit } from "../authoring/course-access";
import { ZExercisesSave, type ExerciseLanguage, type TExercisesSave } from "./exercise-schemas";

export interface AuthorExercise {
  id: string;
  language: ExerciseLanguage;
  instructions: string;
  starterCode: string;
  setupCode: string;
  checks: { name: string; code: string }[];
  solution: string | null;
  timeLimitSeconds: number;
}

async function loadExercises(db: Db, lessonId: string): Promise<AuthorExercise[]> {
  const rows = await db
    .select({
      id: lessonExercises.id,
      language: lessonExercises.language,
      instructions: lessonExercises.instructions,
      starterCode: lessonExercises.starterCode,
      setupCode: lessonExercises.setupCode,
      checks: lessonExercises.checks,
      solution: lessonExercises.solution,
      timeLimitSeconds: lessonExercises.timeLimitSeconds,
    })
    .from(lessonExercises)
    .where(eq(lessonExercises.lessonId, lessonId))
    .orderBy(asc(lessonExercises.position));
  return rows.map((r) => ({ ...r, checks: r.checks.map((c) => ({ name: c.name, code: c.code })) }));
}

/**
 * A lesson's exercises with their solutions, for the course's staff (and admins). Everyone else signed in is
 * told the lesson does not exist, as for a missing one. A lesson of another type has none.
 */
export async function getExercisesForAuthor(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<{ lessonType: string; items: AuthorExercise[] }> {
  assertSignedIn(actor);
  const [row] = await queryRows<{ lesson_type: string }>(
    db,
    sql`SELECT l.lesson_type FROM lessons l JOIN modules m ON m.id = l.module_id
        WHERE l.id = ${lessonId} AND ${mayEdit(actor, sql`m.course_id`)}`,
  );
  if (!row) throw notFound("This lesson");
  return { lessonType: row.lesson_type, items: await loadExercises(db, lessonId) };
}

/**
 * Replaces the lesson's exercises with `items`, in that order: an item with an id keeps it (and its students'
 * saved code and results), an item without one is new, an exercise left out is deleted with its students'
 * code and results (the lesson completions it led to stay). The lesson's row lock serializes editors.
 */
export async function saveExercises(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TExercisesSave,
  ctx: AuditContext = {},
): Promise<{ lessonType: string; items: AuthorExercise[] }> {
  // Who is asking comes before what they sent: everyone but the course's staff learns nothing, not even 422.
  await getExercisesForAuthor(db, actor, lessonId);
  assertSignedIn(actor);
  const save = parseInput(ZExercisesSave, input);
  await db.transaction(async (tx) => {
    const { lesson } = await lockLessonForAuthor(tx, actor, lessonId);
    if (lesson.lesson_type !== "INTERACTIVE") {
      throw new AppError("INVALID_INPUT", {
        userMessage:
          "Exercises belong to interactive lessons: change the lesson's type to Interactive first.",
        fields: [{ path: "items", message: "Only an interactive lesson has exercises" }],
      });
    }
    const before = await loadExercises(tx, lessonId);
    const known = new Set(before.map((x) => x.id));
    const unknown = save.items.findIndex((x) => x.id !== undefined && !known.has(x.id));
    if (unknown >= 0) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "An exercise does not belong to this lesson (reload the editor).",
        fields: [{ path: `items.${unknown}.id`, message: "Not an exercise of this lesson" }],
      });
    }
    const kept = new Set(save.items.map((x) => x.id).filter(Boolean));
    const removed = before.filter((x) => !kept.has(x.id)).map((x) => x.id);
    if (removed.length > 0) await tx.delete(lessonExercises).where(inArray(lessonExercises.id, removed));
    // Out of the way first: positions are unique per lesson, and the new order may swap two exercises.
    await tx
      .update(lessonExercises)
      .set({ position: sql`${lessonExercises.position} + 1000` })
      .where(eq(lessonExercises.lessonId, lessonId));
    for (const [i, x] of save.items.entries()) {
      const values = {
        position: i + 1,
        language: x.language,
        instructions: x.instructions,
        starterCode: x.starterCode,
        setupCode: x.setupCode,
        checks: x.checks.map((c) => ({ name: c.name, code: c.code })),
        solution: x.solution,
        timeLimitSeconds: x.timeLimitSeconds,
      };
      if (x.id) await tx.update(lessonExercises).set(values).where(eq(lessonExercises.id, x.id));
      else await tx.insert(lessonExercises).values({ lessonId, ...values });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "exercises.updated",
        entityType: "lesson",
        entityId: lessonId,
        before: { exercises: before.length },
        after: { exercises: save.items.length, removed: removed.length },
      },
      ctx,
    );
  });
  return getExercisesForAuthor(db, actor, lessonId);
}
