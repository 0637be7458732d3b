import { ACTORS, type ActorName, type Fixtures } from "./matrix-fixtures";

/**
 * The authorization matrix's expectations: one row per page, route handler, JSON operation and server action
 * the platform serves (tests/e2e/authorization-matrix.e2e.test.ts checks the rows against what is discovered,
 * both ways), one cell per actor.
 *
 * Outcomes —
 *   pages:   "200" | "404" | "signin" (redirect to /signin?callbackUrl=…) | "denied" (to /account?denied=1)
 *            | "closed" (200 with "This lesson is closed to you", the player's refusal) | "->/path" (another
 *            redirect, compared by prefix)
 *   operations and route probes: the HTTP status, as a string ("200", "401", …)
 *   actions: "ok" | "signin" (refused: not signed in) | "forbidden" | "notfound" | "refused" (reached the
 *            service, which refused for another reason: validation, conflict, payment…) | "->/path" (the
 *            action redirected, compared by prefix) | "void" (an action without a result that did not redirect)
 */

export type Outcome = string;
export type Row = Record<ActorName, Outcome>;

type Group = "all" | "signedIn" | "students" | "instructors" | "staff";
const GROUPS: Record<Group, readonly ActorName[]> = {
  all: ACTORS,
  signedIn: ACTORS.filter((a) => a !== "anonymous"),
  students: ["student", "enrolled", "suspended", "refunded"],
  instructors: ["owner", "coInstructor", "otherInstructor"],
  /** The paid course's staff: its team and the admin. */
  staff: ["owner", "coInstructor", "admin"],
};
const ORDER: Group[] = ["all", "signedIn", "instructors", "students", "staff"];

/** A row from groups and single actors; later groups and single actors win. Every actor must be covered. */
export function cells(spec: Partial<Record<Group | ActorName, Outcome>>): Row {
  const row = {} as Row;
  for (const g of ORDER) if (spec[g]) for (const a of GROUPS[g]) row[a] = spec[g]!;
  for (const a of ACTORS) if (spec[a]) row[a] = spec[a]!;
  const missing = ACTORS.filter((a) => !row[a]);
  if (missing.length) throw new Error(`matrix row leaves out ${missing.join(", ")}: ${JSON.stringify(spec)}`);
  return row;
}

const PUBLIC = cells({ all: "200" });
const SIGNED_IN_PAGE = cells({ anonymous: "signin", signedIn: "200" });
const ADMIN_PAGE = cells({ anonymous: "signin", signedIn: "denied", admin: "200" });
const TEACH_PAGE = cells({ anonymous: "signin", students: "denied", instructors: "200", admin: "200" });
const COURSE_STAFF_PAGE = cells({
  anonymous: "signin",
  students: "denied",
  staff: "200",
  otherInstructor: "404",
});

// ---------------------------------------------------------------------------------------------- pages

export interface PageRow {
  /** The address to request, from the fixtures. */
  path: (f: Fixtures) => string;
  expect: Row;
  /** More addresses of the same page worth a row of their own (drafts, other states). */
  also?: { label: string; path: (f: Fixtures) => string; expect: Row }[];
}

