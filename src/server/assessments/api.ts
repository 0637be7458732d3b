import { z } from "zod";
import { defineOperation, download, reply } from "../http/operation";
import { findAccommodations, setAccommodation, ZAccommodationInput } from "./accommodations";
import { courseGradebookCsv, getQuizAnalytics } from "./quiz-analytics";
import { ZApiError } from "../http/problem";
import {
  getAttempt,
  getQuizForStudent,
  listMyAttempts,
  saveAnswers,
  startAttempt,
  submitAttempt,
} from "./attempts";
import { getQuizForAuthor, saveQuiz } from "./quiz-authoring";
import { ZAnswer, ZAnswers, ZQuestionType, ZQuizSave, ZQuizSettings } from "./quiz-schemas";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });
const id = z.object({ id: z.string().min(1).max(64) });

const ZPublicQuestion = z.object({
  id: z.string(),
  type: ZQuestionType,
  prompt: z.string().describe("Markdown"),
  points: z.number().int(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});

const ZQuestionResult = z.object({
  questionId: z.string(),
  correct: z.boolean(),
  pointsAwarded: z.number(),
  explanation: z.string().nullable(),
  correctOptionIds: z.array(z.string()).optional().describe("Shown when the quiz reveals answers"),
  acceptedAnswer: z.string().optional().describe("Shown when the quiz reveals answers"),
});

const ZResult = z.object({
  scorePercentage: z.number().int().min(0).max(100),
  passed: z.boolean(),
  pointsAwarded: z.number(),
  pointsTotal: z.number().int(),
  expired: z.boolean().describe("The deadline, not the student, ended the attempt"),
  results: z.array(ZQuestionResult),
});

const ZAttempt = z.object({
  id: z.string(),
  number: z.number().int(),
  startedAt: ts,
  deadline: ts.nullable(),
  submittedAt: ts.nullable(),
  answers: z.array(ZAnswer),
  questions: z.array(ZPublicQuestion).describe("As served: order and option order"),
  result: ZResult.nullable(),
});

const ZSubmission = ZResult.extend({
  lesson: z.object({ completed: z.boolean() }),
  enrollment: z.object({
    status: z.enum(["ACTIVE", "COMPLETED", "SUSPENDED", "REFUNDED"]),
    progressPercentage: z.number().int(),
  }),
});

export const getQuizOperation = defineOperation({
  operationId: "getQuiz",
  method: "GET",
  path: "/api/v1/lessons/{id}/quiz",
  summary: "A quiz lesson's settings, the student's record and its questions (no answer data)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: {
      description: "The quiz",
      schema: z.object({
        passPercentage: z.number().int(),
        maxAttempts: z.number().int().nullable(),
        attemptsAllowed: z.number().int().nullable().describe("With the student's extra attempts"),
        timeLimitMinutes: z.number().int().nullable(),
        effectiveTimeLimitMinutes: z.number().int().nullable().describe("With the student's extra time"),
        attemptsUsed: z.number().int(),
        bestScorePercentage: z.number().int().nullable(),
        passed: z.boolean(),
        questionCount: z.number().int().describe("Questions per attempt"),
        openAttemptId: z.string().nullable(),
        questions: z.array(ZPublicQuestion),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled"),
    404: err("No such quiz"),
  },
  handler: ({ params }, { db, actor }) => getQuizForStudent(db, actor, params.id),
});

export const startAttemptOperation = defineOperation({
  operationId: "startQuizAttempt",
  method: "POST",
  path: "/api/v1/lessons/{id}/quiz/attempts",
  summary: "Start an attempt (questions as served, no answer data)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  responses: {
    201: { description: "Started", schema: z.object({ attempt: ZAttempt }) },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such quiz"),
    409: {
      description: "An attempt is open (`attempt` is that attempt), or no attempt is left",
      schema: ZApiError.extend({ attempt: ZAttempt.optional() }),
    },
  },
  handler: async ({ params }, { db, actor }) =>
    reply(201, { attempt: await startAttempt(db, actor, params.id) }),
});

export const listAttemptsOperation = defineOperation({
  operationId: "listMyQuizAttempts",
  method: "GET",
  path: "/api/v1/lessons/{id}/quiz/attempts",
  summary: "The signed-in student's attempts at a quiz, newest first",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: {
      description: "Attempts",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            number: z.number().int(),
            startedAt: ts,
            deadline: ts.nullable(),
            submittedAt: ts.nullable(),
            scorePercentage: z.number().int().nullable(),
            passed: z.boolean().nullable(),
            expired: z.boolean(),
          }),
        ),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled"),
    404: err("No such quiz"),
  },
  handler: async ({ params }, { db, actor }) => ({ items: await listMyAttempts(db, actor, params.id) }),
});

