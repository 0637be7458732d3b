import { z } from "zod";
import { defineOperation, download, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { API_TOKEN_SCOPES } from "../db/schema/developer";
import { createApiToken, listMyApiTokens, revokeMyApiToken } from "./api-tokens";
import { eraseMyAccount } from "./erase";
import { exportMyData } from "./export";
import { getMyProfile, patchMyProfile } from "./profile";
import { ZCreateToken, ZEraseInput, ZProfilePatch } from "./schemas";
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
  apiTokens: z.array(z.looseObject({ name: z.string(), scopes: z.array(z.string()) })),
  webhookEvents: z.array(z.looseObject({ id: z.string(), type: z.string() })),
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

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable().describe("The name printed on certificates"),
  image: z.string().nullable(),
  role: z.enum(["STUDENT", "INSTRUCTOR", "ADMIN"]),
  emailVerified: nullableTs,
  createdAt: ts,
});

const meOf = (p: Awaited<ReturnType<typeof getMyProfile>>) => ({
  id: p.id,
  email: p.email,
  name: p.name,
  image: p.image,
  role: p.role,
  emailVerified: p.emailVerified,
  createdAt: p.createdAt,
});

export const getMeOperation = defineOperation({
  operationId: "getMe",
  method: "GET",
  path: "/api/v1/me",
  summary: "The signed-in user's profile",
  tags: ["me"],
  auth: "user",
  scopes: ["learn:read"],
  responses: { 200: { description: "The profile", schema: ZMe }, ...signedIn },
  handler: async (_input, { db, actor }) => meOf(await getMyProfile(db, actor)),
});

export const updateMeOperation = defineOperation({
  operationId: "updateMe",
  method: "PATCH",
  path: "/api/v1/me",
  summary: "Change the name (printed on certificates) or the picture",
  description:
    "Validated as the account page validates. Setting a name issues the certificates of completed courses that were waiting for one.",
  tags: ["me"],
  auth: "user",
  scopes: ["learn:write"],
  body: ZProfilePatch,
  responses: {
    200: { description: "The profile as saved", schema: ZMe },
    ...signedIn,
    422: err("A name or picture that is not valid"),
  },
  handler: async ({ body }, { db, actor, request }) => {
    await patchMyProfile(db, actor, body, { requestId: request.requestId, ip: request.ip });
    return meOf(await getMyProfile(db, actor));
  },
});

const ZScope = z.enum(API_TOKEN_SCOPES);
export const ZApiTokenItem = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string().describe("The token's first characters, to tell tokens apart"),
  scopes: z.array(ZScope),
  createdAt: ts,
  lastUsedAt: nullableTs,
  expiresAt: nullableTs.describe("Null: the token does not expire"),
  expired: z.boolean(),
});

const sessionOnly = "Needs a browser session (the platform's own pages): an API token cannot manage tokens.";

export const listMyTokensOperation = defineOperation({
  operationId: "listMyApiTokens",
  method: "GET",
  path: "/api/v1/me/tokens",
  summary: "The signed-in user's personal API tokens (never their secrets)",
  description: sessionOnly,
  tags: ["me"],
  auth: "user",
  responses: {
    200: { description: "Tokens, newest first", schema: z.object({ items: z.array(ZApiTokenItem) }) },
    ...signedIn,
  },
  handler: async (_input, { db, actor }) => ({ items: await listMyApiTokens(db, actor) }),
});

export const createMyTokenOperation = defineOperation({
  operationId: "createMyApiToken",
  method: "POST",
  path: "/api/v1/me/tokens",
  summary: "Create a personal API token; its secret is in this answer only",
  description: `${sessionOnly} Scopes: learn:read, learn:write (includes learn:read), author:read, author:write (includes author:read; instructors and admins), admin (admins). At most 20 active tokens.`,
  tags: ["me"],
  auth: "user",
  body: ZCreateToken,
  responses: {
    201: {
      description: "Created",
      schema: z.object({
        token: ZApiTokenItem,
        secret: z.string().describe("Shown once: `aiw_` + 43 base62 characters + a 6-character checksum"),
      }),
    },
    ...signedIn,
    409: err("Already 20 active tokens"),
    422: err("A name, scope or lifetime that is not valid"),
  },
  handler: async ({ body }, { db, actor, request }) =>
    reply(201, await createApiToken(db, actor, body, { requestId: request.requestId, ip: request.ip })),
});

export const revokeMyTokenOperation = defineOperation({
  operationId: "revokeMyApiToken",
  method: "DELETE",
  path: "/api/v1/me/tokens/{id}",
  summary: "Revoke one of your personal API tokens; it stops working at once",
  description: sessionOnly,
  tags: ["me"],
  auth: "user",
  params: z.object({ id: z.string().min(1).max(64) }),
  responses: { 204: { description: "Revoked" }, ...signedIn, 404: err("No such active token of yours") },
  handler: async ({ params }, { db, actor, request }) => {
    await revokeMyApiToken(db, actor, params.id, { requestId: request.requestId, ip: request.ip });
    return reply(204);
  },
});
