import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import {
  assignmentReviews,
  assignmentSubmissions,
  assignmentVersionFiles,
  assignmentVersions,
  users,
  type EnrollmentStatus,
} from "../db/schema";
import { queryRows } from "../db/rows";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertSignedIn, type Actor } from "../accounts/actor";
import { isCourseStaffSql } from "../authoring/staff";
import { emitWebhookEvent, iso } from "../integrations/events";
import { checkLessonAccess, moduleOpensAt } from "../learning/lesson-access";
import { renderMarkdown } from "@/lib/markdown";
import { getEnv } from "../env";
import { FILE_TYPE_KEYS, type FileTypeKey } from "@/lib/file-types";
import {
  MAX_TEXT,
  ZDraftInput,
  type RubricCriterion,
  type RubricScore,
  type TDraftInput,
} from "./assignment-schemas";

export type SubmissionState = "DRAFT" | "SUBMITTED" | "IN_REVIEW" | "NEEDS_REVISION" | "PASSED";

export interface AssignmentSettings {
  textAllowed: boolean;
  linksAllowed: boolean;
  filesAllowed: boolean;
  allowedTypes: FileTypeKey[];
  maxFileBytes: number;
  maxFiles: number;
  dueAt: Date | null;
}

/** A file in a draft or a version (its bytes: GET /api/v1/files/{id}). */
export interface FileView {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface VersionView {
  id: string;
  number: number;
  submittedAt: Date;
  late: boolean;
  text: string;
  links: string[];
  files: FileView[];
  review: {
    decision: "PASS" | "NEEDS_REVISION";
    feedback: string;
    rubricScores: RubricScore[] | null;
    points: number | null;
    maxPoints: number | null;
    reviewedAt: Date;
    reviewer: string | null;
  } | null;
}

export interface AssignmentPlace {
  lessonId: string;
  courseId: string;
  enrolled: boolean;
  staff: boolean;
  settings: AssignmentSettings;
  rubric: RubricCriterion[] | null;
}

/**
 * An ASSIGNMENT lesson with settings, in a published module, for an enrolled student or the course's staff;
 * NOT_FOUND when there is none, FORBIDDEN for anyone else.
 */
export async function getAssignmentPlace(db: Db, actor: Actor, lessonId: string): Promise<AssignmentPlace> {
  const [row] = await queryRows<{
    course_id: string;
    status: EnrollmentStatus | null;
    staff: boolean;
    opens_at: Date | string | null;
    text_allowed: boolean;
    links_allowed: boolean;
    files_allowed: boolean;
    file_types: string[];
    max_file_bytes: number;
    max_files: number;
    due_at: Date | string | null;
    rubric: RubricCriterion[] | null;
  }>(
    db,
    sql`SELECT m.course_id, e.status, ${isCourseStaffSql(actor, sql`m.course_id`)} AS staff,
               ${moduleOpensAt()} AS opens_at, a.text_allowed, a.links_allowed, a.files_allowed, a.file_types, a.max_file_bytes,
               a.max_files, a.due_at, a.rubric
        FROM assignments a
        JOIN lessons l ON l.id = a.lesson_id AND l.lesson_type = 'ASSIGNMENT'
        JOIN modules m ON m.id = l.module_id AND m.published
        LEFT JOIN enrollments e ON e.course_id = m.course_id AND e.user_id = ${actor.id}
        WHERE a.lesson_id = ${lessonId}`,
  );
  if (!row) throw notFound("This assignment");
  const access = checkLessonAccess(row, "Enroll in this course to hand in its assignments.");
  const place: AssignmentPlace = {
    lessonId,
    courseId: row.course_id,
    enrolled: access.enrolled,
    staff: access.staff,
    settings: {
      textAllowed: row.text_allowed,
      linksAllowed: row.links_allowed,
      filesAllowed: row.files_allowed,
      allowedTypes: FILE_TYPE_KEYS.filter((t) => row.file_types.includes(t)),
      maxFileBytes: row.max_file_bytes,
      maxFiles: row.max_files,
      dueAt: row.due_at === null ? null : new Date(row.due_at),
    },
    rubric: row.rubric,
  };
  return place;
}

/** Every handed-in version of a submission with its review, oldest first. */
export async function loadVersions(db: Db, submissionId: string): Promise<VersionView[]> {
  const rows = await db
    .select({
      id: assignmentVersions.id,
      number: assignmentVersions.number,
      submittedAt: assignmentVersions.submittedAt,
      late: assignmentVersions.late,
      text: assignmentVersions.text,
      links: assignmentVersions.links,
      decision: assignmentReviews.decision,
      feedback: assignmentReviews.feedback,
      rubricScores: assignmentReviews.rubricScores,
      points: assignmentReviews.points,
      maxPoints: assignmentReviews.maxPoints,
      reviewedAt: assignmentReviews.createdAt,
      reviewer: users.name,
    })
    .from(assignmentVersions)
    .leftJoin(assignmentReviews, eq(assignmentReviews.versionId, assignmentVersions.id))
    .leftJoin(users, eq(users.id, assignmentReviews.reviewerId))
    .where(eq(assignmentVersions.submissionId, submissionId))
    .orderBy(asc(assignmentVersions.number));
  const files = new Map<string, FileView[]>();
  if (rows.length > 0) {
    const fileRows = await queryRows<FileRow & { version_id: string }>(
      db,
      sql`SELECT vf.version_id, f.id, f.name, f.byte_size, f.content_type
          FROM assignment_versions v
          JOIN assignment_version_files vf ON vf.version_id = v.id
          JOIN stored_files f ON f.id = vf.file_id
          WHERE v.submission_id = ${submissionId}
          ORDER BY vf.position, f.id`,
    );
    for (const f of fileRows) {
      const list = files.get(f.version_id) ?? [];
      list.push(fileView(f));
      files.set(f.version_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    submittedAt: r.submittedAt,
    late: r.late,
    text: r.text,
    links: r.links,
    files: files.get(r.id) ?? [],
    review:
      r.decision && r.reviewedAt
        ? {
            decision: r.decision,
            feedback: r.feedback ?? "",
            rubricScores: r.rubricScores ?? null,
            points: r.points,
            maxPoints: r.maxPoints,
            reviewedAt: r.reviewedAt,
            reviewer: r.reviewer,
          }
        : null,
  }));
}

export interface StudentAssignmentView {
  settings: AssignmentSettings;
  rubric: RubricCriterion[] | null;
  state: SubmissionState;
  draft: { text: string; links: string[]; files: FileView[] };
  versions: VersionView[];
}

interface FileRow extends Record<string, unknown> {
  id: string;
  name: string;
  byte_size: number;
  content_type: string;
}
const fileView = (f: FileRow): FileView => ({
  id: f.id,
  name: f.name,
  size: Number(f.byte_size),
  contentType: f.content_type,
});

/** The files in a draft, in the order they were added. */
export async function loadDraftFiles(db: Db, submissionId: string): Promise<FileView[]> {
  const rows = await queryRows<FileRow>(
    db,
    sql`SELECT f.id, f.name, f.byte_size, f.content_type
        FROM assignment_draft_files d JOIN stored_files f ON f.id = d.file_id
        WHERE d.submission_id = ${submissionId}
        ORDER BY d.added_at, f.id`,
  );
  return rows.map(fileView);
}

/** The assignment as its student sees it: settings, rubric, state, the draft and every version with feedback. */
export async function getAssignmentForStudent(
  db: Db,
  actor: Actor | null,
  lessonId: string,
): Promise<StudentAssignmentView> {
  assertSignedIn(actor);
  const place = await getAssignmentPlace(db, actor, lessonId);
  const [submission] = await db
    .select()
    .from(assignmentSubmissions)
    .where(and(eq(assignmentSubmissions.lessonId, lessonId), eq(assignmentSubmissions.userId, actor.id)));
  return {
    settings: place.settings,
    rubric: place.rubric,
    state: submission?.state ?? "DRAFT",
    draft: {
      text: submission?.draftText ?? "",
      links: submission?.draftLinks ?? [],
      files: submission ? await loadDraftFiles(db, submission.id) : [],
    },
    versions: submission ? await loadVersions(db, submission.id) : [],
  };
}

export const EDITABLE: SubmissionState[] = ["DRAFT", "NEEDS_REVISION"];

export function lockedMessage(state: SubmissionState) {
  return state === "PASSED"
    ? "This assignment has passed: the work is final."
    : "Your work is waiting for review: it cannot change until a reviewer decides.";
}

/** The student's submission row, created on first use, locked. */
export async function lockOwnSubmission(tx: Db, actor: Actor, place: AssignmentPlace) {
  await tx
    .insert(assignmentSubmissions)
    .values({ lessonId: place.lessonId, courseId: place.courseId, userId: actor.id })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(assignmentSubmissions)
    .where(
      and(eq(assignmentSubmissions.lessonId, place.lessonId), eq(assignmentSubmissions.userId, actor.id)),
    )
    .for("update");
  return row!;
}

/** Saves the draft (the fields given replace theirs); 409 while the work waits for review or after it passed. */
export async function saveDraft(db: Db, actor: Actor | null, lessonId: string, input: TDraftInput) {
  assertSignedIn(actor);
  const data = parseInput(ZDraftInput, input);
  const place = await getAssignmentPlace(db, actor, lessonId);
  if (!place.enrolled)
    throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to hand in work." });
  const fields = [];
  if (data.text !== undefined && data.text.trim() !== "" && !place.settings.textAllowed) {
    fields.push({ path: "text", message: "This assignment takes links, not a text answer" });
  }
  if (data.links !== undefined && data.links.length > 0 && !place.settings.linksAllowed) {
    fields.push({ path: "links", message: "This assignment takes a text answer, not links" });
  }
  if (fields.length) throw new AppError("INVALID_INPUT", { userMessage: fields[0]!.message + ".", fields });
  return db.transaction(async (tx) => {
    const row = await lockOwnSubmission(tx, actor, place);
    if (!EDITABLE.includes(row.state))
      throw new AppError("CONFLICT", { userMessage: lockedMessage(row.state) });
    const [saved] = await tx
      .update(assignmentSubmissions)
      .set({
        ...(data.text !== undefined ? { draftText: data.text } : {}),
        ...(data.links !== undefined ? { draftLinks: [...new Set(data.links)] } : {}),
      })
      .where(eq(assignmentSubmissions.id, row.id))
      .returning({ text: assignmentSubmissions.draftText, links: assignmentSubmissions.draftLinks });
    return { state: row.state, draft: saved! };
  });
}

/**
 * Hands the draft in as a new, immutable version (late when past the due date): the work then waits for a
 * reviewer. 409 while it already waits or after it passed; 422 when there is nothing to hand in.
 */
export async function handIn(db: Db, actor: Actor | null, lessonId: string) {
  assertSignedIn(actor);
  const place = await getAssignmentPlace(db, actor, lessonId);
  if (!place.enrolled)
    throw new AppError("FORBIDDEN", { userMessage: "Enroll in this course to hand in work." });
  return db.transaction(async (tx) => {
    const row = await lockOwnSubmission(tx, actor, place);
    if (!EDITABLE.includes(row.state))
      throw new AppError("CONFLICT", { userMessage: lockedMessage(row.state) });
    const text = place.settings.textAllowed ? row.draftText : "";
    const links = place.settings.linksAllowed ? row.draftLinks : [];
    const { settings } = place;
    // Files of a type the assignment no longer accepts stay in the draft but are not handed in.
    const files = settings.filesAllowed
      ? await queryRows<{ file_id: string }>(
          tx,
          sql`SELECT d.file_id FROM assignment_draft_files d JOIN stored_files f ON f.id = d.file_id
              WHERE d.submission_id = ${row.id} AND f.file_type IN (${sql.join(
                settings.allowedTypes.map((t) => sql`${t}`),
                sql`, `,
              )})
              ORDER BY d.added_at, f.id LIMIT ${settings.maxFiles}`,
        )
      : [];
    if (text.trim() === "" && links.length === 0 && files.length === 0) {
      throw new AppError("INVALID_INPUT", {
        userMessage:
          "There is nothing to hand in yet: write your answer, add a link or a file, then hand it in.",
        fields: [{ path: place.settings.textAllowed ? "text" : "links", message: "Nothing to hand in" }],
      });
    }
    const now = new Date();
    const [{ next } = { next: 1 }] = await queryRows<{ next: number }>(
      tx,
      sql`SELECT coalesce(max(number), 0)::int + 1 AS next FROM assignment_versions WHERE submission_id = ${row.id}`,
    );
    const late = place.settings.dueAt !== null && now > place.settings.dueAt;
    const [version] = await tx
      .insert(assignmentVersions)
      .values({ submissionId: row.id, number: next, text, links, submittedAt: now, late })
      .returning();
    if (files.length > 0) {
      await tx
        .insert(assignmentVersionFiles)
        .values(files.map((f, position) => ({ versionId: version!.id, fileId: f.file_id, position })));
    }
    await tx
      .update(assignmentSubmissions)
      .set({ state: "SUBMITTED", submittedAt: now, late, claimedBy: null, claimedUntil: null })
      .where(eq(assignmentSubmissions.id, row.id));
    // Once per hand-in (a new version): a second one while it waits is refused above, under the row's lock.
    await emitWebhookEvent(tx, "assignment.submitted", {
      submissionId: row.id,
      assignmentId: row.lessonId, // an assignment is identified by its lesson (assignments.lesson_id is its key)
      lessonId: row.lessonId,
      courseId: row.courseId,
      userId: row.userId,
      submittedAt: iso(now),
    });
    return { version: { id: version!.id, number: version!.number, submittedAt: now, late } };
  });
}

/** A signed-in learner's Markdown rendered exactly as staff will see it (the platform's sanitizer). */
export function previewAnswerMarkdown(actor: Actor | null, markdown: unknown): string {
  assertSignedIn(actor);
  const text = typeof markdown === "string" ? markdown : "";
  if (text.length > MAX_TEXT) {
    throw new AppError("INVALID_INPUT", {
      userMessage: `At most ${MAX_TEXT.toLocaleString("en-US")} characters.`,
    });
  }
  return renderMarkdown(text, { imageHosts: getEnv().imageHosts });
}