export const getAttemptOperation = defineOperation({
  operationId: "getQuizAttempt",
  method: "GET",
  path: "/api/v1/quiz-attempts/{id}",
  summary: "An attempt, with its graded result once submitted (its student and the course's staff)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: { description: "The attempt", schema: ZAttempt },
    401: err("Not signed in"),
    404: err("No such attempt, or someone else's"),
  },
  handler: ({ params }, { db, actor }) => getAttempt(db, actor, params.id),
});

export const saveAnswersOperation = defineOperation({
  operationId: "saveQuizAnswers",
  method: "PUT",
  path: "/api/v1/quiz-attempts/{id}/answers",
  summary: "Save the answers so far (resumable); 409 once submitted or out of time",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  body: ZAnswers,
  responses: {
    200: { description: "Saved", schema: z.object({ savedAt: ts, answers: z.array(ZAnswer) }) },
    401: err("Not signed in"),
    403: err("A cross-site request"),
    404: err("No such attempt, or someone else's"),
    409: err("Already submitted, or past the deadline and its 30 s grace"),
    422: err("Malformed answers (nothing stored)"),
  },
  handler: ({ params, body }, { db, actor }) => saveAnswers(db, actor, params.id, body),
});

export const submitAttemptOperation = defineOperation({
  operationId: "submitQuizAttempt",
  method: "POST",
  path: "/api/v1/quiz-attempts/{id}/submission",
  summary: "Submit and grade an attempt (once); passing completes the lesson",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  body: ZAnswers,
  responses: {
    200: { description: "Graded", schema: ZSubmission },
    401: err("Not signed in"),
    403: err("Enrollment not active, or a cross-site request"),
    404: err("No such attempt, or someone else's"),
    409: {
      description: "Already submitted: `result` is the graded result",
      schema: ZApiError.extend({ result: ZSubmission.optional() }),
    },
    422: err("Malformed answers (nothing stored)"),
  },
  handler: ({ params, body }, { db, actor }) => submitAttempt(db, actor, params.id, body),
});

const ZAuthorQuiz = z.object({
  version: z.number().int(),
  settings: ZQuizSettings,
  questions: z.array(
    z.object({
      id: z.string(),
      type: ZQuestionType,
      prompt: z.string(),
      points: z.number().int(),
      explanation: z.string().nullable(),
      options: z.array(z.object({ id: z.string(), text: z.string(), correct: z.boolean() })),
      acceptedAnswers: z.array(z.string()),
      pattern: z.string().nullable(),
      value: z.number().nullable(),
      tolerance: z.number().nullable(),
    }),
  ),
  attemptCount: z.number().int(),
});

export const getAuthorQuizOperation = defineOperation({
  operationId: "getQuizForAuthor",
  method: "GET",
  path: "/api/v1/instructor/lessons/{id}/quiz",
  summary: "A quiz with its answer data, for the course's staff (version 0 before the first save)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: { description: "The quiz", schema: ZAuthorQuiz },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    404: err("No such quiz lesson, or not yours"),
  },
  handler: ({ params }, { db, actor }) => getQuizForAuthor(db, actor, params.id),
});