/** Keyed by the page file. */
export const PAGES: Record<string, PageRow> = {
  "src/app/page.tsx": { path: () => "/", expect: PUBLIC },
  "src/app/privacy/page.tsx": { path: () => "/privacy", expect: PUBLIC },
  "src/app/developers/api/page.tsx": { path: () => "/developers/api", expect: PUBLIC },
  "src/app/status/page.tsx": { path: () => "/status", expect: PUBLIC },
  "src/app/courses/page.tsx": { path: () => "/courses", expect: PUBLIC },
  "src/app/courses/[slug]/page.tsx": {
    path: (f) => `/courses/${f.paid.slug}`,
    expect: PUBLIC,
    also: [
      {
        label: "a draft course (the owner's alone)",
        path: (f) => `/courses/${f.draft.slug}`,
        expect: cells({ all: "404", owner: "200", admin: "200" }),
      },
    ],
  },
  "src/app/certificates/[number]/page.tsx": {
    path: (f) => `/certificates/${f.certificateNumber}`,
    expect: PUBLIC,
  },
  "src/app/signin/page.tsx": {
    path: () => "/signin",
    expect: cells({ anonymous: "200", signedIn: "->/dashboard" }),
  },
  "src/app/signin/check-email/page.tsx": { path: () => "/signin/check-email", expect: PUBLIC },
  "src/app/signin/error/page.tsx": { path: () => "/signin/error?error=Verification", expect: PUBLIC },
  // Demo mode (the e2e server's): the mailbox and overview are open to anyone (production: 404, tested elsewhere).
  "src/app/dev/page.tsx": { path: () => "/dev", expect: PUBLIC },
  "src/app/dev/mailbox/page.tsx": { path: () => "/dev/mailbox", expect: PUBLIC },
  "src/app/account/receipts/[id]/page.tsx": {
    // The enrolled student's paid demo checkout: theirs and the admins' to see, nobody else's.
    path: (f) => `/account/receipts/${f.checkout.paymentId}`,
    expect: cells({ anonymous: "signin", signedIn: "404", enrolled: "200", admin: "200" }),
  },
  "src/app/goodbye/page.tsx": { path: () => "/goodbye", expect: PUBLIC },
  "src/app/account/page.tsx": { path: () => "/account", expect: SIGNED_IN_PAGE },
  "src/app/account/confirm/page.tsx": {
    path: () => "/account/confirm?token=not-a-token",
    expect: SIGNED_IN_PAGE,
  },
  "src/app/dashboard/page.tsx": { path: () => "/dashboard", expect: SIGNED_IN_PAGE },
  "src/app/checkout/demo/[sessionId]/page.tsx": {
    path: (f) => `/checkout/demo/${f.checkout.sessionId}`,
    expect: cells({ anonymous: "signin", signedIn: "404", enrolled: "200" }),
  },
  "src/app/checkout/return/page.tsx": {
    path: (f) => `/checkout/return?payment=${f.checkout.paymentId}`,
    expect: cells({ anonymous: "signin", signedIn: "404", enrolled: "200" }),
  },
  "src/app/learn/[slug]/[lessonId]/page.tsx": {
    path: (f) => `/learn/${f.paid.slug}/${f.paid.lessonIds[0]}`,
    expect: cells({ anonymous: "signin", signedIn: "closed", enrolled: "200", staff: "200" }),
    also: [
      {
        label: "a lesson of a draft module",
        path: (f) => `/learn/${f.paid.slug}/${f.paid.draftLessonId}`,
        expect: cells({ anonymous: "signin", signedIn: "404" }),
      },
      {
        label: "a lesson of a draft course (staff preview)",
        path: (f) => `/learn/${f.draft.slug}/${f.draft.lessonId}`,
        expect: cells({ anonymous: "signin", signedIn: "404", owner: "200", admin: "200" }),
      },
    ],
  },
  "src/app/instructor/page.tsx": { path: () => "/instructor", expect: TEACH_PAGE },
  "src/app/instructor/courses/new/page.tsx": { path: () => "/instructor/courses/new", expect: TEACH_PAGE },
  "src/app/instructor/courses/[id]/page.tsx": {
    path: (f) => `/instructor/courses/${f.paid.id}`,
    expect: COURSE_STAFF_PAGE,
    also: [
      {
        label: "the draft course, not the co-instructor's",
        path: (f) => `/instructor/courses/${f.draft.id}`,
        expect: cells({ ...COURSE_STAFF_PAGE, coInstructor: "404" }),
      },
    ],
  },
  "src/app/instructor/courses/[id]/coupons/page.tsx": {
    // A co-instructor is told only the owner manages coupons (a 200 page with that message).
    path: (f) => `/instructor/courses/${f.paid.id}/coupons`,
    expect: COURSE_STAFF_PAGE,
  },
  "src/app/instructor/courses/[id]/analytics/page.tsx": {
    path: (f) => `/instructor/courses/${f.paid.id}/analytics`,
    expect: COURSE_STAFF_PAGE,
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/page.tsx": {
    path: (f) => `/instructor/courses/${f.paid.id}/lessons/${f.paid.lessonIds[0]}`,
    expect: COURSE_STAFF_PAGE,
    also: [
      {
        label: "a quiz lesson (with the quiz editor)",
        path: (f) => `/instructor/courses/${f.paid.id}/lessons/${f.paid.quizLessonId}`,
        expect: COURSE_STAFF_PAGE,
      },
    ],
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/results/page.tsx": {
    path: (f) => `/instructor/courses/${f.paid.id}/lessons/${f.paid.quizLessonId}/results`,
    expect: COURSE_STAFF_PAGE,
  },
  "src/app/instructor/reviews/page.tsx": { path: () => "/instructor/reviews", expect: TEACH_PAGE },
  "src/app/instructor/reviews/[id]/page.tsx": {
    path: (f) => `/instructor/reviews/${f.paid.assignmentSubmissionId}`,
    expect: COURSE_STAFF_PAGE,
  },
  "src/app/admin/page.tsx": { path: () => "/admin", expect: ADMIN_PAGE },
  "src/app/admin/audit/page.tsx": { path: () => "/admin/audit", expect: ADMIN_PAGE },
  "src/app/admin/courses/page.tsx": { path: () => "/admin/courses", expect: ADMIN_PAGE },
  "src/app/admin/health/page.tsx": { path: () => "/admin/health", expect: ADMIN_PAGE },
  "src/app/admin/payments/page.tsx": { path: () => "/admin/payments", expect: ADMIN_PAGE },
  "src/app/admin/coupons/page.tsx": { path: () => "/admin/coupons", expect: ADMIN_PAGE },
  "src/app/admin/reviews/page.tsx": { path: () => "/admin/reviews", expect: ADMIN_PAGE },
  "src/app/admin/webhooks/page.tsx": { path: () => "/admin/webhooks", expect: ADMIN_PAGE },
  "src/app/admin/webhooks/[id]/page.tsx": {
    path: (f) => `/admin/webhooks/${f.webhookEndpointId}`,
    expect: ADMIN_PAGE,
  },
  "src/app/admin/users/page.tsx": { path: () => "/admin/users", expect: ADMIN_PAGE },
  "src/app/admin/users/[id]/page.tsx": {
    path: (f) => `/admin/users/${f.users.student.id}`,
    expect: ADMIN_PAGE,
  },
};

// ------------------------------------------------------------------------------- route handlers

export interface RouteRow {
  /**
   * "registry": the handler mounts the operation registry (through next-adapter); every operation whose path
   * falls under this route is then a row of OPERATIONS, and the test checks at least one does.
   */
  mounts?: "registry";
  /** A request to the handler itself, with its expected status per actor. */
  probe?: { method: string; path: (f: Fixtures) => string; expect: Row };
}

/** Keyed by the file: route.ts handlers and code metadata routes (robots.ts, sitemap.ts). */
export const ROUTES: Record<string, RouteRow> = {
  "src/app/api/v1/[...path]/route.ts": {
    mounts: "registry",
    probe: { method: "GET", path: () => "/api/v1/no-such-operation", expect: cells({ all: "404" }) },
  },
  "src/app/api/health/route.ts": { mounts: "registry" },
  "src/app/api/webhooks/stripe/route.ts": { mounts: "registry" },
  "src/app/certificates/[number]/pdf/route.ts": { mounts: "registry" },
  "src/app/.well-known/did.json/route.ts": { mounts: "registry" },
  "src/app/credentials/status/[list]/route.ts": { mounts: "registry" },
  "src/app/admin/users/[id]/export/route.ts": { mounts: "registry" },
  "src/app/sandbox/[...path]/route.ts": { mounts: "registry" },
  "src/app/api/auth/[...nextauth]/route.ts": {
    probe: { method: "GET", path: () => "/api/auth/session", expect: PUBLIC },
  },
  "src/app/robots.ts": { probe: { method: "GET", path: () => "/robots.txt", expect: PUBLIC } },
  "src/app/sitemap.ts": { probe: { method: "GET", path: () => "/sitemap.xml", expect: PUBLIC } },
};

// ------------------------------------------------------------------------------- JSON operations

