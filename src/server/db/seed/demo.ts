import { sql } from "drizzle-orm";
import { rebuildCourseRatingCounts } from "../../catalog/rating-counts";
import type { Db } from "../types";
import {
  certificates,
  coupons,
  courseInstructors,
  coursePrerequisites,
  courseReviews,
  courses,
  enrollments,
  lessons,
  modules,
  payments,
  userProgress,
  users,
  type NewCertificate,
  type NewCourseReview,
  type NewEnrollment,
  type NewLesson,
  type NewModule,
  type NewPayment,
  type NewUserProgress,
} from "../schema";
import { completionPercentage } from "../../learning/enrollment-state";
import { courseStatsOf } from "../../catalog/refresh-course-stats";
import { demoCatalogue, demoPrerequisites, type DemoCourse } from "./catalogue";
import { demoReviewTexts } from "./catalogue/reviews";
import { demoCertificateNumber, demoId } from "./ids";
import { demoEnrollments, demoPeople } from "./people";
import { seedDemoQuizzes } from "./quizzes";
import { seedDemoExercises } from "./exercises";
import { seedDemoAssignments } from "./assignments";
import { demoCoupons } from "./coupons";

const DAY = 86_400_000;

export interface SeedOptions {
  appUrl: string;
  currency: string;
  now?: Date;
}

export interface SeedSummary {
  inserted: Record<string, number>;
}

interface PlannedLesson {
  id: string;
  moduleId: string;
  duration: number;
}

/** Lessons of a course in syllabus order (module order, then lesson order), with their ids. */
function syllabus(course: DemoCourse): PlannedLesson[] {
  return course.modules.flatMap((m, mi) => {
    const moduleId = demoId("module", course.slug, String(mi + 1));
    return m.lessons.map((l, li) => ({
      id: demoId("lesson", course.slug, String(mi + 1), String(li + 1)),
      moduleId,
      duration: l.duration,
    }));
  });
}

/** Deterministic variation in [0.8, 1.3) so time spent looks like people, not a formula. */
function jitter(...key: string[]): number {
  const hex = demoId(...key)
    .replaceAll("-", "")
    .slice(0, 6);
  return 0.8 + (parseInt(hex, 16) / 0xffffff) * 0.5;
}

