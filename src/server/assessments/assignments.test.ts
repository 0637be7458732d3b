import { getAssignmentAnalytics } from "./assignment-analytics";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import {
  assignmentReviews,
  assignmentSubmissions,
  assignmentVersions,
  auditLog,
  certificates,
  enrollments,
  lessons,
  mailOutbox,
  userProgress,
  users,
} from "../db/schema";
import { addInstructor, createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setLessonProgress } from "../learning/progress";
import { setEnrollmentSuspended } from "../learning/enrollment-state";
import type { Actor } from "../accounts/actor";
import { getAssignmentForStudent, handIn, previewAnswerMarkdown, saveDraft } from "./assignments";
import {
  claimSubmission,
  countWaitingByCourse,
  findReviewQueue,
  getSubmission,
  releaseSubmission,
  reviewSubmission,
  type QueueItem,
  type TQueueQuery,
} from "./assignment-reviews";
import { getAssignmentForAuthor, saveAssignment } from "./assignment-authoring";
import type { RubricCriterion, TAssignmentSave, TRubricInput } from "./assignment-schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 16 });
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

const RUBRIC: TRubricInput = [
  {
    title: "Clarity",
    description: "Is the answer easy to follow?",
    levels: [
      { title: "Hard to follow", points: 0 },
      { title: "Clear", points: 5 },
    ],
  },
  {
    title: "Correctness",
    levels: [
      { title: "Wrong", points: 0 },
      { title: "Partly right", points: 3 },
      { title: "Right", points: 10 },
    ],
  },
];

interface Setup {
  lessonId: string;
  courseId: string;
  courseSlug: string;
  lessonTitle: string;
  /** The course's other lessons (TEXT), before the assignment lesson. */
  otherLessonIds: string[];
  owner: Actor;
  ownerName: string;
  co: Actor;
  coName: string;
  student: Actor;
  studentEmail: string;
}

/**
 * A published course of `lessons` lessons in one module, the last an ASSIGNMENT with settings (text and links by
 * default); an owner, a co-instructor and one enrolled student.
 */
async function setup(
  opts: { lessons?: number; settings?: Partial<TAssignmentSave>; owner?: Actor } = {},
): Promise<Setup> {
  const n = opts.lessons ?? 2;
  const tree = await createCourseTree(db(), [n], { published: true });
  const ownerUser = opts.owner
    ? (await db().select().from(users).where(eq(users.id, opts.owner.id)))[0]!
    : await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, ownerUser.id);
  const coUser = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
  await addInstructor(db(), tree.course.id, coUser.id, "INSTRUCTOR");
  const lesson = tree.lessons[n - 1]!;
  await db().update(lessons).set({ lessonType: "ASSIGNMENT" }).where(eq(lessons.id, lesson.id));
  const owner = actorOf(ownerUser);
  await saveAssignment(db(), owner, lesson.id, {
    version: 0,
    textAllowed: true,
    linksAllowed: true,
    ...opts.settings,
  });
  const s = await createUser(db(), { emailVerified: new Date() });
  await createEnrollment(db(), s.id, tree.course.id);
  return {
    lessonId: lesson.id,
    courseId: tree.course.id,
    courseSlug: tree.course.slug,
    lessonTitle: lesson.title,
    otherLessonIds: tree.lessons.slice(0, n - 1).map((l) => l.id),
    owner,
    ownerName: ownerUser.name!,
    co: actorOf(coUser),
    coName: coUser.name!,
    student: actorOf(s),
    studentEmail: s.email,
  };
}

/** Another student enrolled in the course. */
async function enrolledStudent(courseId: string, overrides: Parameters<typeof createUser>[1] = {}) {
  const u = await createUser(db(), { emailVerified: new Date(), ...overrides });
  await createEnrollment(db(), u.id, courseId);
  return actorOf(u);
}

/** Saves a draft and hands it in; returns the submission's id. */
async function handInWork(x: Setup, student: Actor = x.student, text = "My answer") {
  await saveDraft(db(), student, x.lessonId, { text });
  await handIn(db(), student, x.lessonId);
  return submissionId(x, student);
}

async function submissionId(x: Setup, student: Actor = x.student) {
  const [row] = await db()
    .select({ id: assignmentSubmissions.id })
    .from(assignmentSubmissions)
    .where(and(eq(assignmentSubmissions.lessonId, x.lessonId), eq(assignmentSubmissions.userId, student.id)));
  return row!.id;
}

async function submissionRow(id: string) {
  const [row] = await db().select().from(assignmentSubmissions).where(eq(assignmentSubmissions.id, id));
  return row!;
}

async function versionsOf(id: string) {
  return db().select().from(assignmentVersions).where(eq(assignmentVersions.submissionId, id));
}

async function reviewsOf(id: string) {
  return db()
    .select({ id: assignmentReviews.id, decision: assignmentReviews.decision })
    .from(assignmentReviews)
    .innerJoin(assignmentVersions, eq(assignmentVersions.id, assignmentReviews.versionId))
    .where(eq(assignmentVersions.submissionId, id));
}

async function mailsTo(email: string) {
  return db().select().from(mailOutbox).where(eq(mailOutbox.to, email));
}

async function lessonRow(userId: string, lessonId: string) {
  const [row] = await db()
    .select()
    .from(userProgress)
    .where(and(eq(userProgress.userId, userId), eq(userProgress.lessonId, lessonId)));
  return row;
}

async function enrollmentOf(userId: string, courseId: string) {
  const [row] = await db()
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.userId, userId), eq(enrollments.courseId, courseId)));
  return row!;
}

async function certificatesOf(userId: string) {
  return db().select().from(certificates).where(eq(certificates.userId, userId));
}

