import { z } from "zod";
import { defineOperation } from "../http/operation";
import { ZApiError } from "../http/problem";
import { getExercisesForAuthor, saveExercises } from "./exercise-authoring";
import { ZCodeInput, ZExercisesSave, ZResultInput } from "./exercise-schemas";
import {
  getExerciseSolution,
  listExercisesForStudent,
  recordExerciseResult,
  saveExerciseCode,
} from "./exercises";

const err = (description: string) => ({ description, schema: ZApiError });
const id = z.object({ id: z.string().min(1).max(64) });
const ZLanguage = z.enum(["python", "javascript"]);
const ZCheck = z.object({ name: z.string(), code: z.string() });
const ZEnrollmentStatus = z.enum(["ACTIVE", "COMPLETED", "SUSPENDED", "REFUNDED"]);

export const listExercisesOperation = defineOperation({
  operationId: "listLessonExercises",
  method: "GET",
  path: "/api/v1/lessons/{id}/exercises",
  summary: "An interactive lesson's exercises with the student's saved code and state (no solutions)",
  description:
    "Setup and check code are included: they run in the student's browser (docs/decisions.md, " +
    '"Exercises"). The solution has its own operation.',
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: {
      description: "The exercises, in order",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            language: ZLanguage,
            instructions: z.string().describe("Markdown"),
            starterCode: z.string(),
            setupCode: z.string(),
            checks: z.array(ZCheck),
            timeLimitSeconds: z.number().int(),
            savedCode: z.string().nullable(),
            passed: z.boolean(),
            solutionAvailable: z.boolean(),
          }),
        ),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled"),
    404: err("No such interactive lesson"),
  },
  handler: async ({ params }, { db, actor }) => ({
    items: (await listExercisesForStudent(db, actor, params.id)).items,
  }),
});

export const saveExerciseCodeOperation = defineOperation({
  operationId: "saveExerciseCode",
  method: "PUT",
  path: "/api/v1/exercises/{id}/code",
  summary: "Save the student's code for an exercise (the last save wins)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  body: ZCodeInput,
  responses: {
    200: { description: "Saved", schema: z.object({ savedAt: z.iso.datetime({ offset: true }) }) },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such exercise"),
    413: err("Code over 64 KB"),
    422: err("Invalid body"),
  },
  handler: ({ params, body }, { db, actor }) => saveExerciseCode(db, actor, params.id, body),
});

export const recordExerciseResultOperation = defineOperation({
  operationId: "recordExerciseResult",
  method: "POST",
  path: "/api/v1/exercises/{id}/results",
  summary: "Record a check run; when every exercise of the lesson has passed, the lesson completes",
  description:
    "The check names must be exactly the exercise's. The outcome is reported by the student's browser " +
    "(self-assessed; docs/decisions.md). Course staff previewing get the outcome and nothing is recorded " +
    "(`enrollment` is null).",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  body: ZResultInput,
  responses: {
    200: {
      description: "Recorded",
      schema: z.object({
        passed: z.boolean(),
        lesson: z.object({ completed: z.boolean() }),
        enrollment: z.object({ status: ZEnrollmentStatus, progressPercentage: z.number().int() }).nullable(),
        solutionAvailable: z.boolean(),
        courseCompletedNow: z.boolean(),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such exercise"),
    413: err("Code over 64 KB"),
    422: err("The check names are not exactly the exercise's"),
  },
  handler: ({ params, body }, { db, actor }) => recordExerciseResult(db, actor, params.id, body),
});

export const getExerciseSolutionOperation = defineOperation({
  operationId: "getExerciseSolution",
  method: "GET",
  path: "/api/v1/exercises/{id}/solution",
  summary: "The reference solution, after the student recorded a failing result (or for course staff)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: { description: "The solution", schema: z.object({ solution: z.string() }) },
    401: err("Not signed in"),
    403: err("No failing result recorded yet, or not enrolled"),
    404: err("No such exercise, or it has no solution"),
  },
  handler: ({ params }, { db, actor }) => getExerciseSolution(db, actor, params.id),
});

const ZAuthorExercise = z.object({
  id: z.string(),
  language: ZLanguage,
  instructions: z.string(),
  starterCode: z.string(),
  setupCode: z.string(),
  checks: z.array(ZCheck),
  solution: z.string().nullable(),
  timeLimitSeconds: z.number().int(),
});

export const getAuthorExercisesOperation = defineOperation({
  operationId: "getLessonExercisesForAuthor",
  method: "GET",
  path: "/api/v1/instructor/lessons/{id}/exercises",
  summary: "A lesson's exercises with their solutions (course staff and admins)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: { description: "The exercises, in order", schema: z.object({ items: z.array(ZAuthorExercise) }) },
    401: err("Not signed in"),
    404: err("No such lesson, or not yours"),
  },
  handler: async ({ params }, { db, actor }) => ({
    items: (await getExercisesForAuthor(db, actor, params.id)).items,
  }),
});

export const saveAuthorExercisesOperation = defineOperation({
  operationId: "saveLessonExercises",
  method: "PUT",
  path: "/api/v1/instructor/lessons/{id}/exercises",
  summary: "Replace a lesson's exercises (in order); items with an id keep it, others are new",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  body: ZExercisesSave,
  responses: {
    200: { description: "Saved", schema: z.object({ items: z.array(ZAuthorExercise) }) },
    401: err("Not signed in"),
    403: err("A cross-site request"),
    404: err("No such lesson, or not yours"),
    422: err("Invalid exercises (every field's issue), or not an interactive lesson"),
  },
  handler: async ({ params, body }, { db, actor, request }) => ({
    items: (await saveExercises(db, actor, params.id, body, { requestId: request.requestId, ip: request.ip }))
      .items,
  }),
});

export const exerciseOperations = [
  listExercisesOperation,
  saveExerciseCodeOperation,
  recordExerciseResultOperation,
  getExerciseSolutionOperation,
  getAuthorExercisesOperation,
  saveAuthorExercisesOperation,
];