export interface OperationRow {
  /** Path parameters from the fixtures. */
  params?: (f: Fixtures) => Record<string, string>;
  /** The JSON body for writes: a valid one where the service should be reached, else {} (then 422). */
  body?: (f: Fixtures) => unknown;
  expect: Row;
  /** More parameters worth a row of their own. */
  also?: { label: string; params: (f: Fixtures) => Record<string, string>; expect: Row }[];
}

const SIGNED_IN_READ = cells({ anonymous: "401", signedIn: "200" });
const ADMIN_OP = cells({ anonymous: "401", signedIn: "403", admin: "200" });
/** An authoring operation on the paid course: its staff get `staff`; other instructors do not see it. */
const AUTHOR_API = (staff: Outcome) =>
  cells({ anonymous: "401", students: "403", instructors: "404", staff });
const paidSlug = (f: Fixtures) => ({ slug: f.paid.slug });

/** Keyed by "METHOD /path/{param}", as in the registry. */
export const OPERATIONS: Record<string, OperationRow> = {
  "GET /api/v1/platform": { expect: PUBLIC },
  "GET /api/v1/openapi.json": { expect: PUBLIC },
  "GET /api/health": { expect: PUBLIC },
  "GET /api/v1/courses": { expect: PUBLIC },
  "GET /api/v1/courses/{slug}": {
    params: paidSlug,
    expect: PUBLIC,
    also: [
      { label: "a draft course", params: (f) => ({ slug: f.draft.slug }), expect: cells({ all: "404" }) },
    ],
  },
  "GET /api/v1/courses/{slug}/reviews": { params: paidSlug, expect: PUBLIC },
  "GET /api/v1/certificates/{number}": { params: (f) => ({ number: f.certificateNumber }), expect: PUBLIC },
  "GET /certificates/{number}/pdf": { params: (f) => ({ number: f.certificateNumber }), expect: PUBLIC },
  "GET /api/v1/certificates/{number}/credential": {
    params: (f) => ({ number: f.certificateNumber }),
    expect: PUBLIC,
  },
  // Anyone may check a credential; an empty object is not one (200 with the verdict "tampered").
  "POST /api/v1/credentials/verify": { body: () => ({}), expect: PUBLIC },
  "GET /.well-known/did.json": { expect: PUBLIC },
  "GET /credentials/status/{list}": {
    params: () => ({ list: "0" }),
    expect: PUBLIC,
    also: [
      {
        label: "a list past the last position",
        params: () => ({ list: "99" }),
        expect: cells({ all: "404" }),
      },
    ],
  },
  "POST /api/v1/courses/{slug}/enrollment": {
    params: paidSlug,
    expect: cells({ anonymous: "401", signedIn: "402", enrolled: "200", suspended: "403" }),
  },
  "GET /api/v1/lessons/{id}": {
    params: (f) => ({ id: f.paid.lessonIds[0] }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
    also: [
      {
        label: "a lesson of a draft module",
        params: (f) => ({ id: f.paid.draftLessonId }),
        expect: cells({ anonymous: "401", signedIn: "404" }),
      },
      {
        label: "a lesson of a draft course",
        params: (f) => ({ id: f.draft.lessonId }),
        expect: cells({ anonymous: "401", signedIn: "404", owner: "200", admin: "200" }),
      },
    ],
  },
  "PUT /api/v1/lessons/{id}/progress": {
    params: (f) => ({ id: f.paid.lessonIds[0] }),
    body: () => ({ completed: true }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200" }),
  },
  "GET /api/v1/lessons/{id}/quiz": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
    also: [
      {
        label: "a lesson that is not a quiz",
        params: (f) => ({ id: f.paid.lessonIds[0] }),
        expect: cells({ anonymous: "401", signedIn: "404" }),
      },
    ],
  },
  "GET /api/v1/lessons/{id}/quiz/attempts": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "POST /api/v1/lessons/{id}/quiz/attempts": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    // Staff preview a quiz; taking it needs an enrollment.
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "201" }),
  },
  "GET /api/v1/quiz-attempts/{id}": {
    params: (f) => ({ id: f.paid.quizAttemptId }),
    expect: cells({ anonymous: "401", signedIn: "404", enrolled: "200", staff: "200" }),
  },
  "PUT /api/v1/quiz-attempts/{id}/answers": {
    params: (f) => ({ id: f.paid.quizAttemptId }),
    body: () => ({ answers: [] }),
    // The attempt is submitted: its student gets 409; nobody else learns it exists.
    expect: cells({ anonymous: "401", signedIn: "404", enrolled: "409" }),
  },
  "POST /api/v1/quiz-attempts/{id}/submission": {
    params: (f) => ({ id: f.paid.quizAttemptId }),
    body: () => ({ answers: [] }),
    expect: cells({ anonymous: "401", signedIn: "404", enrolled: "409" }),
  },
  "GET /api/v1/instructor/lessons/{id}/quiz": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "PUT /api/v1/instructor/lessons/{id}/quiz": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    // A valid save from a stale version: staff reach the version check (409) and change nothing.
    body: () => ({ version: 999, settings: {}, questions: [] }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "409" }),
  },
  "GET /api/v1/instructor/lessons/{id}/quiz/accommodations": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "PUT /api/v1/instructor/lessons/{id}/quiz/accommodations": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    // Someone who is not a student of the course: staff reach the service, which refuses (422).
    body: () => ({ email: "nobody-in-this-course@example.com", extraTimePercent: 25, extraAttempts: 1 }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "422" }),
  },
  "GET /api/v1/instructor/lessons/{id}/quiz/analytics": {
    params: (f) => ({ id: f.paid.quizLessonId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "GET /api/v1/instructor/courses/{id}/quiz-scores.csv": {
    params: (f) => ({ id: f.paid.id }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "GET /api/v1/lessons/{id}/assignment": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "PUT /api/v1/lessons/{id}/assignment/draft": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    body: () => ({ text: "A change." }),
    // The enrolled student's work has passed: it is final.
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "409" }),
  },
  "POST /api/v1/lessons/{id}/assignment/files": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    // Refused before the body is read (which is JSON here): the enrolled student's work has passed.
    body: () => ({}),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "409" }),
  },
  "DELETE /api/v1/lessons/{id}/assignment/files/{fileId}": {
    params: (f) => ({ id: f.paid.assignmentLessonId, fileId: f.paid.assignmentFileId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "409" }),
  },
  "GET /api/v1/files/{id}": {
    params: (f) => ({ id: f.paid.assignmentFileId }),
    // Its student and the course's staff (it was handed in); nobody else learns that it exists.
    expect: cells({ anonymous: "401", signedIn: "404", enrolled: "200", staff: "200" }),
  },
  "POST /api/v1/lessons/{id}/assignment/submission": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "409" }),
  },
  "GET /api/v1/instructor/submissions": {
    expect: cells({ anonymous: "401", students: "403", instructors: "200", admin: "200" }),
  },
  "GET /api/v1/submissions/{id}": {
    params: (f) => ({ id: f.paid.assignmentSubmissionId }),
    expect: cells({ anonymous: "401", signedIn: "404", enrolled: "200", staff: "200" }),
  },
  "POST /api/v1/submissions/{id}/claim": {
    params: (f) => ({ id: f.paid.assignmentSubmissionId }),
    // Passed work is not waiting: staff reach the service and get 409.
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "409" }),
  },
  "POST /api/v1/submissions/{id}/release": {
    params: (f) => ({ id: f.paid.assignmentSubmissionId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "POST /api/v1/submissions/{id}/review": {
    params: (f) => ({ id: f.paid.assignmentSubmissionId }),
    body: () => ({ decision: "PASS", feedback: "" }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "409" }),
  },
  // The authoring API: the instructor pages' services, so the same cells as their pages and actions. Writes
  // reach the service and are refused (409), or change nothing, so the fixtures stay as they are.
  "GET /api/v1/instructor/courses": {
    expect: cells({ anonymous: "401", students: "403", instructors: "200", admin: "200" }),
  },
  "POST /api/v1/instructor/courses": {
    // A valid course with the paid course's address: instructors reach the service, which refuses (409).
    body: (f) => ({
      title: "Matrix copy",
      slug: f.paid.slug,
      description: "A copy.",
      price: "0",
      difficulty: "BEGINNER",
    }),
    expect: cells({ anonymous: "401", students: "403", instructors: "409", admin: "409" }),
  },
  "GET /api/v1/instructor/courses/{id}": {
    params: (f) => ({ id: f.paid.id }),
    expect: AUTHOR_API("200"),
    also: [
      {
        label: "the draft course, not the co-instructor's",
        params: (f) => ({ id: f.draft.id }),
        expect: cells({ anonymous: "401", students: "403", instructors: "404", owner: "200", admin: "200" }),
      },
    ],
  },
  "PATCH /api/v1/instructor/courses/{id}": {
    params: (f) => ({ id: f.paid.id }),
    // The draft course's address: taken (409), nothing saved.
    body: (f) => ({ slug: f.draft.slug }),
    expect: AUTHOR_API("409"),
  },
  "DELETE /api/v1/instructor/courses/{id}": {
    // It has enrollments and payments: the owner and admins reach the service and are refused (409).
    params: (f) => ({ id: f.paid.id }),
    expect: cells({
      anonymous: "401",
      students: "403",
      instructors: "404",
      staff: "409",
      coInstructor: "403",
    }),
  },
  "POST /api/v1/instructor/courses/{id}/publish": {
    // Already published: nothing changes.
    params: (f) => ({ id: f.paid.id }),
    expect: AUTHOR_API("200"),
  },
  "POST /api/v1/instructor/courses/{id}/unpublish": {
    // Students are enrolled and the body does not confirm their number (409).
    params: (f) => ({ id: f.paid.id }),
    body: () => ({}),
    expect: AUTHOR_API("409"),
  },
  "GET /api/v1/instructor/courses/{id}/modules": {
    params: (f) => ({ id: f.paid.id }),
    expect: AUTHOR_API("200"),
  },
  "POST /api/v1/instructor/courses/{id}/modules": {
    // A course that does not exist: who may author is told it is not found, a student is refused first.
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    body: () => ({ title: "Matrix module" }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", admin: "404" }),
  },
  "PUT /api/v1/instructor/courses/{id}/modules/order": {
    // The current order, unchanged.
    params: (f) => ({ id: f.paid.id }),
    body: (f) => ({
      previousIds: [f.paid.moduleId, f.paid.draftModuleId],
      ids: [f.paid.moduleId, f.paid.draftModuleId],
    }),
    expect: AUTHOR_API("200"),
  },
  "GET /api/v1/instructor/modules/{id}": {
    params: (f) => ({ id: f.paid.moduleId }),
    expect: AUTHOR_API("200"),
  },
  "PATCH /api/v1/instructor/modules/{id}": {
    // Its current title: nothing changes.
    params: (f) => ({ id: f.paid.moduleId }),
    body: () => ({ title: "Module one" }),
    expect: AUTHOR_API("200"),
  },
  "DELETE /api/v1/instructor/modules/{id}": {
    // The last published module of a published course: refused (409).
    params: (f) => ({ id: f.paid.moduleId }),
    expect: AUTHOR_API("409"),
  },
  "GET /api/v1/instructor/modules/{id}/lessons": {
    params: (f) => ({ id: f.paid.moduleId }),
    expect: AUTHOR_API("200"),
  },
  "POST /api/v1/instructor/modules/{id}/lessons": {
    // A published module of a published course: an empty lesson is refused (409).
    params: (f) => ({ id: f.paid.moduleId }),
    body: () => ({ title: "Matrix lesson" }),
    expect: AUTHOR_API("409"),
  },
  "PUT /api/v1/instructor/modules/{id}/lessons/order": {
    // An order the module no longer has (stale): 409.
    params: (f) => ({ id: f.paid.moduleId }),
    body: (f) => ({
      previousIds: [f.paid.lessonIds[1], f.paid.lessonIds[0]],
      ids: [f.paid.lessonIds[0], f.paid.lessonIds[1]],
    }),
    expect: AUTHOR_API("409"),
  },
  "GET /api/v1/instructor/lessons/{id}": {
    params: (f) => ({ id: f.paid.lessonIds[0] }),
    expect: AUTHOR_API("200"),
    also: [
      {
        label: "a lesson of the draft course, not the co-instructor's",
        params: (f) => ({ id: f.draft.lessonId }),
        expect: cells({ anonymous: "401", students: "403", instructors: "404", owner: "200", admin: "200" }),
      },
    ],
  },
  "PATCH /api/v1/instructor/lessons/{id}": {
    // Emptying a lesson of a published module of a published course: refused (409).
    params: (f) => ({ id: f.paid.lessonIds[0] }),
    body: () => ({ content: "   " }),
    expect: AUTHOR_API("409"),
  },
  "DELETE /api/v1/instructor/lessons/{id}": {
    // Students have progress in it: refused without the confirmed count (409).
    params: (f) => ({ id: f.paid.lessonIds[0] }),
    expect: AUTHOR_API("409"),
  },
  "GET /api/v1/instructor/courses/{id}/instructors": {
    params: (f) => ({ id: f.paid.id }),
    expect: AUTHOR_API("200"),
  },
  "POST /api/v1/instructor/courses/{id}/instructors": {
    // Already on the team: nothing changes (200) for the owner and admins; a co-instructor may not (403).
    params: (f) => ({ id: f.paid.id }),
    body: (f) => ({ email: f.users.coInstructor.email }),
    expect: cells({
      anonymous: "401",
      students: "403",
      instructors: "404",
      staff: "200",
      coInstructor: "403",
    }),
  },
  "DELETE /api/v1/instructor/courses/{id}/instructors/{userId}": {
    // The owner is never removed, not even by an admin or by leaving (409); a co-instructor may not (403).
    params: (f) => ({ id: f.paid.id, userId: f.users.owner.id }),
    expect: cells({
      anonymous: "401",
      students: "403",
      instructors: "404",
      staff: "409",
      coInstructor: "403",
    }),
  },
  "GET /api/v1/instructor/lessons/{id}/assignment": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "200" }),
  },
  "PUT /api/v1/instructor/lessons/{id}/assignment": {
    params: (f) => ({ id: f.paid.assignmentLessonId }),
    body: () => ({ version: 999, textAllowed: true, linksAllowed: false }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", staff: "409" }),
  },
  "GET /api/v1/lessons/{id}/exercises": {
    params: (f) => ({ id: f.paid.interactiveLessonId }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "PUT /api/v1/exercises/{id}/code": {
    params: (f) => ({ id: f.paid.exerciseId }),
    body: () => ({ code: "x = 0  # still thinking" }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "POST /api/v1/exercises/{id}/results": {
    params: (f) => ({ id: f.paid.exerciseId }),
    // A failing check: recorded for the student, a preview (nothing recorded) for the staff.
    body: () => ({ code: "x = 0", checks: [{ name: "x is 1", passed: false }] }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "GET /api/v1/exercises/{id}/solution": {
    params: (f) => ({ id: f.paid.exerciseId }),
    // The enrolled student recorded a failing check, which opens the solution.
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200", staff: "200" }),
  },
  "GET /api/v1/instructor/lessons/{id}/exercises": {
    params: (f) => ({ id: f.paid.interactiveLessonId }),
    expect: cells({ anonymous: "401", signedIn: "404", staff: "200" }),
  },
  "PUT /api/v1/instructor/lessons/{id}/exercises": {
    params: (f) => ({ id: f.paid.interactiveLessonId }),
    // The fixture's exercise as it is (a save that changes nothing): staff save it, everyone else learns nothing.
    body: (f) => ({
      items: [
        {
          id: f.paid.exerciseId,
          language: "python",
          starterCode: "x = 0",
          checks: [{ name: "x is 1", code: "assert x == 1" }],
          solution: "x = 1",
        },
      ],
    }),
    expect: cells({ anonymous: "401", signedIn: "404", staff: "200" }),
  },
  "GET /sandbox/runner": { expect: PUBLIC },
  "GET /sandbox/runtime/{version}/{name}": {
    params: (f) => ({ version: f.sandboxRuntimeVersion, name: "driver.py" }),
    expect: PUBLIC,
    also: [
      {
        label: "another version",
        params: () => ({ version: "0000000000000000", name: "driver.py" }),
        expect: cells({ all: "404" }),
      },
    ],
  },
  "GET /api/v1/me/enrollments": { expect: SIGNED_IN_READ },
  "GET /api/v1/me/certificates": { expect: SIGNED_IN_READ },
  "GET /api/v1/me/payments": { expect: SIGNED_IN_READ },
  "POST /api/v1/admin/courses/{id}/prerequisite-exceptions": {
    params: (f) => ({ id: f.paid.id }),
    body: (f) => ({ userId: f.users.student.id }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "201" }),
  },
  "GET /api/v1/courses/{slug}/price": { params: paidSlug, expect: PUBLIC },
  "POST /api/v1/courses/{slug}/checkout": {
    params: paidSlug,
    // An unknown code: whoever may buy reaches the coupon check and is refused (422), so nothing is bought;
    // the course's students already have it (409).
    body: () => ({ couponCode: "NO-SUCH-COUPON" }),
    expect: cells({ anonymous: "401", signedIn: "422", enrolled: "409", suspended: "409" }),
  },
  "GET /api/v1/coupons": {
    expect: cells({ anonymous: "401", students: "403", instructors: "200", admin: "200" }),
  },
  "POST /api/v1/coupons": {
    body: (f) => ({
      code: `MATRIX-${Math.random().toString(36).slice(2, 10)}`,
      percentOff: 10,
      courseId: f.paid.id,
    }),
    expect: cells({
      anonymous: "401",
      students: "403",
      owner: "201",
      coInstructor: "403",
      otherInstructor: "404",
      admin: "201",
    }),
  },
  "GET /api/v1/coupons/{id}": {
    params: (f) => ({ id: f.paidCouponId }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", owner: "200", admin: "200" }),
  },
  "PATCH /api/v1/coupons/{id}": {
    params: (f) => ({ id: f.paidCouponId }),
    body: () => ({ active: true }),
    expect: cells({ anonymous: "401", students: "403", instructors: "404", owner: "200", admin: "200" }),
  },
  // Webhooks: admins only. Destructive writes aim at an id that is not there; no address is ever reached.
  "GET /api/v1/admin/webhooks": { expect: ADMIN_OP },
  "POST /api/v1/admin/webhooks": {
    // An address that never answers (the matrix's worker only fails to resolve it).
    body: () => ({ url: "https://hooks.example.com/new", events: ["user.deleted"] }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "201" }),
  },
  "GET /api/v1/admin/webhooks/{id}": { params: (f) => ({ id: f.webhookEndpointId }), expect: ADMIN_OP },
  "PATCH /api/v1/admin/webhooks/{id}": {
    params: (f) => ({ id: f.webhookEndpointId }),
    body: () => ({ description: "Matrix" }),
    expect: ADMIN_OP,
  },
  "DELETE /api/v1/admin/webhooks/{id}": {
    // An id that is not there: the admin reaches the service (404), everyone else is refused before.
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "404" }),
  },
  "POST /api/v1/admin/webhooks/{id}/secret": {
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "404" }),
  },
  "POST /api/v1/admin/webhooks/{id}/test": {
    params: (f) => ({ id: f.webhookEndpointId }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "202" }),
  },
  "GET /api/v1/admin/webhooks/{id}/deliveries": {
    params: (f) => ({ id: f.webhookEndpointId }),
    expect: ADMIN_OP,
  },
  "POST /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/resend": {
    params: () => ({
      id: "00000000-0000-4000-8000-000000000000",
      deliveryId: "00000000-0000-4000-8000-000000000000",
    }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "404" }),
  },
  "GET /api/v1/me": { expect: SIGNED_IN_READ },
  "PATCH /api/v1/me": {
    // Neither field: refused by validation, so the matrix renames nobody.
    body: () => ({}),
    expect: cells({ anonymous: "401", signedIn: "422" }),
  },
  "GET /api/v1/me/tokens": { expect: SIGNED_IN_READ },
  "POST /api/v1/me/tokens": {
    body: () => ({ name: "", scopes: [] }),
    expect: cells({ anonymous: "401", signedIn: "422" }),
  },
  "DELETE /api/v1/me/tokens/{id}": {
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    expect: cells({ anonymous: "401", signedIn: "404" }),
  },
  "GET /api/v1/me/export": { expect: SIGNED_IN_READ },
  "GET /api/v1/me/sessions": { expect: SIGNED_IN_READ },
  "DELETE /api/v1/me/sessions/{id}": {
    // Someone else's session is not yours to revoke: the admin's session id, as every actor's target.
    params: () => ({ id: "00000000-0000-4000-8000-000000000000" }),
    expect: cells({ anonymous: "401", signedIn: "404" }),
  },
  "DELETE /api/v1/me": {
    body: () => ({}),
    // Who is asking comes first: anonymous is 401 whatever the body; a signed-in caller reaches validation.
    expect: cells({ anonymous: "401", signedIn: "422" }),
  },
  "PUT /api/v1/courses/{slug}/review": {
    params: paidSlug,
    body: () => ({ rating: 5, comment: "Clear and useful." }),
    expect: cells({ anonymous: "401", signedIn: "403", enrolled: "200" }),
  },
  "DELETE /api/v1/courses/{slug}/review": {
    // The free course, where nobody has a review: deleting the fixture review would empty the report rows.
    params: (f) => ({ slug: f.free.slug }),
    expect: cells({ anonymous: "401", signedIn: "404" }),
  },
  "POST /api/v1/reviews/{id}/report": {
    params: (f) => ({ id: f.reviewId }),
    body: () => ({ reason: "Authorization matrix probe." }),
    // Its author cannot report it.
    expect: cells({ anonymous: "401", signedIn: "202", enrolled: "403" }),
  },
  "POST /api/webhooks/stripe": { body: () => ({}), expect: cells({ all: "404" }) },
  "GET /admin/users/{id}/export": {
    params: (f) => ({ id: f.users.student.id }),
    expect: cells({ anonymous: "401", signedIn: "403", admin: "200" }),
  },
};

