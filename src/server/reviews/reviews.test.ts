import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, courseReviews, courses, enrollments, mailOutbox, reviewReports } from "../db/schema";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import type { User } from "../db/schema";
import { getRatingSummary } from "../catalog/rating-summary";
import { ratingAverageOf } from "../catalog/refresh-course-stats";
import { setLessonProgress } from "../learning/progress";
import { getReviewEligibility } from "./eligibility";
import {
  dismissReviewReports,
  findReviewReports,
  hideReview,
  removeReview,
  reportReview,
  restoreReview,
} from "./moderation";
import { asSentence } from "@/lib/sentence";
import { findCourseReviews, getCourseReviewsView } from "./queries";
import { deleteReview, getMyReview, saveReview } from "./write-review";

/**
 * The concurrency test runs 30 review writers at once on a pool of 12 connections; on PostgreSQL it fails
 * without the course row lock in refreshCourseStats (counts and averages come out stale). PGlite runs them
 * one after the other and checks the arithmetic.
 */
const WRITERS = 30;

let database: Database;
const db = () => database.db;
beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 14 });
});
afterAll(async () => {
  await database?.close();
});

const published = { published: true };
type Tree = Awaited<ReturnType<typeof createCourseTree>>;

async function student(overrides: Partial<User> = {}) {
  return createUser(db(), { emailVerified: new Date(), name: "Rea Viewer", ...overrides });
}

/** A student enrolled in the course who completed its first lesson: eligible to review. */
async function eligibleStudent(tree: Tree, overrides: Partial<User> = {}) {
  const u = await student(overrides);
  await createEnrollment(db(), u.id, tree.course.id);
  await setLessonProgress(db(), actorOf(u), tree.lessons[0]!.id, { completed: true });
  return u;
}

async function stored(courseId: string) {
  const [row] = await db()
    .select({ ratingCount: courses.ratingCount, ratingAverage: sql<string>`${courses.ratingAverage}::text` })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row!;
}

