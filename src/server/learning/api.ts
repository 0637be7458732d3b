import { z } from "zod";
import { consumeRateLimit } from "../platform/rate-limit";
import { getEnv } from "../env";
import { defineOperation, download, reply } from "../http/operation";
import { certificatePdfCache } from "./certificate-pdf-cache";
import { ZApiError, ZLessonForbidden, ZPrerequisitesError } from "../http/problem";
import { findMyCertificates, verifyCertificate } from "./certificates";
import { findMyEnrollments } from "./dashboard";
import { enrollInCourse } from "./enroll";
import { getLessonForLearnerById } from "./access";
import { setLessonProgress } from "./progress";
import { ZProgressInput } from "./schemas";
import { grantPrerequisiteException, ZPrerequisiteException } from "./prerequisites";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });
const status = z.enum(["ACTIVE", "COMPLETED", "SUSPENDED", "REFUNDED"]);

export const ZEnrollment = z.object({
  id: z.string(),
  courseId: z.string(),
  status,
  progressPercentage: z.number().int().min(0).max(100),
  enrolledAt: ts,
  completedAt: ts.nullable(),
});

export const enrollOperation = defineOperation({
  operationId: "enrollInCourse",
  method: "POST",
  path: "/api/v1/courses/{slug}/enrollment",
  summary: "Enroll the signed-in user in a course (idempotent)",
  tags: ["learning"],
  auth: "user",
  scopes: ["learn:write"],
  params: z.object({ slug: z.string().min(1).max(200) }),
  responses: {
    201: { description: "Enrolled", schema: z.object({ enrollment: ZEnrollment }) },
    200: { description: "Already enrolled", schema: z.object({ enrollment: ZEnrollment }) },
    401: err("Not signed in"),
    402: err("A paid course: buy it first"),
    403: err("Suspended, or a cross-site request"),
    409: {
      description: "PREREQUISITES_NOT_MET: the courses to complete first are listed",
      schema: ZPrerequisitesError,
    },
  },
  handler: async ({ params }, { db, actor }) => {
    const { enrollment, created } = await enrollInCourse(db, actor, params.slug);
    return reply(created ? 201 : 200, { enrollment });
  },
});

export const myEnrollmentsOperation = defineOperation({
  operationId: "listMyEnrollments",
  method: "GET",
  path: "/api/v1/me/enrollments",
  summary: "The signed-in user's enrollments with where to continue",
  tags: ["learning"],
  auth: "user",
  scopes: ["learn:read"],
  responses: {
    200: {
      description: "Enrollments, most recently used first",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            courseId: z.string(),
            courseSlug: z.string(),
            courseTitle: z.string(),
            status,
            progressPercentage: z.number().int(),
            enrolledAt: ts,
            completedAt: ts.nullable(),
            lastAccessedAt: ts.nullable(),
            resumeLessonId: z.string().nullable(),
          }),
        ),
      }),
    },
    401: err("Not signed in"),
  },
  handler: async (_input, { db, actor }) => ({ items: await findMyEnrollments(db, actor) }),
});

export const getLessonOperation = defineOperation({
  operationId: "getLesson",
  method: "GET",
  path: "/api/v1/lessons/{id}",
  summary: "A lesson with its content, for an enrolled student",
  tags: ["learning"],
  auth: "user",
  scopes: ["learn:read"],
  params: z.object({ id: z.string().min(1).max(64) }),
  responses: {
    200: {
      description: "The lesson",
      schema: z.object({
        id: z.string(),
        courseSlug: z.string(),
        moduleId: z.string(),
        title: z.string(),
        description: z.string().nullable(),
        content: z.string().describe("Markdown"),
        lessonType: z.enum(["TEXT", "VIDEO", "INTERACTIVE", "ASSIGNMENT", "QUIZ"]),
        duration: z.number().int(),
        videoUrl: z.string().nullable(),
        resourceUrl: z.string().nullable(),
        completed: z.boolean(),
        previousLessonId: z.string().nullable(),
        nextLessonId: z.string().nullable(),
      }),
    },
    401: err("Not signed in"),
    403: {
      description: "Not enrolled, suspended or refunded; or NOT_YET_AVAILABLE with `availableAt`",
      schema: ZLessonForbidden,
    },
  },
  handler: async ({ params }, { db, actor }) => {
    const view = await getLessonForLearnerById(db, actor, params.id);
    const done = view.modules.flatMap((m) => m.lessons).find((l) => l.id === view.lesson.id)?.completed;
    return {
      ...view.lesson,
      courseSlug: view.course.slug,
      completed: done ?? false,
      previousLessonId: view.previousLessonId,
      nextLessonId: view.nextLessonId,
    };
  },
});