// ---------------------------------------------------------------------------------- server actions

export interface ActionRow {
  /** The action's arguments (a FormData for form actions), built per actor from the fixtures. */
  args: (f: Fixtures, actor: ActorName) => unknown[];
  /** Probe with a session made just for this call (actions that sign out or revoke other sessions). */
  freshSession?: boolean;
  /** Probe after the ordinary rows (its success changes what they see). */
  last?: boolean;
  expect: Row;
}

export const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
};
const formArgs =
  (fields: (f: Fixtures, actor: ActorName) => Record<string, string>) => (f: Fixtures, actor: ActorName) => [
    null,
    form(fields(f, actor)),
  ];

const ACCOUNT_ACTION = cells({ anonymous: "signin", signedIn: "ok" });
const ADMIN_ACTION = cells({ anonymous: "signin", signedIn: "forbidden", admin: "ok" });
const STAFF_ACTION = (staff: Outcome) =>
  cells({ anonymous: "signin", students: "forbidden", staff, otherInstructor: "notfound" });
const TEAM_ACTION = (owner: Outcome) =>
  cells({
    anonymous: "signin",
    students: "forbidden",
    owner,
    admin: owner,
    coInstructor: "forbidden",
    otherInstructor: "notfound",
  });

const courseFields = (f: Fixtures) => ({
  courseId: f.paid.id,
  title: "Matrix Paid course",
  slug: f.paid.slug,
  description: "The authorization matrix's paid course.",
  price: "49.00",
  difficulty: "BEGINNER",
  imageUrl: "",
  metaTitle: "",
  metaDescription: "",
});

