import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../../tests/helpers/db";
import { actorOf } from "../../../../tests/helpers/actors";
import { ZAssignmentSave, ZRubric, scoreRubric } from "../../assessments/assignment-schemas";
import { findReviewQueue } from "../../assessments/assignment-reviews";
import type { Database } from "../client";
import { queryRows } from "../rows";
import { assignmentReviews, assignmentSubmissions, assignmentVersions, assignments, users } from "../schema";
import { demoCatalogue } from "./catalogue";
import { demoAssignments } from "./catalogue/assignments";
import { seedDemo } from "./demo";

const OPTS = { appUrl: "http://localhost:3000", currency: "USD" };
const ADA_COURSES = demoCatalogue.filter((c) => c.instructorKey === "ada").map((c) => c.slug);

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

/** Each demo enrollment with its assignment lesson's state, its submission, versions and reviews, in order. */
async function enrollmentsWithWork() {
  const list = await rows<{
    user_id: string;
    course_id: string;
    slug: string;
    owner_id: string;
    enrolled_at: Date | string;
    last_accessed_at: Date | string | null;
    lesson_done: boolean;
    lesson_completed_at: Date | string | null;
  }>(sql`
    SELECT e.user_id, e.course_id, c.slug, ci.user_id AS owner_id, e.enrolled_at, e.last_accessed_at,
           coalesce(up.completed, false) AS lesson_done, up.completed_at AS lesson_completed_at
    FROM enrollments e
    JOIN courses c ON c.id = e.course_id
    JOIN course_instructors ci ON ci.course_id = c.id AND ci.role = 'OWNER'
    JOIN modules m ON m.course_id = e.course_id
    JOIN lessons l ON l.module_id = m.id AND l.lesson_type = 'ASSIGNMENT'
    LEFT JOIN user_progress up ON up.user_id = e.user_id AND up.lesson_id = l.id`);
  const [submissions, versions, reviews, settings] = await Promise.all([
    db().select().from(assignmentSubmissions),
    db().select().from(assignmentVersions).orderBy(asc(assignmentVersions.number)),
    db().select().from(assignmentReviews),
    db().select().from(assignments),
  ]);
  return list.map((e) => {
    const submission = submissions.find((s) => s.userId === e.user_id && s.courseId === e.course_id);
    return {
      ...e,
      submission,
      assignment: settings.find((a) => a.lessonId === submission?.lessonId),
      versions: versions
        .filter((v) => v.submissionId === submission?.id)
        .map((v) => ({ ...v, review: reviews.find((r) => r.versionId === v.id) })),
    };
  });
}

const time = (d: Date | string | null) => new Date(d!).getTime();

describe("the demo assignments", () => {
  it("are valid as an author would save them", () => {
    for (const [slug, a] of Object.entries(demoAssignments)) {
      const rubric = a.rubric.map((c) => ({
        ...c,
        levels: c.levels.map(([title, points]) => ({ title, points })),
      }));
      const parsed = ZAssignmentSave.safeParse({ version: 0, ...a, dueAt: null, rubric });
      expect(parsed.error?.issues ?? [], slug).toEqual([]);
    }
  });

  it("give every ASSIGNMENT lesson settings and a rubric of 2–4 criteria with 2–4 levels, stable ids and 100 points", async () => {
    const list = await rows<{
      id: string;
      content: string;
      text_allowed: boolean | null;
      links_allowed: boolean | null;
      rubric: unknown;
    }>(sql`
      SELECT l.id, l.content, a.text_allowed, a.links_allowed, a.rubric
      FROM lessons l LEFT JOIN assignments a ON a.lesson_id = l.id WHERE l.lesson_type = 'ASSIGNMENT'`);
    const inCatalogue = demoCatalogue
      .flatMap((c) => c.modules.flatMap((m) => m.lessons))
      .filter((l) => l.lessonType === "ASSIGNMENT");
    expect(list).toHaveLength(inCatalogue.length);
    const ids = new Set<string>();
    for (const l of list) {
      expect(l.text_allowed).toBe(true);
      // Links where the instructions ask for a repository or a notebook.
      expect(l.links_allowed).toBe(/\b(repository|notebook)\b/i.test(l.content));
      const parsed = ZRubric.safeParse(l.rubric);
      expect(parsed.error?.issues ?? [], l.id).toEqual([]);
      const rubric = parsed.data!;
      expect(rubric.length).toBeGreaterThanOrEqual(2);
      expect(rubric.length).toBeLessThanOrEqual(4);
      for (const c of rubric) {
        expect(c.levels.length).toBeGreaterThanOrEqual(2);
        expect(c.levels.length).toBeLessThanOrEqual(4);
        for (const id of [c.id, ...c.levels.map((x) => x.id)]) {
          expect(ids.has(id!)).toBe(false);
          ids.add(id!);
        }
      }
      expect(rubric.reduce((s, c) => s + Math.max(...c.levels.map((x) => x.points)), 0)).toBe(100);
      // The work is handed in and reviewed: no lesson asks to mark it complete or to upload a file.
      expect(l.content).not.toMatch(/mark (it |this lesson )?(as )?complete|upload/i);
    }
    const other = await rows(
      sql`SELECT a.lesson_id FROM assignments a JOIN lessons l ON l.id = a.lesson_id WHERE l.lesson_type <> 'ASSIGNMENT'`,
    );
    expect(other).toEqual([]);
  });
});

