import { eq } from "drizzle-orm";

/**
 * The authorization matrix's fixtures, built through the services against the e2e server's own PostgreSQL
 * database (the server and this process share it): two courses with a team, students in every enrollment
 * state, and one signed-in session per actor (a row written by the Auth.js adapter, as signing in writes it).
 *
 * The services read the configuration through getEnv(), so the caller sets process.env (APP_MODE=demo, the
 * server's APP_URL and DATABASE_URL) before calling buildFixtures; modules are imported here, lazily, after.
 */

export const ACTORS = [
  "anonymous",
  "student",
  "enrolled",
  "suspended",
  "refunded",
  "owner",
  "coInstructor",
  "otherInstructor",
  "admin",
] as const;
export type ActorName = (typeof ACTORS)[number];

export interface FixtureUser {
  id: string;
  email: string;
  role: "STUDENT" | "INSTRUCTOR" | "ADMIN";
}

export interface Fixtures {
  users: Record<Exclude<ActorName, "anonymous">, FixtureUser>;
  /** Paid, published; owner + co-instructor; enrolled (paid), suspended, refunded students. */
  paid: {
    id: string;
    slug: string;
    moduleId: string;
    /** A draft module of the published course, with one lesson (draftLessonId). */
    draftModuleId: string;
    draftLessonId: string;
    lessonIds: [string, string];
    /** A QUIZ lesson with a one-question quiz; the enrolled student submitted one attempt (quizAttemptId). */
    quizLessonId: string;
    quizAttemptId: string;
    /** An ASSIGNMENT lesson; the enrolled student's submission of it has passed review (assignmentSubmissionId). */
    assignmentLessonId: string;
    assignmentSubmissionId: string;
    /** A file handed in with that submission (the enrolled student's). */
    assignmentFileId: string;
    /** An INTERACTIVE lesson with one exercise (with a solution); the enrolled student recorded a failing check. */
    interactiveLessonId: string;
    exerciseId: string;
  };
  /** The exercise runtime's current version (its files' path segment). */
  sandboxRuntimeVersion: string;
  /** Never published: one module, one lesson; the owner's alone (no co-instructor). */
  draft: { id: string; slug: string; lessonId: string };
  /** Free, published, one lesson; the enrolled student completed it (certificate). */
  free: { id: string; slug: string; moduleId: string; lessonId: string };
  certificateNumber: string;
  /** The enrolled student's review of the paid course. */
  reviewId: string;
  /** The enrolled student's completed demo checkout (session id and payment id). */
  checkout: { sessionId: string; paymentId: string };
  refundedPaymentId: string;
  enrolledEnrollmentId: string;
  /** A coupon for the paid course, made by its owner. */
  paidCouponId: string;
  /** A webhook endpoint (to an address that is never reached: the worker of the matrix's server sends nothing). */
  webhookEndpointId: string;
  /** One of its deliveries, already delivered (so it may be resent). */
  webhookDeliveryId: string;
  /** One session token per signed-in actor, for cookies. */
  tokens: Record<Exclude<ActorName, "anonymous">, string>;
  /** A new session for an actor (for probes that sign out or revoke sessions). */
  newSession: (actor: Exclude<ActorName, "anonymous">) => Promise<string>;
  close: () => Promise<void>;
}