/** Keyed by "file#exportedName", as the build's server-reference manifest names them. */
export const ACTIONS: Record<string, ActionRow> = {
  // Account: each acts on the caller's own account only.
  "src/app/account/actions.ts#saveProfile": {
    args: formArgs((_f, a) => ({ name: `Matrix ${a}`, image: "" })),
    expect: ACCOUNT_ACTION,
  },
  "src/app/account/actions.ts#revokeSessionAction": {
    args: formArgs(() => ({ sessionId: "00000000-0000-4000-8000-000000000000" })),
    expect: cells({ anonymous: "signin", signedIn: "notfound" }),
  },
  "src/app/account/actions.ts#revokeOthersAction": {
    args: () => [],
    freshSession: true,
    expect: ACCOUNT_ACTION,
  },
  "src/app/account/actions.ts#createTokenAction": {
    // No name and no scope: refused by validation, so no token is made.
    args: formArgs(() => ({ name: "" })),
    expect: cells({ anonymous: "signin", signedIn: "refused" }),
  },
  "src/app/account/actions.ts#revokeTokenAction": {
    args: formArgs(() => ({ tokenId: "00000000-0000-4000-8000-000000000000" })),
    expect: cells({ anonymous: "signin", signedIn: "notfound" }),
  },
  "src/app/account/actions.ts#unlinkAccountAction": {
    args: formArgs(() => ({ provider: "github" })),
    expect: cells({ anonymous: "signin", signedIn: "notfound" }),
  },
  "src/app/account/actions.ts#signOutAction": {
    args: () => [],
    freshSession: true,
    expect: cells({ all: "->/" }),
  },
  "src/app/account/actions.ts#deleteAccount": {
    args: formArgs(() => ({ confirmEmail: "not-my-address@example.com" })),
    expect: cells({ anonymous: "signin", signedIn: "refused" }),
  },
  "src/app/account/actions.ts#requestConfirmationAction": {
    args: () => [],
    expect: cells({ anonymous: "signin", signedIn: "->/account?confirmation=sent" }),
  },
  "src/app/signin/actions.ts#requestSignInLink": {
    args: formArgs(() => ({ email: "not an address" })),
    expect: cells({ all: "refused" }),
  },
  "src/app/signin/actions.ts#signInWithProvider": {
    args: () => [form({ provider: "github" })],
    expect: cells({ all: "void" }),
  },
  // Admin console.
  "src/app/admin/courses/actions.ts#featureAction": {
    args: formArgs((f) => ({ courseId: f.paid.id, featured: "false" })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/payments/actions.ts#refundAction": {
    // Already refunded: the admin reaches the service and is refused (409); nobody else gets that far.
    args: formArgs((f) => ({ paymentId: f.refundedPaymentId, amount: "", confirm: "yes" })),
    expect: cells({ anonymous: "signin", signedIn: "forbidden", admin: "refused" }),
  },
  "src/app/admin/reviews/actions.ts#moderateReviewAction": {
    args: formArgs((f) => ({
      intent: "hide",
      reviewId: f.reviewId,
      reason: "Matrix probe.",
      courseSlug: f.paid.slug,
    })),
    // Hiding the fixture review would make the report probes "not found": after the others. A decision ends
    // on the list, the outcome said at the top.
    last: true,
    expect: cells({ anonymous: "signin", signedIn: "forbidden", admin: "->/admin/reviews?done=hidden" }),
  },
  "src/app/admin/users/actions.ts#changeRoleAction": {
    args: formArgs((f) => ({ userId: f.users.student.id, role: "STUDENT" })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/users/actions.ts#prerequisiteExceptionAction": {
    args: formArgs((f) => ({ userId: f.users.student.id, courseId: f.free.id })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/users/actions.ts#enrollmentStatusAction": {
    args: formArgs((f) => ({
      userId: f.users.enrolled.id,
      enrollmentId: f.enrolledEnrollmentId,
      action: "reinstate",
    })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/webhooks/actions.ts#createWebhookAction": {
    // No events chosen: the admin is refused by validation, so the matrix registers nothing.
    args: formArgs(() => ({ url: "https://hooks.example.com/new" })),
    expect: cells({ anonymous: "signin", signedIn: "forbidden", admin: "refused" }),
  },
  "src/app/admin/webhooks/actions.ts#updateWebhookAction": {
    args: formArgs((f) => ({
      id: f.webhookEndpointId,
      url: "https://hooks.example.com/matrix",
      "event:user.deleted": "on",
    })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/webhooks/actions.ts#setWebhookEnabledAction": {
    args: formArgs((f) => ({ id: f.webhookEndpointId, enabled: "true" })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/webhooks/actions.ts#rotateWebhookSecretAction": {
    args: formArgs(() => ({ id: "00000000-0000-4000-8000-000000000000" })),
    expect: cells({ anonymous: "signin", signedIn: "forbidden", admin: "notfound" }),
  },
  "src/app/admin/webhooks/actions.ts#sendTestWebhookAction": {
    args: formArgs((f) => ({ id: f.webhookEndpointId })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/webhooks/actions.ts#resendWebhookDeliveryAction": {
    args: formArgs((f) => ({ id: f.webhookEndpointId, deliveryId: f.webhookDeliveryId })),
    expect: ADMIN_ACTION,
  },
  "src/app/admin/webhooks/actions.ts#deleteWebhookAction": {
    args: formArgs(() => ({ id: "00000000-0000-4000-8000-000000000000" })),
    expect: cells({ anonymous: "signin", signedIn: "forbidden", admin: "notfound" }),
  },
  "src/app/admin/coupons/actions.ts#createCouponAction": {
    args: formArgs((f) => ({
      code: `MATRIX-${Math.random().toString(36).slice(2, 10)}`,
      kind: "percent",
      value: "10",
      courseId: f.paid.id,
      perUserLimit: "1",
      active: "on",
    })),
    expect: cells({
      anonymous: "signin",
      students: "forbidden",
      owner: "ok",
      coInstructor: "forbidden",
      otherInstructor: "notfound",
      admin: "ok",
    }),
  },
  "src/app/admin/coupons/actions.ts#updateCouponAction": {
    args: formArgs((f) => ({ id: f.paidCouponId, only: "active", active: "on" })),
    expect: cells({
      anonymous: "signin",
      students: "forbidden",
      instructors: "notfound",
      owner: "ok",
      admin: "ok",
    }),
  },
  // Buying and learning.
  "src/app/checkout/actions.ts#buyAction": {
    args: formArgs((f) => ({ slug: f.paid.slug })),
    expect: cells({
      anonymous: "->/signin",
      signedIn: "->/checkout/demo/",
      enrolled: "refused",
      suspended: "refused",
    }),
  },
  "src/app/checkout/actions.ts#demoCheckoutAction": {
    args: (f) => [form({ sessionId: f.checkout.sessionId, choice: "cancel" })],
    // Anyone but the buyer has nothing to cancel: back to the dashboard, nothing changes.
    expect: cells({ all: "->/dashboard", enrolled: "->/courses/" }),
  },
  "src/app/learn/actions.ts#enrollAction": {
    args: formArgs((f) => ({ slug: f.paid.slug })),
    expect: cells({
      anonymous: "->/signin",
      signedIn: "refused",
      enrolled: "->/learn/",
      suspended: "forbidden",
    }),
  },
  "src/app/learn/actions.ts#previewAnswerAction": {
    args: () => ["**Matrix**"],
    expect: cells({ anonymous: "signin", signedIn: "ok" }),
  },
  "src/app/learn/actions.ts#setCertificateNameAction": {
    // The caller's own name (their certificates waiting for it are issued).
    args: formArgs((_f, a) => ({ name: `Matrix ${a}`, path: "/dashboard" })),
    expect: ACCOUNT_ACTION,
  },
  "src/app/learn/actions.ts#setCompletionAction": {
    args: (f) => [form({ slug: f.paid.slug, lessonId: f.paid.lessonIds[0], completed: "true" })],
    expect: cells({ all: "->/learn/?error=progress", enrolled: "->/learn/" }),
  },
  // Reviews on the course page.
  "src/app/courses/[slug]/actions.ts#saveReviewAction": {
    args: formArgs((f) => ({ slug: f.paid.slug, rating: "5", comment: "Clear and useful." })),
    expect: cells({ anonymous: "signin", signedIn: "refused", enrolled: "ok", suspended: "forbidden" }),
  },
  "src/app/courses/[slug]/actions.ts#deleteReviewAction": {
    args: formArgs((f) => ({ slug: f.free.slug })),
    expect: cells({ anonymous: "signin", signedIn: "notfound" }),
  },
  "src/app/courses/[slug]/actions.ts#reportReviewAction": {
    args: formArgs((f) => ({ reviewId: f.reviewId, reason: "Matrix probe." })),
    expect: cells({ anonymous: "signin", signedIn: "ok", enrolled: "forbidden" }),
  },
  // Authoring: the paid course's team and admins edit; only the owner and admins change the team or delete.
  "src/app/instructor/actions.ts#saveCourseAction": {
    args: formArgs((f) => courseFields(f)),
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/actions.ts#checkSlugAction": {
    // Checking an address for an existing course is part of editing it: its staff only.
    args: (f) => [f.paid.slug, f.paid.id],
    expect: cells({ anonymous: "signin", students: "forbidden", staff: "ok", otherInstructor: "notfound" }),
  },
  "src/app/instructor/actions.ts#publishAction": {
    args: formArgs((f) => ({ courseId: f.paid.id, intent: "publish" })),
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/actions.ts#deleteCourseAction": {
    // It has enrollments and payments: the owner and admins reach the service and are refused (409).
    args: formArgs((f) => ({ id: f.paid.id })),
    expect: TEAM_ACTION("refused"),
  },
  "src/app/instructor/actions.ts#saveModuleAction": {
    args: formArgs((f) => ({
      courseId: f.paid.id,
      moduleId: f.paid.moduleId,
      title: "Module one",
      description: "",
      published: "on",
    })),
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/actions.ts#deleteModuleAction": {
    // The last published module of a published course: refused (409) for those who may edit it.
    args: formArgs((f) => ({ id: f.paid.moduleId, confirmAffected: "0", courseId: f.paid.id })),
    expect: STAFF_ACTION("refused"),
  },
  "src/app/instructor/actions.ts#createLessonAction": {
    // Into the draft module: allowed in a published course.
    args: formArgs((f) => ({ courseId: f.paid.id, moduleId: f.paid.draftModuleId, title: "Matrix lesson" })),
    expect: STAFF_ACTION("->/instructor/courses/"),
  },
  "src/app/instructor/actions.ts#reorderAction": {
    args: (f) => [
      {
        kind: "modules",
        courseId: f.paid.id,
        parentId: f.paid.id,
        ids: [f.paid.moduleId, f.paid.draftModuleId],
        previousIds: [f.paid.moduleId, f.paid.draftModuleId],
      },
    ],
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/actions.ts#addInstructorAction": {
    args: formArgs((f) => ({ courseId: f.paid.id, email: f.users.coInstructor.email })),
    expect: TEAM_ACTION("ok"),
  },
  "src/app/instructor/actions.ts#removeInstructorAction": {
    // The owner is never removed, not even by an admin (409).
    args: formArgs((f) => ({ courseId: f.paid.id, userId: f.users.owner.id })),
    expect: TEAM_ACTION("refused"),
  },
  "src/app/instructor/actions.ts#transferOwnershipAction": {
    args: formArgs((f) => ({ courseId: f.paid.id, userId: f.users.owner.id })),
    expect: TEAM_ACTION("ok"),
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/actions.ts#saveLessonAction": {
    args: formArgs((f) => ({
      courseId: f.paid.id,
      lessonId: f.paid.lessonIds[0],
      title: "Lesson 1",
      lessonType: "TEXT",
      duration: "5",
      content: "Lesson 1 of the matrix course.",
      videoUrl: "",
      resourceUrl: "",
    })),
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/actions.ts#moveLessonAction": {
    args: formArgs((f) => ({
      courseId: f.paid.id,
      lessonId: f.paid.lessonIds[0],
      toModuleId: f.paid.moduleId,
    })),
    expect: STAFF_ACTION("ok"),
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/actions.ts#deleteLessonAction": {
    // Students have progress in it: refused without the confirmed count (409).
    args: formArgs((f) => ({ courseId: f.paid.id, id: f.paid.lessonIds[0], confirmAffected: "0" })),
    expect: STAFF_ACTION("refused"),
  },
  "src/app/instructor/courses/[id]/lessons/[lessonId]/actions.ts#previewMarkdownAction": {
    args: () => ["**Matrix**"],
    expect: cells({ anonymous: "signin", students: "forbidden", instructors: "ok", admin: "ok" }),
  },
};