/**
 * Loads the demo catalogue, people and their history. Idempotent: every row has a stable id or natural key
 * and is inserted with ON CONFLICT DO NOTHING, so a second run changes no row. One transaction.
 */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  const now = opts.now ?? new Date();
  const at = (daysAgo: number, extraMs = 0) => new Date(now.getTime() - daysAgo * DAY + extraMs);
  const people = new Map(demoPeople.map((p) => [p.key, { ...p, id: demoId("user", p.key) }]));
  const catalogue = new Map(
    demoCatalogue.map((c) => [c.slug, { ...c, id: demoId("course", c.slug), lessons: syllabus(c) }]),
  );

  const courseRows = demoCatalogue.map((c) => {
    const duration = c.modules.reduce((sum, m) => sum + m.lessons.reduce((s, l) => s + l.duration, 0), 0);
    // The counters are part of the insert (a second run inserts nothing, so updates nothing), by the rule
    // of refreshCourseStats: enrollments that are not REFUNDED, and their students' ratings.
    const counted = demoEnrollments.filter((e) => e.course === c.slug && e.status !== "REFUNDED");
    const ratings = counted.flatMap((e) =>
      e.review === undefined ? [] : [demoReviewTexts[c.slug]?.[e.review]?.rating ?? 0],
    );
    const stats = courseStatsOf(counted.length, ratings);
    return {
      id: demoId("course", c.slug),
      slug: c.slug,
      title: c.title,
      description: c.description,
      price: c.priceCents,
      duration,
      difficulty: c.difficulty,
      published: true,
      featured: c.featured,
      metaTitle: c.metaTitle,
      metaDescription: c.metaDescription,
      imageUrl: c.imageUrl,
      learningObjectives: c.learningObjectives,
      prerequisites: c.prerequisites,
      createdAt: at(c.publishedDaysAgo),
      firstPublishedAt: at(c.publishedDaysAgo),
      updatedAt: at(c.publishedDaysAgo),
      enrollmentCount: stats.enrollmentCount,
      ratingCount: stats.ratingCount,
      ratingAverage: stats.ratingAverage,
    };
  });
  const moduleRows: NewModule[] = [];
  const lessonRows: NewLesson[] = [];
  for (const c of demoCatalogue) {
    c.modules.forEach((m, mi) => {
      const moduleId = demoId("module", c.slug, String(mi + 1));
      moduleRows.push({
        id: moduleId,
        courseId: demoId("course", c.slug),
        title: m.title,
        description: m.description,
        order: mi + 1,
        duration: m.lessons.reduce((s, l) => s + l.duration, 0),
        published: true,
        ...(m.opensAfterDays ? { releaseKind: "after_days" as const, releaseDays: m.opensAfterDays } : {}),
        createdAt: at(c.publishedDaysAgo + 5),
        updatedAt: at(c.publishedDaysAgo + 5),
      });
      m.lessons.forEach((l, li) =>
        lessonRows.push({
          id: demoId("lesson", c.slug, String(mi + 1), String(li + 1)),
          moduleId,
          title: l.title,
          description: l.description,
          content: l.content,
          order: li + 1,
          duration: l.duration,
          lessonType: l.lessonType,
          videoUrl: l.videoUrl ?? null,
          resourceUrl: l.resourceUrl ?? null,
          createdAt: at(c.publishedDaysAgo + 5),
          updatedAt: at(c.publishedDaysAgo + 5),
        }),
      );
    });
  }

  const enrollmentRows: NewEnrollment[] = [];
  const progressRows: NewUserProgress[] = [];
  const certificateRows: NewCertificate[] = [];
  const paymentRows: NewPayment[] = [];
  const reviewRows: NewCourseReview[] = [];
  for (const e of demoEnrollments) {
    const person = people.get(e.person)!;
    const course = catalogue.get(e.course)!;
    const total = course.lessons.length;
    const done = e.completed === "all" ? total : Math.min(e.completed, total);
    const enrolledAt = at(e.daysAgo);
    // Completions spread evenly over the time since enrolment, the last one a day ago at the latest.
    const span = Math.max(e.daysAgo - 1, 1) * DAY;
    const completedAtOf = (i: number) => new Date(enrolledAt.getTime() + ((i + 1) / (total + 1)) * span);
    let lastActivity: Date | null = null;
    course.lessons.forEach((lesson, i) => {
      const isDone = i < done;
      const inProgress = i === done && e.status !== "COMPLETED";
      if (!isDone && !inProgress) return;
      const when = isDone ? completedAtOf(i) : new Date(completedAtOf(i).getTime() - DAY / 2);
      lastActivity = when;
      progressRows.push({
        id: demoId("progress", e.person, lesson.id),
        userId: person.id,
        courseId: course.id,
        moduleId: lesson.moduleId,
        lessonId: lesson.id,
        completed: isDone,
        completedAt: isDone ? when : null,
        timeSpent: Math.round(lesson.duration * 60 * jitter(e.person, lesson.id) * (isDone ? 1 : 0.4)),
        createdAt: new Date(when.getTime() - lesson.duration * 60_000),
        updatedAt: when,
      });
    });
    const completedAt = e.status === "COMPLETED" ? completedAtOf(total - 1) : null;
    enrollmentRows.push({
      id: demoId("enrollment", e.person, e.course),
      userId: person.id,
      courseId: course.id,
      status: e.status,
      enrolledAt,
      accessStartedAt: enrolledAt,
      completedAt,
      progressPercentage: completionPercentage(done, total),
      lastAccessedAt: lastActivity ?? enrolledAt,
    });
    if (completedAt) {
      const number = demoCertificateNumber(e.person, e.course, completedAt);
      certificateRows.push({
        id: demoId("certificate", e.person, e.course),
        userId: person.id,
        courseId: course.id,
        issuedAt: completedAt,
        certificateNumber: number,
        verificationUrl: `${opts.appUrl}/certificates/${number}`,
        holderName: person.name,
        courseTitle: course.title,
      });
    }
    if (course.priceCents > 0) {
      paymentRows.push({
        id: demoId("payment", e.person, e.course),
        userId: person.id,
        courseId: course.id,
        amount: course.priceCents,
        currency: opts.currency,
        status: e.status === "REFUNDED" ? "REFUNDED" : "COMPLETED",
        provider: "demo",
        providerTransactionId: `demo_seed_${demoId("txn", e.person, e.course).slice(0, 13)}`,
        createdAt: new Date(enrolledAt.getTime() - 60_000),
        processedAt: enrolledAt,
      });
    }
    if (e.review !== undefined) {
      const text = demoReviewTexts[e.course]?.[e.review];
      if (!text) throw new Error(`No review text ${e.review} for ${e.course}`);
      const written = lastActivity ?? enrolledAt;
      reviewRows.push({
        id: demoId("review", e.person, e.course),
        userId: person.id,
        courseId: course.id,
        rating: text.rating,
        comment: text.comment,
        createdAt: written,
        updatedAt: written,
      });
    }
  }

  return db.transaction(async (tx) => {
    const inserted: Record<string, number> = {};
    const put = async (name: string, run: () => Promise<unknown[]>) => {
      inserted[name] = (await run()).length;
    };
    const returningId = { id: sql<string>`id` };
    await put("users", () =>
      tx
        .insert(users)
        .values(
          [...people.values()].map((p) => ({
            id: p.id,
            email: p.email,
            name: p.name,
            role: p.role,
            emailVerified: at(200),
            createdAt: at(200),
            updatedAt: at(200),
          })),
        )
        .onConflictDoNothing()
        .returning(returningId),
    );
    await put("courses", () =>
      tx.insert(courses).values(courseRows).onConflictDoNothing().returning(returningId),
    );
    await put("course_instructors", () =>
      tx
        .insert(courseInstructors)
        .values(
          demoCatalogue.map((c) => ({
            courseId: demoId("course", c.slug),
            userId: [...people.values()].find((p) => p.instructorKey === c.instructorKey)!.id,
            role: "OWNER" as const,
            createdAt: at(c.publishedDaysAgo + 5),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: courseInstructors.courseId }),
    );
    await put("modules", () =>
      tx.insert(modules).values(moduleRows).onConflictDoNothing().returning(returningId),
    );
    await put("lessons", () =>
      tx.insert(lessons).values(lessonRows).onConflictDoNothing().returning(returningId),
    );
    await put("enrollments", () =>
      tx.insert(enrollments).values(enrollmentRows).onConflictDoNothing().returning(returningId),
    );
    await put("user_progress", () =>
      tx.insert(userProgress).values(progressRows).onConflictDoNothing().returning(returningId),
    );
    Object.assign(inserted, await seedDemoQuizzes(tx));
    Object.assign(inserted, await seedDemoAssignments(tx, now));
    Object.assign(inserted, await seedDemoExercises(tx));
    await put("certificates", () =>
      tx.insert(certificates).values(certificateRows).onConflictDoNothing().returning(returningId),
    );
    await put("payments", () =>
      tx.insert(payments).values(paymentRows).onConflictDoNothing().returning(returningId),
    );
    await put("course_reviews", () =>
      tx.insert(courseReviews).values(reviewRows).onConflictDoNothing().returning(returningId),
    );
    // The courses' ratings by star, from the reviews just written (the counters were set with the courses).
    await rebuildCourseRatingCounts(tx);
    await put("course_prerequisites", () =>
      tx
        .insert(coursePrerequisites)
        .values(
          demoPrerequisites.map((p) => ({
            courseId: demoId("course", p.course),
            requiredCourseId: demoId("course", p.requires),
          })),
        )
        .onConflictDoNothing()
        .returning({ id: coursePrerequisites.courseId }),
    );
    const admin = [...people.values()].find((p) => p.role === "ADMIN");
    await put("coupons", () =>
      tx
        .insert(coupons)
        .values(demoCoupons(admin?.id ?? null, now))
        .onConflictDoNothing()
        .returning(returningId),
    );
    return { inserted };
  });
}

/** True when the database holds no users and no courses (a fresh demo). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`(SELECT count(*) FROM users) + (SELECT count(*) FROM courses)` })
    .from(sql`(SELECT 1) AS one`);
  return Number(row?.n ?? 0) === 0;
}
