import { scoreRubric, ZDraftInput } from "../../assessments/assignment-schemas";
import { createHash } from "node:crypto";
import type { assignmentReviews, assignmentSubmissions, assignmentVersions } from "../schema";
import { FILE_TYPES, fileTypeOfName } from "@/lib/file-types";
import type { SeededAssignment } from "./assignments";
import { demoAssignmentWork, type PlannedVersion } from "./catalogue/assignment-work";
import { demoId } from "./ids";
import { demoEnrollments } from "./people";

const HOUR = 3_600_000;

export type { PlannedReview, PlannedVersion } from "./catalogue/assignment-work";

/** Where a demo enrollment stands with its course's assignment lesson, as stored. */
export interface AssignmentLessonState {
  enrolledAt: Date;
  lastAccessedAt: Date | null;
  completed: boolean | null;
  completedAt: Date | null;
  progressAt: Date | null;
}

export interface PlannedRows {
  submissions: (typeof assignmentSubmissions.$inferInsert)[];
  versions: (typeof assignmentVersions.$inferInsert)[];
  reviews: (typeof assignmentReviews.$inferInsert)[];
  /** Demo files (stored in the database backend) and where they are attached. */
  files: DemoFile[];
  versionFiles: { versionId: string; fileId: string; position: number }[];
  draftFiles: { submissionId: string; fileId: string; addedAt: Date }[];
}

export interface DemoFile {
  id: string;
  userId: string;
  name: string;
  fileType: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  bytes: Buffer;
  createdAt: Date;
}

/**
 * The demo hand-ins and reviews, placed in time by each enrollment's stored state, as rows. The rule they keep
 * (see demoAssignmentWork) is checked here: a plan that breaks it throws (a programming error in the demo data,
 * caught by the seed's tests).
 *
 * Time runs back from an anchor: the lesson's completion for a passed assignment (its PASS review completed the
 * lesson, so the two coincide), otherwise two hours before the learner's last activity in the course. The latest
 * event (a review, or the hand-in still waiting) sits at the anchor; each version was worked on for its `hours`
 * since the previous review (or since the draft was started), and each review came `after` hours.
 */
export function planDemoSubmissions(
  list: readonly SeededAssignment[],
  stateOf: ReadonlyMap<string, AssignmentLessonState>,
): PlannedRows {
  for (const key of Object.keys(demoAssignmentWork)) {
    if (!stateOf.has(key)) throw new Error(`Demo assignment work for ${key}, who is not enrolled`);
  }
  const out: PlannedRows = {
    submissions: [],
    versions: [],
    reviews: [],
    files: [],
    versionFiles: [],
    draftFiles: [],
  };
  for (const e of demoEnrollments) {
    const key = `${e.person}/${e.course}`;
    const assignment = list.find((a) => a.slug === e.course)!;
    const state = stateOf.get(key);
    if (!state) throw new Error(`The demo enrollment ${key} is missing`);
    const passedLesson = state.completed === true && state.completedAt !== null;
    const plan = demoAssignmentWork[key] ?? [];
    if (plan.length === 0) {
      if (passedLesson) throw new Error(`${key}: the assignment lesson is complete, but no work is planned`);
      continue;
    }
    const last = plan.at(-1)!;
    if (passedLesson !== (last.review?.decision === "PASS")) {
      throw new Error(`${key}: the latest version must pass exactly when the lesson is complete`);
    }
    if (plan.slice(0, -1).some((v) => v.review?.decision !== "NEEDS_REVISION")) {
      throw new Error(`${key}: only work sent back for revision can be handed in again`);
    }

    const anchor = passedLesson
      ? state.completedAt!.getTime()
      : (state.progressAt ?? state.lastAccessedAt ?? state.enrolledAt).getTime() - 2 * HOUR;
    const times: { submittedAt: Date; reviewedAt: Date | null }[] = [];
    let end = anchor;
    for (let k = plan.length - 1; k >= 0; k--) {
      const v = plan[k]!;
      const reviewedAt = v.review ? new Date(end) : null;
      const submittedAt = new Date(end - (v.review ? v.review.after * HOUR : 0));
      times.unshift({ submittedAt, reviewedAt });
      end = submittedAt.getTime() - v.hours * HOUR;
    }
    const startedAt = new Date(end);
    if (startedAt <= state.enrolledAt) throw new Error(`${key}: the work starts before the enrollment`);

    const submissionId = demoId("assignment-submission", e.person, assignment.lessonId);
    plan.forEach((v, i) => {
      const number = i + 1;
      const { submittedAt, reviewedAt } = times[i]!;
      const versionId = demoId("assignment-version", submissionId, String(number));
      out.versions.push({
        id: versionId,
        submissionId,
        number,
        ...handedIn(key, number, v, assignment),
        submittedAt,
        late: assignment.dueAt !== null && submittedAt > assignment.dueAt,
      });
      (v.files ?? []).forEach((f, position) => {
        const file = demoFile(
          `${key} version ${number}`,
          f,
          demoId("user", e.person),
          versionId,
          assignment,
          submittedAt,
        );
        out.files.push(file);
        out.versionFiles.push({ versionId, fileId: file.id, position });
      });
      if (v.review && reviewedAt) {
        out.reviews.push({
          id: demoId("assignment-review", versionId),
          versionId,
          reviewerId: assignment.reviewerId,
          decision: v.review.decision,
          feedback: v.review.feedback,
          ...scored(`${key} version ${number}`, v, assignment),
          createdAt: reviewedAt,
        });
      }
    });
    const latest = out.versions.at(-1)!;
    // The draft is the latest version, its files included.
    out.versionFiles
      .filter((vf) => vf.versionId === latest.id)
      .forEach((vf) =>
        out.draftFiles.push({
          submissionId,
          fileId: vf.fileId,
          addedAt: new Date(latest.submittedAt!.getTime() - 60_000 + vf.position),
        }),
      );
    out.submissions.push({
      id: submissionId,
      lessonId: assignment.lessonId,
      courseId: demoId("course", e.course),
      userId: demoId("user", e.person),
      state: !last.review ? "SUBMITTED" : last.review.decision === "PASS" ? "PASSED" : "NEEDS_REVISION",
      // Handing in keeps the draft, and sending work back copies the version into it: either way, the latest.
      draftText: latest.text,
      draftLinks: latest.links,
      claimedBy: null,
      claimedUntil: null,
      submittedAt: latest.submittedAt,
      late: latest.late,
      createdAt: startedAt,
      updatedAt: new Date(anchor),
    });
  }
  return out;
}