export async function buildFixtures(databaseUrl: string, appUrl: string): Promise<Fixtures> {
  const { openPostgres } = await import("@/server/db/client");
  const {
    users,
    certificates,
    courseReviews,
    enrollments,
    coupons,
    webhookEndpoints,
    webhookEvents,
    webhookDeliveries,
  } = await import("@/server/db/schema");
  const { createAdapter, generateSessionToken } = await import("@/server/auth/adapter");
  const { changeUserRole } = await import("@/server/accounts/roles");
  const authoring = await import("@/server/authoring/courses");
  const structure = await import("@/server/authoring/structure");
  const { updateLesson } = await import("@/server/authoring/lessons");
  const { addCoInstructor } = await import("@/server/authoring/instructors");
  const { enrollInCourse } = await import("@/server/learning/enroll");
  const { setLessonProgress } = await import("@/server/learning/progress");
  const { startCheckout } = await import("@/server/payments/checkout");
  const { completeDemoCheckout } = await import("@/server/payments/demo-checkout");
  const { DemoProvider } = await import("@/server/payments/demo-provider");
  const { refundPayment } = await import("@/server/payments/refund");
  const { changeEnrollmentStatus } = await import("@/server/admin/enrollments");
  const { saveReview } = await import("@/server/reviews/write-review");
  const { saveQuiz } = await import("@/server/assessments/quiz-authoring");
  const { startAttempt, submitAttempt } = await import("@/server/assessments/attempts");
  const { saveAssignment } = await import("@/server/assessments/assignment-authoring");
  const { saveDraft, handIn } = await import("@/server/assessments/assignments");
  const { reviewSubmission } = await import("@/server/assessments/assignment-reviews");
  const { saveExercises } = await import("@/server/assessments/exercise-authoring");
  const { recordExerciseResult } = await import("@/server/assessments/exercises");
  const { runtimeBasePath } = await import("@/server/assessments/sandbox/runtime");
  type Actor = import("@/server/accounts/actor").Actor;

  const database = openPostgres(databaseUrl, 4);
  const db = database.db;
  const adapter = createAdapter(db, async () => ({ userAgent: "authorization-matrix", ip: null }));
  const run = Date.now().toString(36);
  const actorOf = (u: FixtureUser): Actor => ({
    id: u.id,
    role: u.role,
    email: u.email,
    emailVerified: true,
  });

  // The demo's administrator (seeded on the server's first start) promotes the instructors.
  const [demoAdmin] = await db.select().from(users).where(eq(users.email, "admin@example.com"));
  if (!demoAdmin) throw new Error("matrix fixtures: the demo seed's admin@example.com is missing");
  const seededAdmin: Actor = { id: demoAdmin.id, role: "ADMIN", email: demoAdmin.email, emailVerified: true };

  const person = async (name: string, role: FixtureUser["role"]): Promise<FixtureUser> => {
    const email = `matrix-${name.toLowerCase()}-${run}@example.com`;
    const created = (await adapter.createUser!({
      id: "",
      email,
      name: `Matrix ${name}`,
      emailVerified: new Date(),
    })) as { id: string };
    if (role !== "STUDENT") await changeUserRole(db, seededAdmin, { userId: created.id, role });
    return { id: created.id, email, role };
  };
  const u = {
    student: await person("Student", "STUDENT"),
    enrolled: await person("Enrolled", "STUDENT"),
    suspended: await person("Suspended", "STUDENT"),
    refunded: await person("Refunded", "STUDENT"),
    owner: await person("Owner", "INSTRUCTOR"),
    coInstructor: await person("CoInstructor", "INSTRUCTOR"),
    otherInstructor: await person("OtherInstructor", "INSTRUCTOR"),
    admin: await person("Admin", "ADMIN"),
  };
  const owner = actorOf(u.owner);

  // The courses, as their owner builds them in the editor.
  const course = async (title: string, price: string, lessonCount: number, publish = true) => {
    const slug = `matrix-${title.toLowerCase()}-${run}`;
    const { id } = await authoring.createCourse(db, owner, {
      title: `Matrix ${title} course`,
      slug,
      description: `The authorization matrix's ${title.toLowerCase()} course.`,
      price,
      difficulty: "BEGINNER",
      imageUrl: "",
      metaTitle: "",
      metaDescription: "",
      learningObjectives: ["Tell who may do what"],
      prerequisites: [],
    });
    const { id: moduleId } = await structure.createModule(db, owner, {
      courseId: id,
      title: "Module one",
      description: "",
      published: true,
    });
    const lessonIds: string[] = [];
    for (let i = 1; i <= lessonCount; i++) {
      const { id: lessonId } = await structure.createLesson(db, owner, { moduleId, title: `Lesson ${i}` });
      await updateLesson(db, owner, {
        lessonId,
        title: `Lesson ${i}`,
        lessonType: "TEXT",
        duration: 5,
        content: `Lesson ${i} of the matrix course.`,
        videoUrl: "",
        resourceUrl: "",
      });
      lessonIds.push(lessonId);
    }
    if (publish) await authoring.publishCourse(db, owner, id);
    return { id, slug, moduleId, lessonIds };
  };
  const paid = await course("Paid", "49.00", 2);
  const free = await course("Free", "0", 1);
  const draft = await course("Draft", "0", 1, false);
  const { id: draftModuleId } = await structure.createModule(db, owner, {
    courseId: paid.id,
    title: "Draft module",
    description: "",
    published: false,
  });
  const { id: draftLessonId } = await structure.createLesson(db, owner, {
    moduleId: draftModuleId,
    title: "Draft lesson",
  });
  await addCoInstructor(db, owner, { courseId: paid.id, email: u.coInstructor.email });
  // A quiz is written in the draft module (a published course's quiz lesson needs its questions first), then
  // moved into the published one.
  const { id: quizLessonId } = await structure.createLesson(db, owner, {
    moduleId: draftModuleId,
    title: "Quiz",
  });
  await updateLesson(db, owner, {
    lessonId: quizLessonId,
    title: "Quiz",
    lessonType: "QUIZ",
    duration: 5,
    content: "Answer the question.",
  });
  await saveQuiz(db, owner, quizLessonId, {
    version: 0,
    settings: {},
    questions: [
      {
        type: "true_false",
        prompt: "The matrix checks every cell.",
        options: [
          { text: "True", correct: true },
          { text: "False", correct: false },
        ],
      },
    ],
  });
  await structure.moveLesson(db, owner, { lessonId: quizLessonId, toModuleId: paid.moduleId });
  const { id: assignmentLessonId } = await structure.createLesson(db, owner, {
    moduleId: draftModuleId,
    title: "Assignment",
  });
  await updateLesson(db, owner, {
    lessonId: assignmentLessonId,
    title: "Assignment",
    lessonType: "ASSIGNMENT",
    duration: 30,
    content: "Write a short answer.",
  });
  await saveAssignment(db, owner, assignmentLessonId, {
    version: 0,
    textAllowed: true,
    linksAllowed: true,
    filesAllowed: true,
  });
  await structure.moveLesson(db, owner, { lessonId: assignmentLessonId, toModuleId: paid.moduleId });
  const { id: interactiveLessonId } = await structure.createLesson(db, owner, {
    moduleId: draftModuleId,
    title: "Exercise",
  });
  await updateLesson(db, owner, {
    lessonId: interactiveLessonId,
    title: "Exercise",
    lessonType: "INTERACTIVE",
    duration: 10,
    content: "Set x.",
  });
  const {
    items: [exercise],
  } = await saveExercises(db, owner, interactiveLessonId, {
    items: [
      {
        language: "python",
        starterCode: "x = 0",
        checks: [{ name: "x is 1", code: "assert x == 1" }],
        solution: "x = 1",
      },
    ],
  });
  await structure.moveLesson(db, owner, { lessonId: interactiveLessonId, toModuleId: paid.moduleId });

  // Purchases through the demo provider's checkout, as the buyer clicks "Pay".
  const provider = new DemoProvider(appUrl, "whsec_authorization_matrix");
  const buy = async (buyer: FixtureUser) => {
    const started = await startCheckout(db, actorOf(buyer), paid.slug, provider);
    if (started.kind !== "checkout") throw new Error("matrix fixtures: expected a checkout");
    const { url, paymentId } = started;
    const sessionId = url.split("/").at(-1)!;
    await completeDemoCheckout(db, actorOf(buyer), provider, sessionId, "pay");
    return { sessionId, paymentId };
  };
  const checkout = await buy(u.enrolled);
  await buy(u.suspended);
  const refunded = await buy(u.refunded);
  const admin = actorOf(u.admin);
  await refundPayment(db, admin, { paymentId: refunded.paymentId }, provider);
  const enrollmentOf = async (user: FixtureUser) => {
    const rows = await db.select().from(enrollments).where(eq(enrollments.userId, user.id));
    const row = rows.find((r) => r.courseId === paid.id);
    if (!row) throw new Error(`matrix fixtures: ${user.email} has no enrollment in the paid course`);
    return row;
  };
  await changeEnrollmentStatus(db, admin, {
    enrollmentId: (await enrollmentOf(u.suspended)).id,
    action: "suspend",
  });

  // The enrolled student: free enrollment completed (certificate), a lesson done and a review on the paid one.
  const enrolled = actorOf(u.enrolled);
  await enrollInCourse(db, enrolled, free.slug);
  await enrollInCourse(db, actorOf(u.suspended), free.slug);
  await setLessonProgress(db, enrolled, free.lessonIds[0]!, { completed: true });
  await setLessonProgress(db, enrolled, paid.lessonIds[0]!, { completed: true });
  await saveReview(db, enrolled, paid.slug, { rating: 5, comment: "Clear and useful." });
  const quizAttempt = await startAttempt(db, enrolled, quizLessonId);
  await submitAttempt(db, enrolled, quizAttempt.id, { answers: [] });
  await saveDraft(db, enrolled, assignmentLessonId, { text: "My answer." });
  const { uploadDraftFile } = await import("@/server/assessments/assignment-files");
  const { Readable } = await import("node:stream");
  const boundary = "matrixboundary";
  const { file: assignmentFile } = await uploadDraftFile(db, enrolled, assignmentLessonId, {
    contentType: `multipart/form-data; boundary=${boundary}`,
    stream: Readable.from([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="answer.txt"\r\n\r\n` +
          `My answer, as a file.\r\n--${boundary}--\r\n`,
      ),
    ]),
  });
  await handIn(db, enrolled, assignmentLessonId);
  await recordExerciseResult(db, enrolled, exercise!.id, {
    code: "x = 0",
    checks: [{ name: "x is 1", passed: false }],
  });
  const { findReviewQueue } = await import("@/server/assessments/assignment-reviews");
  const queue = await findReviewQueue(db, owner, { courseId: paid.id });
  const assignmentSubmissionId = queue.items[0]!.id;
  await reviewSubmission(db, owner, assignmentSubmissionId, { decision: "PASS", feedback: "Well done." });

  const statuses = await Promise.all(
    [u.enrolled, u.suspended, u.refunded].map(async (x) => (await enrollmentOf(x)).status),
  );
  if (statuses.join() !== "ACTIVE,SUSPENDED,REFUNDED") {
    throw new Error(
      `matrix fixtures: paid-course enrollments are ${statuses.join()}, not ACTIVE,SUSPENDED,REFUNDED`,
    );
  }
  const [certificate] = await db.select().from(certificates).where(eq(certificates.userId, u.enrolled.id));
  const [review] = await db.select().from(courseReviews).where(eq(courseReviews.userId, u.enrolled.id));
  if (!certificate || !review) throw new Error("matrix fixtures: no certificate or review was made");

  const newSession = async (actor: Exclude<ActorName, "anonymous">) => {
    const sessionToken = generateSessionToken();
    await adapter.createSession!({
      sessionToken,
      userId: u[actor].id,
      expires: new Date(Date.now() + 86_400_000),
    });
    return sessionToken;
  };
  const tokens = {} as Fixtures["tokens"];
  for (const a of ACTORS) if (a !== "anonymous") tokens[a] = await newSession(a);

  return {
    users: u,
    paid: {
      id: paid.id,
      slug: paid.slug,
      moduleId: paid.moduleId,
      draftModuleId,
      draftLessonId,
      lessonIds: [paid.lessonIds[0]!, paid.lessonIds[1]!],
      quizLessonId,
      quizAttemptId: quizAttempt.id,
      assignmentLessonId,
      assignmentSubmissionId,
      assignmentFileId: assignmentFile.id,
      interactiveLessonId,
      exerciseId: exercise!.id,
    },
    sandboxRuntimeVersion: runtimeBasePath().split("/")[3]!,
    draft: { id: draft.id, slug: draft.slug, lessonId: draft.lessonIds[0]! },
    free: { id: free.id, slug: free.slug, moduleId: free.moduleId, lessonId: free.lessonIds[0]! },
    certificateNumber: certificate.certificateNumber,
    reviewId: review.id,
    checkout,
    refundedPaymentId: refunded.paymentId,
    enrolledEnrollmentId: (await enrollmentOf(u.enrolled)).id,
    paidCouponId: (
      await db
        .insert(coupons)
        .values({ code: "MATRIX-PAID", percentOff: 10, courseId: paid.id, createdBy: u.owner.id })
        .returning({ id: coupons.id })
    )[0]!.id,
    ...(await (async () => {
      const [endpoint] = await db
        .insert(webhookEndpoints)
        .values({
          url: "https://hooks.example.com/matrix",
          events: ["user.deleted"],
          secretCiphertext: "v1.unused",
        })
        .returning({ id: webhookEndpoints.id });
      const [event] = await db
        .insert(webhookEvents)
        .values({ type: "webhook.test", payload: { endpointId: endpoint!.id } })
        .returning({ id: webhookEvents.id });
      const [delivery] = await db
        .insert(webhookDeliveries)
        .values({ eventId: event!.id, endpointId: endpoint!.id, status: "DELIVERED", attempts: 1 })
        .returning({ id: webhookDeliveries.id });
      return { webhookEndpointId: endpoint!.id, webhookDeliveryId: delivery!.id };
    })()),
    tokens,
    newSession,
    close: () => database.close(),
  };
}
