import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { quizAccommodations, users } from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import type { Actor } from "../accounts/actor";
import { recordAudit, type AuditContext } from "../audit/record";
import { assertAuthor, lockLessonForAuthor, mayEdit } from "../authoring/course-access";

export const ZAccommodationInput = z.object({
  email: z.email("Enter the student's e-mail address").max(320),
  extraTimePercent: z.number().int().min(0, "0 or more").max(400, "At most 400 % (five times the time)"),
  extraAttempts: z.number().int().min(0, "0 or more").max(100, "At most 100"),
});
export type TAccommodationInput = z.input<typeof ZAccommodationInput>;

export interface AccommodationRow {
  userId: string;
  name: string | null;
  email: string;
  extraTimePercent: number;
  extraAttempts: number;
  updatedAt: Date;
}

/** A QUIZ lesson with a quiz whose course the actor edits; not found otherwise. */
async function assertStaffQuiz(db: Db, actor: Actor, lessonId: string) {
  const [row] = await queryRows<{ course_id: string }>(
    db,
    sql`SELECT m.course_id FROM quizzes qz JOIN lessons l ON l.id = qz.lesson_id AND l.lesson_type = 'QUIZ'
        JOIN modules m ON m.id = l.module_id
        WHERE qz.lesson_id = ${lessonId} AND ${mayEdit(actor, sql`m.course_id`)}`,
  );
  if (!row) throw notFound("This quiz");
  return row.course_id;
}

/** The quiz's accommodations, for the course's staff. */
export async function findAccommodations(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<AccommodationRow[]> {
  assertAuthor(actor);
  await assertStaffQuiz(db, actor, lessonId);
  return db
    .select({
      userId: quizAccommodations.userId,
      name: users.name,
      email: users.email,
      extraTimePercent: quizAccommodations.extraTimePercent,
      extraAttempts: quizAccommodations.extraAttempts,
      updatedAt: quizAccommodations.updatedAt,
    })
    .from(quizAccommodations)
    .innerJoin(users, eq(users.id, quizAccommodations.userId))
    .where(eq(quizAccommodations.lessonId, lessonId))
    .orderBy(users.email);
}

/**
 * Grants (or changes, or with zeros removes) a student's extra time and extra attempts on one quiz; course
 * staff only, for a student enrolled in the course, audited. Attempts already started keep their deadline.
 */
export async function setAccommodation(
  db: Db,
  actor: Actor | null,
  lessonId: string,
  input: TAccommodationInput,
  ctx: AuditContext = {},
) {
  assertAuthor(actor);
  const data = parseInput(ZAccommodationInput, input);
  return db.transaction(async (tx) => {
    const { course } = await lockLessonForAuthor(tx, actor, lessonId);
    await assertStaffQuiz(tx, actor, lessonId);
    const [student] = await queryRows<{ id: string }>(
      tx,
      sql`SELECT u.id FROM users u JOIN enrollments e ON e.user_id = u.id AND e.course_id = ${course.id}
          WHERE lower(u.email) = ${data.email.toLowerCase()}`,
    );
    if (!student) {
      throw new AppError("INVALID_INPUT", {
        userMessage: "No student with that e-mail address is enrolled in this course.",
        fields: [{ path: "email", message: "Not a student of this course" }],
      });
    }
    const where = and(eq(quizAccommodations.lessonId, lessonId), eq(quizAccommodations.userId, student.id));
    const [before] = await tx
      .select({
        extraTimePercent: quizAccommodations.extraTimePercent,
        extraAttempts: quizAccommodations.extraAttempts,
      })
      .from(quizAccommodations)
      .where(where)
      .for("update");
    const values = { extraTimePercent: data.extraTimePercent, extraAttempts: data.extraAttempts };
    if (values.extraTimePercent === 0 && values.extraAttempts === 0) {
      await tx.delete(quizAccommodations).where(where);
    } else if (before) {
      await tx
        .update(quizAccommodations)
        .set({ ...values, grantedBy: actor.id })
        .where(where);
    } else {
      await tx
        .insert(quizAccommodations)
        .values({ lessonId, userId: student.id, grantedBy: actor.id, ...values });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "quiz.accommodation_set",
        entityType: "lesson",
        entityId: lessonId,
        before: before ? { userId: student.id, ...before } : null,
        after: { userId: student.id, ...values },
      },
      ctx,
    );
    return { userId: student.id, ...values };
  });
}