export const putProgressOperation = defineOperation({
  operationId: "setLessonProgress",
  method: "PUT",
  path: "/api/v1/lessons/{id}/progress",
  summary: "Mark a lesson complete or not, and/or add time spent (1–300 s, capped to real elapsed time)",
  tags: ["learning"],
  auth: "user",
  scopes: ["learn:write"],
  params: z.object({ id: z.string().min(1).max(64) }),
  body: ZProgressInput,
  responses: {
    200: {
      description: "The lesson's progress and the enrollment",
      schema: z.object({
        lessonProgress: z.object({ completed: z.boolean(), timeSpent: z.number().int() }),
        enrollment: z.object({ status, progressPercentage: z.number().int() }),
      }),
    },
    401: err("Not signed in"),
    403: {
      description: "Not enrolled, a cross-site request, or NOT_YET_AVAILABLE with `availableAt`",
      schema: ZLessonForbidden,
    },
    409: err(
      "ASSESSMENT_REQUIRED: the lesson is completed by passing its quiz (any time sent is still recorded)",
    ),
  },
  handler: ({ params, body }, { db, actor }) => setLessonProgress(db, actor, params.id, body),
});

const ZCertificate = z.object({
  certificateNumber: z.string(),
  holderName: z.string(),
  courseTitle: z.string(),
  issuedAt: ts,
  status: z.enum(["valid", "revoked"]),
});

export const myCertificatesOperation = defineOperation({
  operationId: "listMyCertificates",
  method: "GET",
  path: "/api/v1/me/certificates",
  summary: "The signed-in user's certificates",
  tags: ["learning"],
  auth: "user",
  scopes: ["learn:read"],
  responses: {
    200: {
      description: "Certificates, newest first",
      schema: z.object({
        items: z.array(
          ZCertificate.extend({
            courseId: z.string(),
            courseSlug: z.string().nullable(),
            verificationUrl: z.string(),
          }),
        ),
      }),
    },
    401: err("Not signed in"),
  },
  handler: async (_input, { db, actor }) => ({ items: await findMyCertificates(db, actor) }),
});

/** Certificate lookups per client: verification pages, the API and PDFs share one budget. */
export const CERTIFICATE_LOOKUPS = { name: "certificate-lookup", limit: 60, windowSeconds: 60 };

export const verifyCertificateOperation = defineOperation({
  operationId: "verifyCertificate",
  method: "GET",
  path: "/api/v1/certificates/{number}",
  summary: "Public verification of a certificate by its number",
  tags: ["learning"],
  auth: "public",
  params: z.object({ number: z.string().min(1).max(40) }),
  responses: {
    200: { description: "The certificate", schema: ZCertificate },
    404: err("No certificate has this number"),
    429: err("Too many lookups"),
  },
  handler: async ({ params }, { db, readDb, request }) => {
    await consumeRateLimit(db, CERTIFICATE_LOOKUPS, request.ip ?? "unknown");
    return verifyCertificate(readDb, params.number);
  },
});

/** The certificate as a PDF (rendering subsets fonts: rate-limited with the other lookups). */
export const certificatePdfOperation = defineOperation({
  operationId: "getCertificatePdf",
  method: "GET",
  path: "/certificates/{number}/pdf",
  summary: "A certificate as a PDF download",
  tags: ["learning"],
  auth: "public",
  internal: true,
  params: z.object({ number: z.string().min(1).max(40) }),
  responses: { 200: { description: "The PDF" }, 404: err("No certificate has this number") },
  handler: async ({ params }, { db, request }) => {
    await consumeRateLimit(db, CERTIFICATE_LOOKUPS, request.ip ?? "unknown");
    const cert = await verifyCertificate(db, params.number);
    // Rendered once per certificate snapshot (the key includes the revoked state); the lookup above runs each time.
    const pdf = await certificatePdfCache.get(
      cert,
      `${getEnv().appUrl}/certificates/${cert.certificateNumber}`,
    );
    return download(`${cert.certificateNumber}.pdf`, "application/pdf", pdf);
  },
});

export const grantPrerequisiteExceptionOperation = defineOperation({
  operationId: "grantPrerequisiteException",
  method: "POST",
  path: "/api/v1/admin/courses/{id}/prerequisite-exceptions",
  summary: "Let one student enroll without the course's prerequisites (admins; audited)",
  tags: ["learning"],
  auth: "user",
  scopes: ["admin"],
  params: z.object({ id: z.string().min(1).max(64) }),
  body: ZPrerequisiteException,
  responses: {
    201: {
      description: "Granted",
      schema: z.object({
        exception: z.object({ courseId: z.string(), userId: z.string(), grantedAt: ts }),
      }),
    },
    200: {
      description: "Already granted",
      schema: z.object({
        exception: z.object({ courseId: z.string(), userId: z.string(), grantedAt: ts }),
      }),
    },
    401: err("Not signed in"),
    403: err("Not an admin"),
    404: err("No such course"),
    422: err("No such user"),
  },
  handler: async ({ params, body }, { db, actor, request }) => {
    const { exception, created } = await grantPrerequisiteException(db, actor, params.id, body, {
      requestId: request.requestId,
      ip: request.ip,
    });
    return reply(created ? 201 : 200, { exception });
  },
});
