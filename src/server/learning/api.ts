import { z } from "zod";
import { defineEndpoint } from "../http/api";
import { ZApiError } from "../http/problem";
import { ZProgressInput } from "./progress";

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

export const enrollEndpoint = defineEndpoint({
  operationId: "enrollInCourse",
  method: "POST",
  path: "/api/v1/courses/{slug}/enrollment",
  summary: "Enroll the signed-in user in a course (idempotent)",
  tags: ["learning"],
  params: z.object({ slug: z.string().min(1).max(200) }),
  responses: {
    201: { description: "Enrolled", schema: z.object({ enrollment: ZEnrollment }) },
    200: { description: "Already enrolled", schema: z.object({ enrollment: ZEnrollment }) },
    401: err("Not signed in"),
    402: err("A paid course: buy it first"),
    403: err("Suspended, or a cross-site request"),
  },
});

export const myEnrollmentsEndpoint = defineEndpoint({
  operationId: "listMyEnrollments",
  method: "GET",
  path: "/api/v1/me/enrollments",
  summary: "The signed-in user's enrollments with where to continue",
  tags: ["learning"],
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
});

export const getLessonEndpoint = defineEndpoint({
  operationId: "getLesson",
  method: "GET",
  path: "/api/v1/lessons/{id}",
  summary: "A lesson with its content, for an enrolled student",
  tags: ["learning"],
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
    403: err("Not enrolled, suspended or refunded"),
  },
});

export const putProgressEndpoint = defineEndpoint({
  operationId: "setLessonProgress",
  method: "PUT",
  path: "/api/v1/lessons/{id}/progress",
  summary: "Mark a lesson complete or not, and/or add time spent (1–300 s, capped to real elapsed time)",
  tags: ["learning"],
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
    403: err("Not enrolled, or a cross-site request"),
  },
});

const ZCertificate = z.object({
  certificateNumber: z.string(),
  holderName: z.string(),
  courseTitle: z.string(),
  issuedAt: ts,
  status: z.enum(["valid", "revoked"]),
});

export const myCertificatesEndpoint = defineEndpoint({
  operationId: "listMyCertificates",
  method: "GET",
  path: "/api/v1/me/certificates",
  summary: "The signed-in user's certificates",
  tags: ["learning"],
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
});

export const verifyCertificateEndpoint = defineEndpoint({
  operationId: "verifyCertificate",
  method: "GET",
  path: "/api/v1/certificates/{number}",
  summary: "Public verification of a certificate by its number",
  tags: ["learning"],
  params: z.object({ number: z.string().min(1).max(40) }),
  responses: { 200: { description: "The certificate", schema: ZCertificate }, 429: err("Too many lookups") },
});