describe("the demo coursework", () => {
  it("has a passed submission, reviewed by the course's instructor, for every enrollment whose assignment lesson is complete", async () => {
    const list = await enrollmentsWithWork();
    const done = list.filter((e) => e.lesson_done);
    expect(done.length).toBeGreaterThanOrEqual(4);
    for (const e of done) {
      expect(e.submission?.state, `${e.user_id} ${e.slug}`).toBe("PASSED");
      const latest = e.versions.at(-1)!;
      expect(latest.review?.decision).toBe("PASS");
      expect(latest.review?.reviewerId).toBe(e.owner_id);
      expect(latest.submittedAt.getTime()).toBeLessThan(time(e.lesson_completed_at));
      expect(latest.review!.createdAt.getTime()).toBeLessThanOrEqual(time(e.lesson_completed_at));
    }
    for (const e of list.filter((e) => !e.lesson_done)) expect(e.submission?.state).not.toBe("PASSED");
    // Someone passed after a revision.
    expect(done.some((e) => e.versions.length >= 2)).toBe(true);
  });

  it("stores rubric scores, points and maximum exactly as scoring them against the rubric gives, by the course's instructor", async () => {
    const list = await enrollmentsWithWork();
    const reviewed = list.flatMap((e) =>
      e.versions.flatMap((v) => (v.review ? [{ e, review: v.review }] : [])),
    );
    expect(reviewed.length).toBeGreaterThanOrEqual(8);
    for (const { e, review } of reviewed) {
      const scored = scoreRubric(e.assignment!.rubric!, review.rubricScores ?? undefined);
      expect(scored.ok).toBe(true);
      if (!scored.ok) continue;
      expect(review.rubricScores).toEqual(scored.scores);
      expect(review.points).toBe(scored.points);
      expect(review.maxPoints).toBe(scored.maxPoints);
      expect(review.reviewerId).toBe(e.owner_id);
      if (review.decision === "NEEDS_REVISION") expect(review.feedback.trim()).not.toBe("");
    }
  });

  it("has exactly one submission waiting, unclaimed, in Ada's queue, from a learner whose lesson is not complete", async () => {
    const list = await enrollmentsWithWork();
    const waiting = list.filter((e) => e.submission?.state === "SUBMITTED");
    expect(waiting).toHaveLength(1);
    const [w] = waiting;
    expect(ADA_COURSES).toContain(w!.slug);
    expect(w!.lesson_done).toBe(false);
    expect(w!.submission!.claimedBy).toBeNull();
    expect(w!.submission!.claimedUntil).toBeNull();

    const [ada] = await db().select().from(users).where(eq(users.email, "ada@example.com"));
    const queue = await findReviewQueue(db(), actorOf(ada!));
    expect(queue.items.map((i) => i.id)).toEqual([w!.submission!.id]);
    const [alan] = await db().select().from(users).where(eq(users.email, "alan@example.com"));
    expect((await findReviewQueue(db(), actorOf(alan!))).items).toEqual([]);
  });

  it("has exactly one submission sent back with feedback, whose draft is its last version, from a learner whose lesson is not complete", async () => {
    const list = await enrollmentsWithWork();
    const back = list.filter((e) => e.submission?.state === "NEEDS_REVISION");
    expect(back).toHaveLength(1);
    const [b] = back;
    expect(b!.lesson_done).toBe(false);
    const last = b!.versions.at(-1)!;
    expect(last.review?.decision).toBe("NEEDS_REVISION");
    expect(last.review!.feedback).toMatch(/\n- |\n\d\. |\*\*/); // Markdown, not a one-liner
    expect(last.review!.rubricScores?.length).toBeGreaterThanOrEqual(2);
    expect(b!.submission!.draftText).toBe(last.text);
    expect(b!.submission!.draftLinks).toEqual(last.links);
  });

  it("keeps every state in agreement with its reviews, with no claim and nothing in review", async () => {
    const list = await enrollmentsWithWork();
    const withWork = list.filter((e) => e.submission);
    expect(withWork.length).toBeGreaterThanOrEqual(8);
    for (const e of withWork) {
      const s = e.submission!;
      const latest = e.versions.at(-1)!;
      expect(e.versions.map((v) => v.number)).toEqual(e.versions.map((_, i) => i + 1));
      expect(s.state === "PASSED").toBe(latest.review?.decision === "PASS");
      expect(s.state === "NEEDS_REVISION").toBe(latest.review?.decision === "NEEDS_REVISION");
      expect(s.state === "SUBMITTED").toBe(latest.review === undefined);
      // Only work sent back is handed in again.
      for (const v of e.versions.slice(0, -1)) expect(v.review?.decision).toBe("NEEDS_REVISION");
      expect(s.submittedAt?.getTime()).toBe(latest.submittedAt.getTime());
      expect(s.late).toBe(latest.late);
      expect(s.claimedBy).toBeNull();
      expect(s.claimedUntil).toBeNull();
      expect(s.draftText).toBe(latest.text);
      expect(s.draftLinks).toEqual(latest.links);
      if (!e.assignment!.linksAllowed) expect(e.versions.every((v) => v.links.length === 0)).toBe(true);
    }
    const inReview = await rows(
      sql`SELECT id FROM assignment_submissions WHERE state IN ('IN_REVIEW', 'DRAFT')`,
    );
    expect(inReview).toEqual([]);
  });

  it("orders every date: enrollment, draft, each version before its review, the last before the lesson's completion and the learner's last visit", async () => {
    const list = await enrollmentsWithWork();
    for (const e of list.filter((e) => e.submission)) {
      const s = e.submission!;
      expect(s.createdAt.getTime()).toBeGreaterThan(time(e.enrolled_at));
      let previous = s.createdAt.getTime();
      for (const v of e.versions) {
        expect(v.submittedAt.getTime()).toBeGreaterThan(previous);
        previous = v.submittedAt.getTime();
        if (v.review) {
          expect(v.review.createdAt.getTime()).toBeGreaterThan(previous);
          previous = v.review.createdAt.getTime();
        }
      }
      if (e.lesson_done) expect(previous).toBeLessThanOrEqual(time(e.lesson_completed_at));
      expect(previous).toBeLessThanOrEqual(time(e.last_accessed_at));
      expect(s.updatedAt.getTime()).toBe(previous);
      expect(previous).toBeLessThan(Date.now());
      if (e.assignment!.dueAt === null) expect(e.versions.every((v) => !v.late)).toBe(true);
    }
  });

  it("is seeded once: a second run inserts no assignment, submission, version or review", async () => {
    const count = async () =>
      (
        await rows<{ n: string }>(sql`
          SELECT ((SELECT count(*) FROM assignments) + (SELECT count(*) FROM assignment_submissions)
                  + (SELECT count(*) FROM assignment_versions) + (SELECT count(*) FROM assignment_reviews))::text AS n`)
      )[0]!.n;
    const before = await count();
    const second = await seedDemo(db(), { ...OPTS, now: new Date(Date.now() + 3 * 86_400_000) });
    expect([
      second.inserted.assignments,
      second.inserted.assignment_submissions,
      second.inserted.assignment_versions,
      second.inserted.assignment_reviews,
    ]).toEqual([0, 0, 0, 0]);
    expect(await count()).toBe(before);
  });
});
