import { and, eq, inArray, sql } from "drizzle-orm";
import { MB, ZAssignmentSave, type RubricCriterion } from "../../assessments/assignment-schemas";
import type { FileTypeKey } from "@/lib/file-types";
import {
  assignmentDraftFiles,
  assignmentVersionFiles,
  storedFiles,
  assignmentReviews,
  assignmentSubmissions,
  assignmentVersions,
  assignments,
  enrollments,
  lessons,
  userProgress,
} from "../schema";
import type { Db } from "../types";
import { planDemoSubmissions, type AssignmentLessonState } from "./assignment-history";
import { demoCatalogue } from "./catalogue";
import { demoAssignments } from "./catalogue/assignments";
import { demoId } from "./ids";
import { demoEnrollments, demoPeople } from "./people";

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeededAssignment {
  slug: string;
  lessonId: string;
  /** The course's instructor, who reviews its work. */
  reviewerId: string;
  textAllowed: boolean;
  linksAllowed: boolean;
  files: { types: FileTypeKey[]; maxBytes: number; maxFiles: number } | null;
  dueAt: Date | null;
  rubric: RubricCriterion[];
}

/**
 * The demo assignments with their stable ids (rubric criteria and levels by position), validated as an author's
 * save would be. A due date is relative to the seed's `now`, on the hour.
 */
export function demoAssignmentList(now: Date): SeededAssignment[] {
  return demoCatalogue.map((course) => {
    const a = demoAssignments[course.slug];
    const positions = course.modules.flatMap((m, mi) =>
      m.lessons.flatMap((l, li) => (l.lessonType === "ASSIGNMENT" ? [[mi + 1, li + 1]] : [])),
    );
    if (!a || positions.length !== 1 || positions[0]![0] !== a.module || positions[0]![1] !== a.lesson) {
      throw new Error(`The demo assignment of ${course.slug} is not at its ASSIGNMENT lesson`);
    }
    const lessonId = demoId("lesson", course.slug, String(a.module), String(a.lesson));
    const reviewer = demoPeople.find((p) => p.instructorKey === course.instructorKey);
    if (!reviewer) throw new Error(`No demo instructor ${course.instructorKey} for ${course.slug}`);
    const saved = ZAssignmentSave.parse({
      version: 0,
      textAllowed: a.textAllowed,
      linksAllowed: a.linksAllowed,
      filesAllowed: a.files !== null,
      ...(a.files
        ? { allowedTypes: a.files.types, maxFileMb: a.files.maxMb, maxFiles: a.files.maxFiles }
        : {}),
      dueAt:
        a.dueInDays === null
          ? null
          : new Date(Math.ceil((now.getTime() + a.dueInDays * DAY) / HOUR) * HOUR).toISOString(),
      rubric: a.rubric.map((c) => ({
        title: c.title,
        description: c.description,
        levels: c.levels.map(([title, points]) => ({ title, points })),
      })),
    });
    const rubric = (saved.rubric ?? []).map((c, ci): RubricCriterion => ({
      id: demoId("rubric", lessonId, String(ci + 1)),
      title: c.title,
      description: c.description,
      levels: c.levels.map((l, li) => ({
        id: demoId("rubric", lessonId, String(ci + 1), String(li + 1)),
        title: l.title,
        points: l.points,
      })),
    }));
    return {
      slug: course.slug,
      lessonId,
      reviewerId: demoId("user", reviewer.key),
      textAllowed: saved.textAllowed,
      linksAllowed: saved.linksAllowed,
      files: saved.filesAllowed
        ? { types: saved.allowedTypes, maxBytes: Math.round(saved.maxFileMb * MB), maxFiles: saved.maxFiles }
        : null,
      dueAt: saved.dueAt === null ? null : new Date(saved.dueAt),
      rubric,
    };
  });
}

/**
 * Loads the demo assignments (settings and rubrics) and the demo students' hand-ins and reviews, placed in time
 * by the progress already stored for each assignment lesson. Idempotent like the rest of the seed: stable ids,
 * ON CONFLICT DO NOTHING. Runs inside seedDemo's transaction, after lessons, enrollments and progress.
 */