/** A demo file as an upload of it would be stored (checked against the assignment's file settings). */
function demoFile(
  what: string,
  f: { name: string; content: string },
  userId: string,
  versionId: string,
  a: SeededAssignment,
  submittedAt: Date,
): DemoFile {
  const type = fileTypeOfName(f.name);
  const bytes = Buffer.from(f.content, "utf8");
  if (!a.files || !type || !a.files.types.includes(type) || FILE_TYPES[type].kind === "binary") {
    throw new Error(`${what}: ${f.name} is not a text file this assignment takes`);
  }
  if (bytes.length === 0 || bytes.length > a.files.maxBytes)
    throw new Error(`${what}: ${f.name} has a bad size`);
  return {
    id: demoId("stored-file", versionId, f.name),
    userId,
    name: f.name,
    fileType: type,
    contentType: FILE_TYPES[type].contentType,
    byteSize: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
    createdAt: new Date(submittedAt.getTime() - 60_000),
  };
}

/** The version's content, as the student's draft save and hand-in would accept it. */
function handedIn(key: string, number: number, v: PlannedVersion, a: SeededAssignment) {
  const links = v.links ?? [];
  const parsed = ZDraftInput.safeParse({ text: v.text, links });
  if (!parsed.success) throw new Error(`${key} version ${number}: ${parsed.error.issues[0]!.message}`);
  if ((!a.textAllowed && v.text !== "") || (!a.linksAllowed && links.length > 0)) {
    throw new Error(`${key} version ${number} hands in what the assignment does not take`);
  }
  if (v.text.trim() === "" && links.length === 0) throw new Error(`${key} version ${number} is empty`);
  return { text: v.text, links };
}

/** The review's rubric scores, checked as a reviewer's would be, and a decision they support. */
function scored(what: string, v: PlannedVersion, a: SeededAssignment) {
  const review = v.review!;
  if (review.levels.length !== a.rubric.length) throw new Error(`${what}: score every criterion`);
  const result = scoreRubric(
    a.rubric,
    a.rubric.map((c, ci) => ({
      criterionId: c.id,
      levelId: c.levels[review.levels[ci]! - 1]?.id ?? `no level ${review.levels[ci]}`,
    })),
  );
  if (!result.ok) throw new Error(`${what}: ${result.issues.map((i) => i.message).join("; ")}`);
  const pass = review.decision === "PASS";
  if (pass ? result.points * 2 < result.maxPoints : result.points === result.maxPoints) {
    throw new Error(`${what}: ${result.points}/${result.maxPoints} points do not support ${review.decision}`);
  }
  if (!pass && review.feedback.trim() === "") throw new Error(`${what}: say what to revise`);
  return { rubricScores: result.scores, points: result.points, maxPoints: result.maxPoints };
}