describe("who may review", () => {
  it("says why each ineligible student cannot review, and refuses their writes with 403", async () => {
    const tree = await createCourseTree(db(), [2], published);
    const cid = tree.course.id;
    const reasonOf = async (u: User | null) => {
      const e = await getReviewEligibility(db(), u ? actorOf(u) : null, cid);
      return e.eligible ? "eligible" : e.reason;
    };
    expect(await reasonOf(null)).toBe("sign-in");
    await expect(saveReview(db(), null, tree.course.slug, { rating: 5 })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });

    const outsider = await student();
    expect(await reasonOf(outsider)).toBe("not-enrolled");

    const noLesson = await student();
    await createEnrollment(db(), noLesson.id, cid);
    expect(await reasonOf(noLesson)).toBe("no-lesson-completed");
    // Opening a lesson is not completing it.
    await setLessonProgress(db(), actorOf(noLesson), tree.lessons[0]!.id, { timeSpentSeconds: 20 });
    expect(await reasonOf(noLesson)).toBe("no-lesson-completed");

    const unconfirmed = await eligibleStudent(tree, { emailVerified: null });
    expect(await reasonOf(unconfirmed)).toBe("email-unconfirmed");

    const refunded = await eligibleStudent(tree);
    await db().update(enrollments).set({ status: "REFUNDED" }).where(eq(enrollments.userId, refunded.id));
    expect(await reasonOf(refunded)).toBe("refunded");

    const suspended = await eligibleStudent(tree);
    await db().update(enrollments).set({ status: "SUSPENDED" }).where(eq(enrollments.userId, suspended.id));
    expect(await reasonOf(suspended)).toBe("suspended");

    for (const u of [outsider, noLesson, unconfirmed, refunded, suspended]) {
      await expect(saveReview(db(), actorOf(u), tree.course.slug, { rating: 4 })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await db().select().from(courseReviews).where(eq(courseReviews.courseId, cid))).toHaveLength(0);

    const ok = await eligibleStudent(tree);
    expect(await reasonOf(ok)).toBe("eligible");
    const completed = await eligibleStudent(tree);
    await db()
      .update(enrollments)
      .set({ status: "COMPLETED", completedAt: new Date() })
      .where(eq(enrollments.userId, completed.id));
    expect(await reasonOf(completed)).toBe("eligible");
  });

  it("writes one review, edits it, deletes it, and validates every field", async () => {
    const tree = await createCourseTree(db(), [2], published);
    const u = await eligibleStudent(tree, { name: null });
    const a = actorOf(u);
    const first = await saveReview(db(), a, tree.course.slug, { rating: 4, comment: "  Clear and kind.  " });
    expect(first.created).toBe(true);
    expect(first.review).toMatchObject({
      rating: 4,
      comment: "Clear and kind.",
      authorName: "A student",
      completedCourse: false,
      hiddenAt: null,
    });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "4.00" });
    const second = await saveReview(db(), a, tree.course.slug, { rating: 2, comment: "" });
    expect(second).toMatchObject({
      created: false,
      review: { id: first.review.id, rating: 2, comment: null },
    });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "2.00" });

    for (const bad of [
      { rating: 0 },
      { rating: 6 },
      { rating: 3.5 },
      { rating: "5" },
      {},
      { rating: 3, comment: "x".repeat(2001) },
      { rating: 3, comment: "nul\u0000" },
    ]) {
      await expect(saveReview(db(), a, tree.course.slug, bad as never)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    const long = await saveReview(db(), a, tree.course.slug, { rating: 3, comment: "é".repeat(2000) });
    expect(long.review.comment).toHaveLength(2000);
    await expect(saveReview(db(), a, "no-such-course", { rating: 3 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await deleteReview(db(), a, tree.course.slug);
    expect(await getMyReview(db(), a, tree.course.id)).toBeNull();
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 0, ratingAverage: "0.00" });
    await expect(deleteReview(db(), a, tree.course.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits review writes to 20 an hour per person", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const a = actorOf(await eligibleStudent(tree));
    for (let i = 0; i < 20; i++) await saveReview(db(), a, tree.course.slug, { rating: (i % 5) + 1 });
    await expect(saveReview(db(), a, tree.course.slug, { rating: 5 })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});

describe("the public list", () => {
  it("shows reviews newest first, a page at a time, without refunded students' and with display names", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await eligibleStudent(tree, { name: `Person ${i}` }));
    for (const [i, p] of people.entries()) {
      await saveReview(db(), actorOf(p), tree.course.slug, { rating: 5 - (i % 2), comment: `Review ${i}` });
    }
    await db()
      .update(enrollments)
      .set({ status: "COMPLETED", completedAt: new Date() })
      .where(eq(enrollments.userId, people[4]!.id));
    await db().update(enrollments).set({ status: "REFUNDED" }).where(eq(enrollments.userId, people[0]!.id));

    const one = await findCourseReviews(db(), tree.course.id, { limit: 2 });
    expect(one.items.map((r) => r.comment)).toEqual(["Review 4", "Review 3"]);
    expect(one.items[0]).toMatchObject({ authorName: "Person 4", completedCourse: true });
    expect(JSON.stringify(one)).not.toContain("@example.com");
    const two = await findCourseReviews(db(), tree.course.id, { limit: 2, cursor: one.nextCursor! });
    expect(two.items.map((r) => r.comment)).toEqual(["Review 2", "Review 1"]);
    expect(two.nextCursor).toBeNull();

    for (const cursor of [
      "garbage",
      Buffer.from('["2026-13-45T00:00:00.000000Z","x"]').toString("base64url"),
    ]) {
      await expect(findCourseReviews(db(), tree.course.id, { cursor })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    const view = await getCourseReviewsView(db(), actorOf(people[0]!), tree.course.id, "garbage");
    expect(view).toMatchObject({ cursorIgnored: true, eligibility: { eligible: false, reason: "refunded" } });
    expect(view.mine?.comment).toBe("Review 0");
  });
});

describe("moderation", () => {
  it("hides a reported review from the list and the averages; its author still sees it and why", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const admin = actorOf(await createUser(db(), { role: "ADMIN", emailVerified: new Date() }));
    const author = await eligibleStudent(tree, { name: "Troll" });
    const fair = await eligibleStudent(tree);
    const reporter = actorOf(await student());
    const bad = await saveReview(db(), actorOf(author), tree.course.slug, {
      rating: 1,
      comment: "spam spam",
    });
    await saveReview(db(), actorOf(fair), tree.course.slug, { rating: 5 });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 2, ratingAverage: "3.00" });

    await expect(reportReview(db(), reporter, bad.review.id, { reason: "" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(
      reportReview(db(), reporter, bad.review.id, { reason: "x".repeat(1001) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(
      reportReview(db(), actorOf(author), bad.review.id, { reason: "mine" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await reportReview(db(), reporter, bad.review.id, { reason: "Advertising" })).toEqual({
      created: true,
    });
    expect(await reportReview(db(), reporter, bad.review.id, { reason: "Again" })).toEqual({
      created: false,
    });

    await expect(findReviewReports(db(), reporter, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reports = await findReviewReports(db(), admin, {});
    expect(reports.items[0]).toMatchObject({
      reason: "Advertising",
      resolvedAt: null,
      review: { id: bad.review.id, comment: "spam spam", authorName: "Troll" },
      course: { slug: tree.course.slug },
    });

    await expect(
      hideReview(db(), reporter, { reviewId: bad.review.id, reason: "Spam" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(hideReview(db(), admin, { reviewId: bad.review.id, reason: " " })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await hideReview(db(), admin, { reviewId: bad.review.id, reason: "Spam" })).toEqual({
      changed: true,
    });
    expect(await hideReview(db(), admin, { reviewId: bad.review.id, reason: "Spam" })).toEqual({
      changed: false,
    });

    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "5.00" });
    expect(await getRatingSummary(db(), tree.course.id)).toMatchObject({ count: 1, average: 5 });
    const list = await findCourseReviews(db(), tree.course.id);
    expect(list.items.map((r) => r.id)).not.toContain(bad.review.id);
    const mine = await getMyReview(db(), actorOf(author), tree.course.id);
    expect(mine).toMatchObject({ id: bad.review.id, hiddenReason: "Spam" });
    expect(mine!.hiddenAt).toBeInstanceOf(Date);
    // Editing keeps it hidden; a hidden review cannot be reported.
    await saveReview(db(), actorOf(author), tree.course.slug, { rating: 5, comment: "now nice" });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "5.00" });
    await expect(
      reportReview(db(), actorOf(fair), bad.review.id, { reason: "still bad" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Handled: out of the queue, in the handled list.
    expect((await findReviewReports(db(), admin, {})).items.map((r) => r.review.id)).not.toContain(
      bad.review.id,
    );
    expect((await findReviewReports(db(), admin, { state: "handled" })).items[0]!.resolvedAt).toBeInstanceOf(
      Date,
    );
    // The author was told, with the reason, in one sentence.
    const [mail] = await db()
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, author.email), like(mailOutbox.subject, "Your review of%")));
    expect(mail!.text).toContain("The reason given: Spam. Only you can see it now");

    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, bad.review.id));
    expect(audit.map((e) => e.action)).toEqual(["review.hidden"]);
    expect(audit[0]).toMatchObject({ actorId: admin.id, after: { hidden: true, reason: "Spam" } });
  });

  it("dismisses reports of a review that breaks no rule, and restores a hidden review", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const admin = actorOf(await createUser(db(), { role: "ADMIN", emailVerified: new Date() }));
    const author = actorOf(await eligibleStudent(tree));
    const { review } = await saveReview(db(), author, tree.course.slug, { rating: 4, comment: "fair" });
    await reportReview(db(), actorOf(await student()), review.id, { reason: "I disagree" });
    await reportReview(db(), actorOf(await student()), review.id, { reason: "Wrong!" });
    await expect(dismissReviewReports(db(), author, review.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await dismissReviewReports(db(), admin, review.id)).toEqual({ dismissed: 2 });
    expect(await dismissReviewReports(db(), admin, review.id)).toEqual({ dismissed: 0 });
    const open = await findReviewReports(db(), admin, {});
    expect(open.items.map((r) => r.review.id)).not.toContain(review.id);
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "4.00" });

    // Hidden by mistake (a reason with its own full stop is not doubled), then restored: counted again.
    await hideReview(db(), admin, { reviewId: review.id, reason: "Looked like spam." });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 0, ratingAverage: "0.00" });
    await expect(restoreReview(db(), author, review.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await restoreReview(db(), admin, review.id)).toEqual({ changed: true });
    expect(await restoreReview(db(), admin, review.id)).toEqual({ changed: false });
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 1, ratingAverage: "4.00" });
    expect((await getMyReview(db(), author, tree.course.id))!.hiddenAt).toBeNull();
    const actions = (await db().select().from(auditLog).where(eq(auditLog.entityId, review.id))).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(["review.hidden", "review.reports_dismissed", "review.restored"]);
    expect(asSentence("Looked like spam.")).toBe("Looked like spam.");
    expect(asSentence("Rude words ")).toBe("Rude words.");
    expect(asSentence("Why?")).toBe("Why?");
  });

  it("removes a review with a reason, audited, and the counters follow", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const admin = actorOf(await createUser(db(), { role: "ADMIN", emailVerified: new Date() }));
    const author = actorOf(await eligibleStudent(tree));
    const { review } = await saveReview(db(), author, tree.course.slug, { rating: 2, comment: "rude words" });
    await reportReview(db(), actorOf(await student()), review.id, { reason: "Rude" });
    await removeReview(db(), admin, { reviewId: review.id, reason: "Abusive language" });
    expect(await getMyReview(db(), author, tree.course.id)).toBeNull();
    expect(await db().select().from(reviewReports).where(eq(reviewReports.reviewId, review.id))).toEqual([]);
    expect(await stored(tree.course.id)).toEqual({ ratingCount: 0, ratingAverage: "0.00" });
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.entityId, review.id));
    expect(entry).toMatchObject({
      action: "review.removed",
      before: { rating: 2, comment: "rude words" },
      after: { reason: "Abusive language" },
    });
    await expect(removeReview(db(), admin, { reviewId: review.id, reason: "again" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("limits reports to 10 an hour per person", async () => {
    const tree = await createCourseTree(db(), [1], published);
    const reporter = actorOf(await student());
    const ids = [];
    for (let i = 0; i < 11; i++) {
      const a = actorOf(await eligibleStudent(tree));
      ids.push((await saveReview(db(), a, tree.course.slug, { rating: 3 })).review.id);
    }
    for (const id of ids.slice(0, 10)) await reportReview(db(), reporter, id, { reason: "Off-topic" });
    await expect(reportReview(db(), reporter, ids[10]!, { reason: "Off-topic" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});

describe("counters under concurrent writers", () => {
  it(`stay exact while ${WRITERS} students review at once, then edit and delete at once`, async () => {
    const tree = await createCourseTree(db(), [1], published);
    const students: User[] = [];
    for (let i = 0; i < WRITERS; i++) students.push(await eligibleStudent(tree));
    const first = (i: number) => (i % 5) + 1;

    await Promise.all(
      students.map((s, i) => saveReview(db(), actorOf(s), tree.course.slug, { rating: first(i) })),
    );
    const sum1 = students.reduce((n, _, i) => n + first(i), 0);
    expect(await stored(tree.course.id)).toEqual({
      ratingCount: WRITERS,
      ratingAverage: ratingAverageOf(sum1, WRITERS),
    });

    // A fifth delete their review while the others change their rating, all at once.
    const second = (i: number) => ((i * 3) % 5) + 1;
    await Promise.all(
      students.map((s, i) =>
        i % 5 === 0
          ? deleteReview(db(), actorOf(s), tree.course.slug)
          : saveReview(db(), actorOf(s), tree.course.slug, { rating: second(i), comment: `edit ${i}` }),
      ),
    );
    const kept = students.map((_, i) => i).filter((i) => i % 5 !== 0);
    const sum2 = kept.reduce((n, i) => n + second(i), 0);
    const expected = { ratingCount: kept.length, ratingAverage: ratingAverageOf(sum2, kept.length) };
    expect(await stored(tree.course.id)).toEqual(expected);
    const summary = await getRatingSummary(db(), tree.course.id);
    expect({ ratingCount: summary.count, ratingAverage: ratingAverageOf(sum2, summary.count) }).toEqual(
      expected,
    );
    for (const r of [1, 2, 3, 4, 5]) {
      expect(summary.histogram.find((h) => h.rating === r)!.count).toBe(
        kept.filter((i) => second(i) === r).length,
      );
    }
  });

  it.skipIf(!onPostgres)(
    "runs with real parallelism on PostgreSQL: 12 transactions open at once",
    async () => {
      // Each transaction holds its connection until all have one (or 3 s pass): a pool too small for the
      // race above to happen makes the latecomers reuse a connection, and the count comes out short.
      const n = 12;
      let open = 0;
      const pids = await Promise.all(
        Array.from({ length: n }, () =>
          db().transaction(async (tx) => {
            const { rows } = (await tx.execute(sql`SELECT pg_backend_pid() AS pid`)) as unknown as {
              rows: { pid: number }[];
            };
            const [row] = rows;
            open++;
            const since = Date.now();
            while (open < n && Date.now() - since < 3000) await new Promise((r) => setTimeout(r, 5));
            return row!.pid;
          }),
        ),
      );
      expect(new Set(pids).size).toBe(n);
    },
  );
});