export async function seedDemoAssignments(tx: Db, now: Date): Promise<Record<string, number>> {
  const list = demoAssignmentList(now);
  const lessonIds = list.map((a) => a.lessonId);
  const created = new Map(
    (
      await tx
        .select({ id: lessons.id, createdAt: lessons.createdAt })
        .from(lessons)
        .where(inArray(lessons.id, lessonIds))
    ).map((l) => [l.id, l.createdAt]),
  );
  const createdAt = (lessonId: string) => {
    const at = created.get(lessonId);
    if (!at) throw new Error(`Demo assignment lesson ${lessonId} is missing`);
    return at;
  };

  const keyOf = new Map(
    demoEnrollments.map((e) => [demoId("enrollment", e.person, e.course), `${e.person}/${e.course}`]),
  );
  const states = await tx
    .select({
      id: enrollments.id,
      enrolledAt: enrollments.enrolledAt,
      lastAccessedAt: enrollments.lastAccessedAt,
      completed: userProgress.completed,
      completedAt: userProgress.completedAt,
      progressAt: userProgress.updatedAt,
    })
    .from(enrollments)
    .leftJoin(
      userProgress,
      and(
        eq(userProgress.userId, enrollments.userId),
        eq(userProgress.courseId, enrollments.courseId),
        inArray(userProgress.lessonId, lessonIds),
      ),
    )
    .where(inArray(enrollments.id, [...keyOf.keys()]));
  const stateOf = new Map<string, AssignmentLessonState>(states.map((s) => [keyOf.get(s.id)!, s]));

  const plan = planDemoSubmissions(list, stateOf);

  const inserted: Record<string, number> = {};
  inserted.assignments = (
    await tx
      .insert(assignments)
      .values(
        list.map((a) => ({
          lessonId: a.lessonId,
          textAllowed: a.textAllowed,
          linksAllowed: a.linksAllowed,
          filesAllowed: a.files !== null,
          ...(a.files
            ? { fileTypes: a.files.types, maxFileBytes: a.files.maxBytes, maxFiles: a.files.maxFiles }
            : {}),
          dueAt: a.dueAt,
          rubric: a.rubric,
          createdAt: createdAt(a.lessonId),
          updatedAt: createdAt(a.lessonId),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: assignments.lessonId })
  ).length;
  const put = async <T>(rows: T[], run: (rows: T[]) => Promise<unknown[]>) =>
    rows.length === 0 ? 0 : (await run(rows)).length;
  inserted.assignment_submissions = await put(plan.submissions, (rows) =>
    tx
      .insert(assignmentSubmissions)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: assignmentSubmissions.id }),
  );
  inserted.assignment_versions = await put(plan.versions, (rows) =>
    tx.insert(assignmentVersions).values(rows).onConflictDoNothing().returning({ id: assignmentVersions.id }),
  );
  inserted.assignment_reviews = await put(plan.reviews, (rows) =>
    tx.insert(assignmentReviews).values(rows).onConflictDoNothing().returning({ id: assignmentReviews.id }),
  );
  // Demo files live in the database backend (small text files: one chunk each).
  inserted.stored_files = await put(plan.files, (rows) =>
    tx
      .insert(storedFiles)
      .values(
        rows.map((f) => ({
          id: f.id,
          userId: f.userId,
          name: f.name,
          fileType: f.fileType,
          contentType: f.contentType,
          byteSize: f.byteSize,
          sha256: f.sha256,
          createdAt: f.createdAt,
          backend: "DB",
          objectKey: null,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: storedFiles.id }),
  );
  for (const f of plan.files) {
    await tx.execute(
      sql`INSERT INTO file_chunks (file_id, seq, data) VALUES (${f.id}, 0, decode(${f.bytes.toString("hex")}, 'hex'))
          ON CONFLICT DO NOTHING`,
    );
  }
  inserted.assignment_version_files = await put(plan.versionFiles, (rows) =>
    tx
      .insert(assignmentVersionFiles)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: assignmentVersionFiles.fileId }),
  );
  inserted.assignment_draft_files = await put(plan.draftFiles, (rows) =>
    tx
      .insert(assignmentDraftFiles)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: assignmentDraftFiles.fileId }),
  );
  return inserted;
}