/** The highest level of every criterion. */
const topScores = (rubric: RubricCriterion[]) =>
  rubric.map((c) => ({ criterionId: c.id, levelId: c.levels.at(-1)!.id }));

/** Every item of the queue, page by page (asserting nothing repeats). */
async function wholeQueue(actor: Actor, query: TQueueQuery = {}) {
  const items: QueueItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await findReviewQueue(db(), actor, { ...query, limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  return items;
}

describe("student flow", () => {
  it("saves a draft that a new read returns, links made unique, and replaces only the fields given", async () => {
    const x = await setup();
    const saved = await saveDraft(db(), x.student, x.lessonId, {
      text: "My **answer**",
      links: ["https://example.com/a", "http://example.org/b", " https://example.com/a "],
    });
    expect(saved).toEqual({
      state: "DRAFT",
      draft: { text: "My **answer**", links: ["https://example.com/a", "http://example.org/b"] },
    });
    const view = await getAssignmentForStudent(db(), x.student, x.lessonId);
    expect(view).toMatchObject({
      settings: { textAllowed: true, linksAllowed: true, dueAt: null },
      rubric: null,
      state: "DRAFT",
      draft: { text: "My **answer**", links: ["https://example.com/a", "http://example.org/b"] },
      versions: [],
    });
    await saveDraft(db(), x.student, x.lessonId, { text: "Second thoughts" });
    expect((await getAssignmentForStudent(db(), x.student, x.lessonId)).draft).toEqual({
      text: "Second thoughts",
      links: ["https://example.com/a", "http://example.org/b"],
      files: [],
    });
  });

  it("refuses links other than http and https (422) and keeps the draft as it was", async () => {
    const x = await setup();
    await saveDraft(db(), x.student, x.lessonId, { links: ["https://example.com/ok"] });
    const bad = [
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "ftp://example.com/file",
      "/relative/path",
      "example.com",
      "https://",
    ];
    for (const link of bad) {
      await expect(
        saveDraft(db(), x.student, x.lessonId, { links: ["https://example.com/fine", link] }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(
      saveDraft(db(), x.student, x.lessonId, { text: "x", extra: 1 } as never),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await getAssignmentForStudent(db(), x.student, x.lessonId)).draft.links).toEqual([
      "https://example.com/ok",
    ]);
  });

  it("refuses a text answer on a links-only assignment and links on a text-only one (422)", async () => {
    const linksOnly = await setup({ settings: { textAllowed: false, linksAllowed: true } });
    const textRefused = saveDraft(db(), linksOnly.student, linksOnly.lessonId, { text: "An essay" });
    await expect(textRefused).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [expect.objectContaining({ path: "text" })],
    });
    await expect(
      saveDraft(db(), linksOnly.student, linksOnly.lessonId, { links: ["https://github.com/me/work"] }),
    ).resolves.toMatchObject({ draft: { links: ["https://github.com/me/work"] } });

    const textOnly = await setup({ settings: { textAllowed: true, linksAllowed: false } });
    await expect(
      saveDraft(db(), textOnly.student, textOnly.lessonId, { links: ["https://github.com/me/work"] }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fields: [expect.objectContaining({ path: "links" })] });
    await expect(
      saveDraft(db(), textOnly.student, textOnly.lessonId, { text: "An essay", links: [] }),
    ).resolves.toMatchObject({ draft: { text: "An essay", links: [] } });
  });

  it("hands in version 1 (SUBMITTED), then refuses edits and a second hand-in while it waits (409)", async () => {
    const x = await setup();
    await saveDraft(db(), x.student, x.lessonId, { text: "Version one", links: ["https://example.com/v1"] });
    const handed = await handIn(db(), x.student, x.lessonId);
    expect(handed.version).toMatchObject({ number: 1, late: false });
    const view = await getAssignmentForStudent(db(), x.student, x.lessonId);
    expect(view.state).toBe("SUBMITTED");
    expect(view.versions).toEqual([
      expect.objectContaining({
        id: handed.version.id,
        number: 1,
        text: "Version one",
        links: ["https://example.com/v1"],
        late: false,
        review: null,
      }),
    ]);
    await expect(saveDraft(db(), x.student, x.lessonId, { text: "Changed" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "CONFLICT" });
    // Claimed (IN_REVIEW): still waiting, still locked.
    const id = await submissionId(x);
    await claimSubmission(db(), x.owner, id);
    await expect(saveDraft(db(), x.student, x.lessonId, { text: "Changed" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await versionsOf(id)).toHaveLength(1);
    expect((await submissionRow(id)).draftText).toBe("Version one");
  });

  it("marks a hand-in after the due date late, and one before it on time", async () => {
    const past = await setup({ settings: { dueAt: new Date(Date.now() - 3_600_000).toISOString() } });
    const id = await handInWork(past);
    expect((await versionsOf(id))[0]).toMatchObject({ late: true });
    expect(await submissionRow(id)).toMatchObject({ late: true, state: "SUBMITTED" });
    expect(await getSubmission(db(), past.owner, id)).toMatchObject({ late: true });
    expect((await getAssignmentForStudent(db(), past.student, past.lessonId)).versions[0]!.late).toBe(true);

    const future = await setup({ settings: { dueAt: new Date(Date.now() + 3_600_000).toISOString() } });
    const onTime = await handInWork(future);
    expect(await submissionRow(onTime)).toMatchObject({ late: false });
  });

  it("refuses to hand in nothing (422): no draft, whitespace, or text the assignment no longer takes", async () => {
    const x = await setup();
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await saveDraft(db(), x.student, x.lessonId, { text: "  \n\t ", links: [] });
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await saveDraft(db(), x.student, x.lessonId, { text: "A real answer" });
    // The author now takes links only: the saved text is not what this assignment takes.
    await saveAssignment(db(), x.owner, x.lessonId, { version: 1, textAllowed: false, linksAllowed: true });
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [expect.objectContaining({ path: "links" })],
    });
    expect(await versionsOf(await submissionId(x))).toHaveLength(0);
    expect((await getAssignmentForStudent(db(), x.student, x.lessonId)).state).toBe("DRAFT");
  });

  it("previews a learner's Markdown through the sanitizer, and refuses the anonymous and the too long", () => {
    const student = { id: "u", role: "STUDENT", email: "s@example.com", emailVerified: true } as Actor;
    const html = previewAnswerMarkdown(
      student,
      "**bold** <script>alert(1)</script> [x](javascript:alert(1))",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("javascript:");
    expect(previewAnswerMarkdown(student, 42)).toBe("");
    expect(() => previewAnswerMarkdown(student, "x".repeat(50_001))).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(() => previewAnswerMarkdown(null, "x")).toThrow(
      expect.objectContaining({ code: "UNAUTHENTICATED" }),
    );
  });
});

describe("review flow", () => {
  it("lets one reviewer hold a claim: others get 409 naming the holder until a release or the claim's expiry", async () => {
    const x = await setup();
    const id = await handInWork(x);
    const claimed = await claimSubmission(db(), x.owner, id);
    expect(claimed.state).toBe("IN_REVIEW");
    expect(claimed.claimedUntil.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(claimed.claimedUntil.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(await getSubmission(db(), x.co, id)).toMatchObject({
      state: "IN_REVIEW",
      claim: { by: x.ownerName, mine: false },
      reviewer: true,
    });
    expect((await getSubmission(db(), x.owner, id)).claim).toMatchObject({ mine: true });
    expect((await findReviewQueue(db(), x.co)).items).toEqual([
      expect.objectContaining({ id, state: "IN_REVIEW", claimedBy: x.ownerName }),
    ]);

    const held = { code: "CONFLICT", userMessage: expect.stringContaining(x.ownerName) };
    await expect(claimSubmission(db(), x.co, id)).rejects.toMatchObject(held);
    await expect(
      reviewSubmission(db(), x.co, id, { decision: "PASS", feedback: "Good" }),
    ).rejects.toMatchObject(held);
    await expect(releaseSubmission(db(), x.co, id)).rejects.toMatchObject(held);
    // A claim may be renewed by its holder.
    await expect(claimSubmission(db(), x.owner, id)).resolves.toMatchObject({ state: "IN_REVIEW" });

    await expect(releaseSubmission(db(), x.owner, id)).resolves.toEqual({ state: "SUBMITTED" });
    expect(await getSubmission(db(), x.co, id)).toMatchObject({ state: "SUBMITTED", claim: null });
    await claimSubmission(db(), x.co, id);
    await expect(claimSubmission(db(), x.owner, id)).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: expect.stringContaining(x.coName),
    });

    // The co-instructor's claim runs out: it counts as none, and the owner may claim.
    await db()
      .update(assignmentSubmissions)
      .set({ claimedUntil: new Date(Date.now() - 1000) })
      .where(eq(assignmentSubmissions.id, id));
    expect(await getSubmission(db(), x.owner, id)).toMatchObject({ state: "SUBMITTED", claim: null });
    expect((await findReviewQueue(db(), x.owner)).items[0]).toMatchObject({ id, claimedBy: null });
    await expect(claimSubmission(db(), x.owner, id)).resolves.toMatchObject({ state: "IN_REVIEW" });
    expect(await submissionRow(id)).toMatchObject({ claimedBy: x.owner.id, state: "IN_REVIEW" });
    expect(await reviewsOf(id)).toHaveLength(0);
  });

  it("needs feedback to send work back and every rubric criterion scored with a known level (422)", async () => {
    const x = await setup({ settings: { rubric: RUBRIC } });
    const id = await handInWork(x);
    const rubric = (await getAssignmentForAuthor(db(), x.owner, x.lessonId)).rubric!;
    const [clarity, correctness] = rubric;
    const full = topScores(rubric);
    const invalid = async (input: Parameters<typeof reviewSubmission>[3], path?: string) => {
      const p = reviewSubmission(db(), x.owner, id, input);
      await expect(p).rejects.toMatchObject({ code: "INVALID_INPUT" });
      if (path) {
        const fields = await p.catch((e: { fields: { path: string }[] }) => e.fields.map((f) => f.path));
        expect(fields).toContain(path);
      }
    };
    await invalid({ decision: "NEEDS_REVISION", rubricScores: full }, "feedback");
    await invalid({ decision: "NEEDS_REVISION", feedback: "   \n ", rubricScores: full }, "feedback");
    await invalid({ decision: "PASS", feedback: "Good" }, `rubricScores.${clarity!.id}`);
    await invalid({ decision: "PASS", rubricScores: full.slice(1) }, `rubricScores.${clarity!.id}`);
    await invalid(
      {
        decision: "PASS",
        rubricScores: [full[0]!, { criterionId: correctness!.id, levelId: "no-such-level" }],
      },
      `rubricScores.${correctness!.id}`,
    );
    await invalid(
      { decision: "PASS", rubricScores: [...full, { criterionId: "no-such-criterion", levelId: "x" }] },
      "rubricScores.no-such-criterion",
    );
    await invalid({ decision: "PASS", rubricScores: [...full, full[0]!] });
    // A level of another criterion is not a level of this one.
    await invalid({
      decision: "PASS",
      rubricScores: [full[0]!, { criterionId: correctness!.id, levelId: clarity!.levels[0]!.id }],
    });
    await invalid({ decision: "MAYBE", feedback: "x" } as never);
    expect(await submissionRow(id)).toMatchObject({ state: "SUBMITTED" });
    expect(await reviewsOf(id)).toHaveLength(0);
    expect(await mailsTo(x.studentEmail)).toHaveLength(0);
  });

  it("sends work back: feedback and scores kept, the draft is the last version, and the student hands in version 2", async () => {
    const x = await setup({ settings: { rubric: RUBRIC } });
    await saveDraft(db(), x.student, x.lessonId, { text: "First try", links: ["https://example.com/v1"] });
    await handIn(db(), x.student, x.lessonId);
    const id = await submissionId(x);
    const rubric = (await getAssignmentForAuthor(db(), x.owner, x.lessonId)).rubric!;
    await claimSubmission(db(), x.owner, id);
    const scores = [
      { criterionId: rubric[0]!.id, levelId: rubric[0]!.levels[0]!.id },
      { criterionId: rubric[1]!.id, levelId: rubric[1]!.levels[1]!.id },
    ];
    const decided = await reviewSubmission(db(), x.owner, id, {
      decision: "NEEDS_REVISION",
      feedback: "Add an example.",
      rubricScores: scores,
    });
    expect(decided).toEqual({ state: "NEEDS_REVISION", lesson: { completed: false } });
    expect(await submissionRow(id)).toMatchObject({
      state: "NEEDS_REVISION",
      claimedBy: null,
      claimedUntil: null,
    });

    const view = await getAssignmentForStudent(db(), x.student, x.lessonId);
    expect(view.state).toBe("NEEDS_REVISION");
    expect(view.draft).toEqual({
      text: view.versions[0]!.text,
      links: view.versions[0]!.links,
      files: view.versions[0]!.files,
    });
    expect(view.draft).toEqual({ text: "First try", links: ["https://example.com/v1"], files: [] });
    expect(view.versions[0]!.review).toMatchObject({
      decision: "NEEDS_REVISION",
      feedback: "Add an example.",
      rubricScores: [
        { ...scores[0], points: 0 },
        { ...scores[1], points: 3 },
      ],
      points: 3,
      maxPoints: 15,
      reviewer: x.ownerName,
    });
    expect(await getSubmission(db(), x.student, id)).toMatchObject({
      state: "NEEDS_REVISION",
      student: { id: x.student.id, email: null },
      reviewer: false,
    });
    expect((await findReviewQueue(db(), x.owner)).items).toEqual([]);
    await expect(
      reviewSubmission(db(), x.co, id, { decision: "PASS", rubricScores: topScores(rubric) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    await saveDraft(db(), x.student, x.lessonId, { text: "First try, with an example" });
    const second = await handIn(db(), x.student, x.lessonId);
    expect(second.version.number).toBe(2);
    expect((await findReviewQueue(db(), x.owner)).items).toEqual([
      expect.objectContaining({ id, versionNumber: 2, state: "SUBMITTED", claimedBy: null }),
    ]);
    await expect(
      reviewSubmission(db(), x.co, id, { decision: "PASS", rubricScores: topScores(rubric) }),
    ).resolves.toEqual({ state: "PASSED", lesson: { completed: true } });
    const versions = (await getSubmission(db(), x.owner, id)).versions;
    expect(versions.map((v) => [v.number, v.text, v.review?.decision, v.review?.reviewer])).toEqual([
      [1, "First try", "NEEDS_REVISION", x.ownerName],
      [2, "First try, with an example", "PASS", x.coName],
    ]);

    // One e-mail per decision, to the student, after each commit.
    const mails = await mailsTo(x.studentEmail);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [`Feedback on ${x.lessonTitle}: please revise`, `Passed: ${x.lessonTitle}`].sort(),
    );
    for (const m of mails) expect(m.text).toContain(`/learn/${x.courseSlug}/${x.lessonId}`);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.filter((a) => a.action === "assignment.reviewed")).toHaveLength(2);
  });

  it("passes: the lesson completes through the progress path, the percentage counts it, and the work is final", async () => {
    const x = await setup({ lessons: 2 });
    const id = await handInWork(x);
    // A decision without a claim is allowed.
    await expect(
      reviewSubmission(db(), x.owner, id, { decision: "PASS", feedback: "Well done" }),
    ).resolves.toEqual({ state: "PASSED", lesson: { completed: true } });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: true });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
      status: "ACTIVE",
      progressPercentage: 50,
    });
    expect(await certificatesOf(x.student.id)).toHaveLength(0);
    const mails = await mailsTo(x.studentEmail);
    expect(mails.map((m) => m.subject)).toEqual([`Passed: ${x.lessonTitle}`]);

    // The work is final.
    await expect(saveDraft(db(), x.student, x.lessonId, { text: "More" })).rejects.toMatchObject({
      code: "CONFLICT",
      userMessage: expect.stringContaining("passed"),
    });
    await expect(handIn(db(), x.student, x.lessonId)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(claimSubmission(db(), x.co, id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      reviewSubmission(db(), x.co, id, { decision: "NEEDS_REVISION", feedback: "Actually, no" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await reviewsOf(id)).toEqual([expect.objectContaining({ decision: "PASS" })]);
    expect(await getAssignmentForStudent(db(), x.student, x.lessonId)).toMatchObject({ state: "PASSED" });
    // Nor can the student undo the completion by hand.
    await expect(setLessonProgress(db(), x.student, x.lessonId, { completed: false })).rejects.toMatchObject({
      code: "ASSESSMENT_REQUIRED",
    });

    // The last other lesson done by hand completes the course.
    await expect(
      setLessonProgress(db(), x.student, x.otherLessonIds[0]!, { completed: true }),
    ).resolves.toMatchObject({ enrollment: { status: "COMPLETED", progressPercentage: 100 } });
    expect(await certificatesOf(x.student.id)).toHaveLength(1);
  });

  it("completes the course with its certificate when the passed assignment is its last lesson", async () => {
    const x = await setup({ lessons: 3 });
    for (const l of x.otherLessonIds) await setLessonProgress(db(), x.student, l, { completed: true });
    const id = await handInWork(x);
    await reviewSubmission(db(), x.co, id, { decision: "PASS" });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
      status: "COMPLETED",
      progressPercentage: 100,
    });
    expect(await certificatesOf(x.student.id)).toHaveLength(1);

    const single = await setup({ lessons: 1 });
    const sid = await handInWork(single);
    await reviewSubmission(db(), single.owner, sid, { decision: "PASS" });
    expect(await enrollmentOf(single.student.id, single.courseId)).toMatchObject({
      status: "COMPLETED",
      progressPercentage: 100,
    });
    expect(await certificatesOf(single.student.id)).toHaveLength(1);
  });

  it("refuses a PASS while the student's enrollment is closed, and passes (completing the lesson) once it is reopened", async () => {
    const x = await setup({ lessons: 1 });
    const id = await handInWork(x);
    const enrollment = await enrollmentOf(x.student.id, x.courseId);
    await db().transaction((tx) => setEnrollmentSuspended(tx, enrollment.id, true));
    await expect(reviewSubmission(db(), x.owner, id, { decision: "PASS" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await submissionRow(id)).toMatchObject({ state: "SUBMITTED" });
    await db().transaction((tx) => setEnrollmentSuspended(tx, enrollment.id, false));
    await expect(reviewSubmission(db(), x.owner, id, { decision: "PASS" })).resolves.toMatchObject({
      state: "PASSED",
      lesson: { completed: true },
    });
    expect((await lessonRow(x.student.id, x.lessonId))?.completed).toBe(true);
  });
});

describe("completion policy", () => {
  it("refuses marking the assessed assignment lesson complete (409 ASSESSMENT_REQUIRED) but records the time", async () => {
    const x = await setup();
    await expect(
      setLessonProgress(db(), x.student, x.lessonId, { completed: true, timeSpentSeconds: 20 }),
    ).rejects.toMatchObject({ code: "ASSESSMENT_REQUIRED", status: 409 });
    expect(await lessonRow(x.student.id, x.lessonId)).toMatchObject({ completed: false, timeSpent: 20 });
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({ progressPercentage: 0 });
    await expect(
      setLessonProgress(db(), x.student, x.otherLessonIds[0]!, { completed: true }),
    ).resolves.toMatchObject({ enrollment: { progressPercentage: 50 } });
  });

  it("completes an ASSIGNMENT lesson without settings by hand, like an ordinary lesson", async () => {
    const tree = await createCourseTree(db(), [2], { published: true });
    const lesson = tree.lessons[1]!;
    await db().update(lessons).set({ lessonType: "ASSIGNMENT" }).where(eq(lessons.id, lesson.id));
    const ownerUser = await createUser(db(), { role: "INSTRUCTOR" });
    await addInstructor(db(), tree.course.id, ownerUser.id);
    const student = await enrolledStudent(tree.course.id);
    await expect(getAssignmentForStudent(db(), student, lesson.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getAssignmentForAuthor(db(), actorOf(ownerUser), lesson.id)).toMatchObject({
      version: 0,
      submissionCount: 0,
    });
    await expect(
      setLessonProgress(db(), student, lesson.id, { completed: true, timeSpentSeconds: 5 }),
    ).resolves.toMatchObject({
      lessonProgress: { completed: true },
      enrollment: { progressPercentage: 50 },
    });
  });
});

describe("authorization", () => {
  it("asks anonymous callers to sign in", async () => {
    const x = await setup();
    const id = await handInWork(x);
    const calls: (() => Promise<unknown>)[] = [
      () => getAssignmentForStudent(db(), null, x.lessonId),
      () => saveDraft(db(), null, x.lessonId, { text: "x" }),
      () => handIn(db(), null, x.lessonId),
      () => getSubmission(db(), null, id),
      () => findReviewQueue(db(), null),
      () => claimSubmission(db(), null, id),
      () => releaseSubmission(db(), null, id),
      () => reviewSubmission(db(), null, id, { decision: "PASS" }),
      () => getAssignmentForAuthor(db(), null, x.lessonId),
      () => saveAssignment(db(), null, x.lessonId, { version: 1 }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("forbids students without access, and hides a submission from other students and other courses' staff", async () => {
    const x = await setup();
    const id = await handInWork(x);
    const outsider = actorOf(await createUser(db(), { emailVerified: new Date() }));
    const suspended = actorOf(await createUser(db(), { emailVerified: new Date() }));
    await createEnrollment(db(), suspended.id, x.courseId, { status: "SUSPENDED" });
    for (const s of [outsider, suspended]) {
      await expect(getAssignmentForStudent(db(), s, x.lessonId)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveDraft(db(), s, x.lessonId, { text: "x" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(handIn(db(), s, x.lessonId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const classmate = await enrolledStudent(x.courseId);
    await expect(getSubmission(db(), classmate, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSubmission(db(), outsider, id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const other = await setup();
    await handInWork(other);
    for (const stranger of [other.owner, other.co]) {
      await expect(getSubmission(db(), stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(claimSubmission(db(), stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(releaseSubmission(db(), stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(
        reviewSubmission(db(), stranger, id, { decision: "PASS", feedback: "x" }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(getAssignmentForStudent(db(), stranger, x.lessonId)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(getAssignmentForAuthor(db(), stranger, x.lessonId)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect((await wholeQueue(stranger)).map((i) => i.id)).not.toContain(id);
      expect((await findReviewQueue(db(), stranger, { courseId: x.courseId })).items).toEqual([]);
    }

    for (const student of [x.student, classmate]) {
      await expect(findReviewQueue(db(), student)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(claimSubmission(db(), student, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(releaseSubmission(db(), student, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(reviewSubmission(db(), student, id, { decision: "PASS" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(
        saveAssignment(db(), student, x.lessonId, { version: 1, textAllowed: true }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // One at a time: started together, one could fail before its expectation is attached (an unhandled
    // rejection under load).
    for (const call of [
      () => getSubmission(db(), x.owner, "no-such-submission"),
      () => claimSubmission(db(), x.owner, "no-such-submission"),
      () => reviewSubmission(db(), x.owner, "no-such-submission", { decision: "PASS" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await submissionRow(id)).toMatchObject({ state: "SUBMITTED", claimedBy: null });
    expect(await reviewsOf(id)).toHaveLength(0);
    // The student reads their own submission (without the staff-only e-mail).
    expect(await getSubmission(db(), x.student, id)).toMatchObject({ id, reviewer: false });
  });

  it("lets a co-instructor see the queue and decide, an admin every course's queue, and a demoted one nothing", async () => {
    const x = await setup();
    const y = await setup();
    const xid = await handInWork(x);
    const yid = await handInWork(y);
    expect((await findReviewQueue(db(), x.co)).items.map((i) => i.id)).toEqual([xid]);
    expect(await getSubmission(db(), x.co, xid)).toMatchObject({
      reviewer: true,
      student: { email: x.studentEmail },
    });

    const admin = actorOf(await createUser(db(), { role: "ADMIN", emailVerified: new Date() }));
    const all = (await wholeQueue(admin)).map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([xid, yid]));
    const waiting = await countWaitingByCourse(db(), admin);
    expect(waiting).toEqual(
      expect.arrayContaining([
        { course_id: x.courseId, waiting: 1 },
        { course_id: y.courseId, waiting: 1 },
      ]),
    );
    expect(await countWaitingByCourse(db(), x.owner)).toEqual([{ course_id: x.courseId, waiting: 1 }]);
    await expect(getSubmission(db(), admin, yid)).resolves.toMatchObject({ reviewer: true });

    await expect(
      reviewSubmission(db(), x.co, xid, { decision: "NEEDS_REVISION", feedback: "More detail" }),
    ).resolves.toMatchObject({ state: "NEEDS_REVISION" });

    // A co-instructor demoted to student keeps the team row but loses the queue (stale actor included).
    await db().update(users).set({ role: "STUDENT" }).where(eq(users.id, y.co.id));
    expect((await findReviewQueue(db(), y.co)).items).toEqual([]);
    await expect(getSubmission(db(), y.co, yid)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(claimSubmission(db(), y.co, yid)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("review queue", () => {
  it("lists oldest first in keyset pages of 2 across 5 submissions, without duplicates or gaps", async () => {
    const x = await setup();
    const students = [x.student];
    for (let i = 0; i < 4; i++) students.push(await enrolledStudent(x.courseId));
    const ids: string[] = [];
    for (const s of students) ids.push(await handInWork(x, s));
    // Hand-in times out of creation order: a microsecond apart across the first page boundary, and an exact
    // tie (broken by id) across the second.
    const times = [
      "2024-03-01T10:00:02.000000Z",
      "2024-03-01T10:00:01.000006Z",
      "2024-03-01T10:00:00.000001Z",
      "2024-03-01T10:00:02.000000Z",
      "2024-03-01T10:00:01.000005Z",
    ];
    for (const [i, id] of ids.entries()) {
      await db().execute(
        sql`UPDATE assignment_submissions SET submitted_at = ${times[i]}::timestamptz WHERE id = ${id}`,
      );
    }
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await findReviewQueue(db(), x.owner, { limit: 2, cursor });
      pages.push(page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const order = pages.flat();
    expect(new Set(order).size).toBe(5);
    expect(order.slice(0, 3)).toEqual([ids[2], ids[4], ids[1]]);
    expect(new Set(order.slice(3))).toEqual(new Set([ids[0], ids[3]]));
    const [a, b] = [ids[0]!, ids[3]!].sort();
    expect(order.slice(3)).toEqual([a, b]);
    expect(await wholeQueue(x.owner)).toHaveLength(5);
  });

  it("filters by course, lateness and state, and refuses a tampered or foreign cursor (422)", async () => {
    const x = await setup();
    const y = await setup({ owner: x.owner });
    const xs = [x.student, await enrolledStudent(x.courseId), await enrolledStudent(x.courseId)];
    const xids: string[] = [];
    for (const s of xs) xids.push(await handInWork(x, s));
    const yid = await handInWork(y);
    await db()
      .update(assignmentSubmissions)
      .set({ late: true })
      .where(inArray(assignmentSubmissions.id, [xids[0]!, yid]));

    const ids = async (q: TQueueQuery) => (await wholeQueue(x.owner, q)).map((i) => i.id).sort();
    expect(await ids({})).toEqual([...xids, yid].sort());
    expect(await ids({ courseId: x.courseId })).toEqual([...xids].sort());
    expect(await ids({ courseId: y.courseId })).toEqual([yid]);
    expect(await ids({ late: "true" })).toEqual([xids[0]!, yid].sort());
    expect(await ids({ late: "false", courseId: x.courseId })).toEqual([xids[1]!, xids[2]!].sort());

    await reviewSubmission(db(), x.owner, xids[1]!, { decision: "PASS" });
    expect(await ids({ status: "PASSED" })).toEqual([xids[1]]);
    expect(await ids({ status: "passed, submitted", courseId: x.courseId })).toEqual([...xids].sort());
    expect(await ids({ courseId: x.courseId })).toEqual([xids[0]!, xids[2]!].sort());
    expect((await findReviewQueue(db(), x.owner, { status: "PASSED" })).items[0]).toMatchObject({
      id: xids[1],
      state: "PASSED",
      versionNumber: 1,
      course: { id: x.courseId },
      lesson: { id: x.lessonId },
      student: { id: xs[1]!.id },
    });
    await expect(findReviewQueue(db(), x.owner, { status: "WAITING" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(findReviewQueue(db(), x.owner, { limit: 0 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });

    const first = await findReviewQueue(db(), x.owner, { limit: 1 });
    const cursor = first.nextCursor!;
    expect(cursor).toBeTruthy();
    const envelope = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as {
      k: unknown[];
      s?: string;
    };
    const forge = (k: unknown[]) => Buffer.from(JSON.stringify({ ...envelope, k })).toString("base64url");
    const tampered = [
      "not a cursor!",
      cursor.slice(0, -3),
      `${cursor}x`,
      forge(["2024-02-30T00:00:00.000000Z", "x"]),
      forge(["2024-01-01T00:00:00.000000Z", "'; DROP TABLE users; --"]),
      forge(["yesterday", "id"]),
      forge([1, 2]),
      Buffer.from(JSON.stringify({ v: 2, k: envelope.k, s: envelope.s })).toString("base64url"),
    ];
    for (const c of tampered) {
      await expect(findReviewQueue(db(), x.owner, { limit: 1, cursor: c })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    // A cursor continues only the list it came from.
    await expect(findReviewQueue(db(), x.owner, { limit: 1, cursor, late: "true" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(findReviewQueue(db(), x.owner, { limit: 1, cursor })).resolves.toBeTruthy();
  });
});

describe("authoring", () => {
  it("refuses a save from an older version (409) and an assignment taking neither text nor links (422)", async () => {
    const x = await setup();
    expect(await getAssignmentForAuthor(db(), x.co, x.lessonId)).toMatchObject({
      version: 1,
      textAllowed: true,
      linksAllowed: true,
      dueAt: null,
      rubric: null,
      submissionCount: 0,
    });
    await expect(
      saveAssignment(db(), x.owner, x.lessonId, { version: 0, textAllowed: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const due = "2030-01-01T12:00:00.000Z";
    await expect(
      saveAssignment(db(), x.co, x.lessonId, { version: 1, linksAllowed: false, dueAt: due }),
    ).resolves.toMatchObject({ version: 2, textAllowed: true, linksAllowed: false, dueAt: new Date(due) });
    await expect(
      saveAssignment(db(), x.owner, x.lessonId, { version: 1, textAllowed: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      saveAssignment(db(), x.owner, x.lessonId, { version: 2, textAllowed: false, linksAllowed: false }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fields: [expect.objectContaining({ path: "textAllowed" })],
    });
    await expect(
      saveAssignment(db(), x.owner, x.lessonId, { version: 2, dueAt: "next Tuesday" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      saveAssignment(db(), x.owner, x.lessonId, {
        version: 2,
        rubric: [{ title: "One level", levels: [{ title: "Only", points: 1 }] }],
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    // Not an assignment lesson.
    await expect(saveAssignment(db(), x.owner, x.otherLessonIds[0]!, { version: 0 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getAssignmentForAuthor(db(), x.owner, x.lessonId)).toMatchObject({
      version: 2,
      linksAllowed: false,
    });
  });

  it("keeps criterion and level ids across saves (new ones get fresh ids), so earlier scores still refer to them", async () => {
    const x = await setup();
    const first = await saveAssignment(db(), x.owner, x.lessonId, { version: 1, rubric: RUBRIC });
    const r1 = first.rubric!;
    expect(r1).toHaveLength(2);
    const allIds = r1.flatMap((c) => [c.id, ...c.levels.map((l) => l.id)]);
    expect(new Set(allIds).size).toBe(allIds.length);

    const second = await saveAssignment(db(), x.owner, x.lessonId, {
      version: first.version,
      rubric: [
        {
          id: r1[1]!.id,
          title: "Correctness (renamed)",
          levels: [...r1[1]!.levels, { title: "Beyond", points: 12 }],
        },
        { ...r1[0]!, description: "Changed" },
        {
          title: "Style",
          levels: [
            { title: "Plain", points: 0 },
            { title: "Polished", points: 2 },
          ],
        },
      ],
    });
    const r2 = second.rubric!;
    expect(r2.map((c) => c.id).slice(0, 2)).toEqual([r1[1]!.id, r1[0]!.id]);
    expect(r2[0]!.levels.slice(0, 3).map((l) => l.id)).toEqual(r1[1]!.levels.map((l) => l.id));
    expect(r2[1]!.levels.map((l) => l.id)).toEqual(r1[0]!.levels.map((l) => l.id));
    const fresh = [r2[0]!.levels[3]!.id, r2[2]!.id, ...r2[2]!.levels.map((l) => l.id)];
    for (const id of fresh) expect(allIds).not.toContain(id);
    expect(r2[0]).toMatchObject({ title: "Correctness (renamed)" });
    expect(r2[1]).toMatchObject({ description: "Changed" });

    // A review scores with the kept ids.
    const id = await handInWork(x);
    expect((await getAssignmentForAuthor(db(), x.owner, x.lessonId)).submissionCount).toBe(1);
    await expect(
      reviewSubmission(db(), x.owner, id, {
        decision: "PASS",
        rubricScores: [
          { criterionId: r1[0]!.id, levelId: r1[0]!.levels[1]!.id },
          { criterionId: r1[1]!.id, levelId: r1[1]!.levels[2]!.id },
          { criterionId: r2[2]!.id, levelId: r2[2]!.levels[0]!.id },
        ],
      }),
    ).resolves.toMatchObject({ state: "PASSED" });
    const review = (await getSubmission(db(), x.owner, id)).versions[0]!.review!;
    expect(review).toMatchObject({ points: 15, maxPoints: 19 });

    // An empty rubric removes it.
    const third = await saveAssignment(db(), x.owner, x.lessonId, { version: second.version, rubric: [] });
    expect(third.rubric).toBeNull();
  });
});

describe.runIf(onPostgres)("races (PostgreSQL)", () => {
  it("decides once from ten concurrent decisions by two reviewers: one review row, one completion, one certificate", async () => {
    const x = await setup({ lessons: 1 });
    const id = await handInWork(x);
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        reviewSubmission(db(), i % 2 ? x.co : x.owner, id, { decision: "PASS", feedback: `Decision ${i}` }),
      ),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled) {
      if (s.status === "rejected") expect(s.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await reviewsOf(id)).toHaveLength(1);
    expect(await submissionRow(id)).toMatchObject({ state: "PASSED", claimedBy: null });
    const progress = await db()
      .select()
      .from(userProgress)
      .where(and(eq(userProgress.userId, x.student.id), eq(userProgress.lessonId, x.lessonId)));
    expect(progress).toEqual([expect.objectContaining({ completed: true })]);
    expect(await certificatesOf(x.student.id)).toHaveLength(1);
    expect(await enrollmentOf(x.student.id, x.courseId)).toMatchObject({
      status: "COMPLETED",
      progressPercentage: 100,
    });
    expect(await mailsTo(x.studentEmail)).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.filter((a) => a.action === "assignment.reviewed")).toHaveLength(1);
  });

  it("hands in one version from ten concurrent hand-ins; the other nine get 409", async () => {
    const x = await setup();
    // The submission row exists (a draft was saved): only its row lock orders the hand-ins.
    await saveDraft(db(), x.student, x.lessonId, { text: "Handed in once" });
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => handIn(db(), x.student, x.lessonId)),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled) {
      if (s.status === "rejected") expect(s.reason).toMatchObject({ code: "CONFLICT" });
    }
    const id = await submissionId(x);
    expect((await versionsOf(id)).map((v) => v.number)).toEqual([1]);
    expect(await submissionRow(id)).toMatchObject({ state: "SUBMITTED" });
  });

  it("gives a submission to exactly one of ten reviewers claiming it at once; the others get 409 naming the holder", async () => {
    const x = await setup();
    const id = await handInWork(x);
    const reviewers: { actor: Actor; name: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const u = await createUser(db(), { role: "INSTRUCTOR", emailVerified: new Date() });
      await addInstructor(db(), x.courseId, u.id, "INSTRUCTOR");
      reviewers.push({ actor: actorOf(u), name: u.name! });
    }
    const settled = await Promise.allSettled(reviewers.map((r) => claimSubmission(db(), r.actor, id)));
    const winners = reviewers.filter((_, i) => settled[i]!.status === "fulfilled");
    expect(winners).toHaveLength(1);
    for (const s of settled) {
      if (s.status === "rejected") {
        expect(s.reason).toMatchObject({
          code: "CONFLICT",
          userMessage: expect.stringContaining(winners[0]!.name),
        });
      }
    }
    expect(await submissionRow(id)).toMatchObject({ state: "IN_REVIEW", claimedBy: winners[0]!.actor.id });
  });

  it("never lets a decision and another reviewer's concurrent claims both succeed", async () => {
    const x = await setup();
    for (let round = 0; round < 3; round++) {
      const student = round === 0 ? x.student : await enrolledStudent(x.courseId);
      const id = await handInWork(x, student);
      const ops = Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? claimSubmission(db(), x.co, id).then(() => "claim" as const)
          : reviewSubmission(db(), x.owner, id, { decision: "PASS" }).then(() => "pass" as const),
      );
      const settled = await Promise.allSettled(ops);
      const won = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      for (const s of settled) {
        if (s.status === "rejected") expect(s.reason).toMatchObject({ code: "CONFLICT" });
      }
      const row = await submissionRow(id);
      if (won.includes("pass")) {
        // The decision came first: every claim after it was refused, and nothing reopened the work.
        expect(won).toEqual(["pass"]);
        expect(row).toMatchObject({ state: "PASSED", claimedBy: null });
        expect(await reviewsOf(id)).toHaveLength(1);
      } else {
        // A claim came first: the decisions were refused as held by the co-instructor.
        expect(won.length).toBeGreaterThan(0);
        expect(row).toMatchObject({ state: "IN_REVIEW", claimedBy: x.co.id });
        expect(await reviewsOf(id)).toHaveLength(0);
      }
    }
  });
});

describe("assignment analytics", () => {
  it("counts hand-ins, waiting work, the pass rate at first hand-in, the median time to review and late share", async () => {
    const x = await setup();
    const first = await handInWork(x);
    await reviewSubmission(db(), x.owner, first, { decision: "NEEDS_REVISION", feedback: "More tests." });
    await handInWork(x, x.student, "Better");
    await reviewSubmission(db(), x.owner, first, { decision: "PASS" });
    const other = await enrolledStudent(x.courseId);
    const second = await handInWork(x, other);
    await reviewSubmission(db(), x.owner, second, { decision: "PASS" });
    const third = await enrolledStudent(x.courseId);
    await handInWork(x, third);
    const [stats] = await getAssignmentAnalytics(db(), x.owner, x.courseId);
    expect(stats).toMatchObject({
      lessonId: x.lessonId,
      students: 3,
      versions: 4,
      waiting: 1,
      passRateFirstHandIn: 50,
      lateShare: 0,
    });
    expect(stats!.medianReviewSeconds).toBeGreaterThanOrEqual(0);
    await expect(getAssignmentAnalytics(db(), x.student, x.courseId)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const outsider = actorOf(await createUser(db(), { role: "INSTRUCTOR" }));
    await expect(getAssignmentAnalytics(db(), outsider, x.courseId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