export const saveAuthorQuizOperation = defineOperation({
  operationId: "saveQuiz",
  method: "PUT",
  path: "/api/v1/instructor/lessons/{id}/quiz",
  summary: "Save a quiz's settings and questions (in order) based on its version",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  body: ZQuizSave,
  responses: {
    200: { description: "Saved", schema: ZAuthorQuiz },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such quiz lesson, or not yours"),
    409: err("Saved by someone else since `version`"),
    422: err("Invalid questions or settings (every field's issue)"),
  },
  handler: ({ params, body }, { db, actor, request }) =>
    saveQuiz(db, actor, params.id, body, { requestId: request.requestId, ip: request.ip }),
});

const ZAccommodation = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  extraTimePercent: z.number().int(),
  extraAttempts: z.number().int(),
  updatedAt: ts,
});

export const listAccommodationsOperation = defineOperation({
  operationId: "listQuizAccommodations",
  method: "GET",
  path: "/api/v1/instructor/lessons/{id}/quiz/accommodations",
  summary: "Students' extra time and extra attempts on a quiz (course staff)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: { description: "Accommodations", schema: z.object({ items: z.array(ZAccommodation) }) },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    404: err("No such quiz, or not yours"),
  },
  handler: async ({ params }, { db, actor }) => ({ items: await findAccommodations(db, actor, params.id) }),
});

export const setAccommodationOperation = defineOperation({
  operationId: "setQuizAccommodation",
  method: "PUT",
  path: "/api/v1/instructor/lessons/{id}/quiz/accommodations",
  summary: "Grant, change or (with zeros) remove a student's extra time and attempts on a quiz (audited)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  body: ZAccommodationInput,
  responses: {
    200: {
      description: "Saved",
      schema: z.object({
        userId: z.string(),
        extraTimePercent: z.number().int(),
        extraAttempts: z.number().int(),
      }),
    },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such quiz, or not yours"),
    422: err("Invalid values, or no such student in the course"),
  },
  handler: ({ params, body }, { db, actor, request }) =>
    setAccommodation(db, actor, params.id, body, { requestId: request.requestId, ip: request.ip }),
});

export const quizAnalyticsOperation = defineOperation({
  operationId: "getQuizAnalytics",
  method: "GET",
  path: "/api/v1/instructor/lessons/{id}/quiz/analytics",
  summary: "A quiz's attempts, pass rate, average best score and per-question statistics (course staff)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: {
      description: "Statistics",
      schema: z.object({
        lessonId: z.string(),
        lessonTitle: z.string(),
        courseId: z.string(),
        attempts: z.number().int(),
        students: z.number().int(),
        studentsPassed: z.number().int(),
        passRate: z.number().int().nullable(),
        averageBestScore: z.number().int().nullable(),
        questions: z.array(
          z.object({
            questionId: z.string(),
            order: z.number().int(),
            prompt: z.string(),
            type: ZQuestionType,
            removed: z.boolean(),
            served: z.number().int(),
            correct: z.number().int(),
            options: z.array(
              z.object({ id: z.string(), text: z.string(), correct: z.boolean(), chosen: z.number().int() }),
            ),
          }),
        ),
      }),
    },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    404: err("No such quiz, or not yours"),
  },
  handler: ({ params }, { db, actor }) => getQuizAnalytics(db, actor, params.id),
});

export const gradebookOperation = defineOperation({
  operationId: "getCourseGradebook",
  method: "GET",
  path: "/api/v1/instructor/courses/{id}/quiz-scores.csv",
  summary: "CSV: every enrolled student's best score and attempts per quiz of the course (course staff)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: { description: "text/csv (UTF-8 with a byte-order mark, for spreadsheets)" },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    404: err("No such course, or not yours"),
  },
  handler: async ({ params }, { db, actor }) => {
    const { filename, csv } = await courseGradebookCsv(db, actor, params.id);
    return download(filename, "text/csv; charset=utf-8", csv);
  },
});

export const assessmentOperations = [
  getQuizOperation,
  startAttemptOperation,
  listAttemptsOperation,
  getAttemptOperation,
  saveAnswersOperation,
  submitAttemptOperation,
  getAuthorQuizOperation,
  saveAuthorQuizOperation,
  listAccommodationsOperation,
  setAccommodationOperation,
  quizAnalyticsOperation,
  gradebookOperation,
];
