import { z } from "zod";
import { defineOperation, download, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { eraseMyAccount } from "./erase";
import { exportMyData } from "./export";
import { ZEraseInput } from "./schemas";
import { findMySessions, revokeSession } from "./sessions";

const ts = z.iso.datetime({ offset: true });
const nullableTs = ts.nullable();
const err = (description: string) => ({ description, schema: ZApiError });
const signedIn = { 401: err("Not signed in"), 403: err("Cross-site request refused") };

export const ZSessionItem = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable().describe("The address the session was recorded from"),
  createdAt: ts,
  lastSeenAt: nullableTs,
  expires: ts,
  current: z.boolean(),
});

export const ZExport = z.object({
  format: z.literal("ai-whisperers-export/1"),
  exportedAt: ts,
  profile: z.looseObject({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.string(),
  }),
  connectedAccounts: z.array(z.looseObject({ provider: z.string() })),
  sessions: z.array(z.looseObject({ id: z.string(), current: z.boolean() })),
  enrollments: z.array(z.looseObject({ courseSlug: z.string(), status: z.string() })),
  progress: z.array(z.looseObject({ completed: z.boolean() })),
  certificates: z.array(
    z.looseObject({ certificateNumber: z.string(), credentials: z.array(z.looseObject({ id: z.string() })) }),
  ),
  payments: z.array(z.looseObject({ amount: z.number().int(), currency: z.string(), status: z.string() })),
  reviews: z.array(z.looseObject({ rating: z.number().int() })),
  teaching: z.array(z.looseObject({ courseSlug: z.string() })),
  moderation: z.array(z.looseObject({ reviewId: z.string() })),
  reviewReports: z.array(z.looseObject({ reviewId: z.string(), reason: z.string() })),
  quizAttempts: z.array(z.looseObject({ lessonId: z.string(), number: z.number().int() })),
  quizAccommodations: z.array(z.looseObject({ lessonId: z.string() })),
  quizAccommodationsGranted: z.array(z.looseObject({ lessonId: z.string(), student: z.string() })),
  assignments: z.array(z.looseObject({ lessonId: z.string(), state: z.string() })),
  assignmentReviewsGiven: z.array(z.looseObject({ lessonId: z.string(), student: z.string() })),
  files: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      size: z.number().int(),
      download: z.string().describe("Downloads the file for the signed-in owner"),
    }),
  ),
  exercises: z.array(
    z.looseObject({
      exerciseId: z.string(),
      lessonId: z.string(),
      savedCode: z.string().nullable(),
      results: z.array(z.looseObject({ passed: z.boolean() })),
    }),
  ),
  couponRedemptions: z.array(
    z.looseObject({ couponCode: z.string(), status: z.string(), discount: z.number().int() }),
  ),
  couponsCreated: z.array(z.looseObject({ code: z.string(), active: z.boolean() })),
  prerequisiteExceptions: z.array(z.looseObject({ courseId: z.string() })),
  prerequisiteExceptionsGranted: z.array(z.looseObject({ courseId: z.string() })),
  moduleReleaseNotices: z.array(z.looseObject({ moduleId: z.string() })),
  auditEntries: z.array(z.looseObject({ action: z.string(), actor: z.string() })),
  pendingSignInLinks: z.array(z.looseObject({ expires: ts })),
  emails: z.array(z.looseObject({ subject: z.string() })),
});

export const exportMeOperation = defineOperation({
  operationId: "exportMyData",
  method: "GET",
  path: "/api/v1/me/export",
  summary: "Everything the platform holds about the signed-in user (GDPR Art. 20)",
  tags: ["me"],
  auth: "user",
  responses: { 200: { description: "The export, as a JSON download", schema: ZExport }, ...signedIn },
  handler: async (_input, { db, actor, request }) => {
    const data = await exportMyData(db, actor, { requestId: request.requestId, ip: request.ip });
    return download(
      `ai-whisperers-export-${data.exportedAt.slice(0, 10)}.json`,
      "application/json; charset=utf-8",
      JSON.stringify(data),
    );
  },
});

export const listMySessionsOperation = defineOperation({
  operationId: "listMySessions",
  method: "GET",
  path: "/api/v1/me/sessions",
  summary: "The signed-in user's live sessions (never their tokens)",
  tags: ["me"],
  auth: "user",
  responses: {
    200: { description: "Sessions, newest first", schema: z.object({ items: z.array(ZSessionItem) }) },
    ...signedIn,
  },
  handler: async (_input, { db, actor }) => ({ items: await findMySessions(db, actor) }),
});

export const revokeMySessionOperation = defineOperation({
  operationId: "revokeMySession",
  method: "DELETE",
  path: "/api/v1/me/sessions/{id}",
  summary: "Sign out one of your sessions",
  tags: ["me"],
  auth: "user",
  params: z.object({ id: z.string().min(1).max(64) }),
  responses: { 204: { description: "Revoked" }, ...signedIn, 404: err("No such session of yours") },
  handler: async ({ params }, { db, actor, request }) => {
    await revokeSession(db, actor, params.id, { requestId: request.requestId, ip: request.ip });
    return reply(204);
  },
});

export const deleteMeOperation = defineOperation({
  operationId: "deleteMyAccount",
  method: "DELETE",
  path: "/api/v1/me",
  summary: "Erase the signed-in user's account (GDPR Art. 17)",
  tags: ["me"],
  auth: "user",
  body: ZEraseInput,
  responses: {
    204: { description: "Erased; every session of the user stops working" },
    ...signedIn,
    409: err("Refused: the last admin, or the only instructor of a course with students"),
  },
  handler: async ({ body }, { db, actor, request }) => {
    await eraseMyAccount(db, actor, body, { requestId: request.requestId, ip: request.ip });
    return reply(204);
  },
});
