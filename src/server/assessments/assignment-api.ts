import { z } from "zod";
import { defineOperation, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { getAssignmentForAuthor, saveAssignment } from "./assignment-authoring";
import {
  claimSubmission,
  findReviewQueue,
  getSubmission,
  releaseSubmission,
  reviewSubmission,
} from "./assignment-reviews";
import { ZAssignmentSave, ZDraftInput, ZReviewInput } from "./assignment-schemas";
import { getAssignmentForStudent, handIn, saveDraft } from "./assignments";
import {
  contentDisposition,
  openFileForDownload,
  removeDraftFile,
  uploadDraftFile,
} from "./assignment-files";
import { FILE_TYPE_KEYS, type FileTypeKey } from "@/lib/file-types";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });
const id = z.object({ id: z.string().min(1).max(64) });
const ZState = z.enum(["DRAFT", "SUBMITTED", "IN_REVIEW", "NEEDS_REVISION", "PASSED"]);
const ZRubric = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    levels: z.array(z.object({ id: z.string(), title: z.string(), points: z.number().int() })),
  }),
);
const ZFile = z.object({
  id: z.string(),
  name: z.string().describe("Sanitized for display; never a path"),
  size: z.number().int().describe("Bytes"),
  contentType: z.string(),
});
const ZFileType = z.enum(FILE_TYPE_KEYS as [FileTypeKey, ...FileTypeKey[]]);
const ZVersion = z.object({
  id: z.string(),
  number: z.number().int(),
  submittedAt: ts,
  late: z.boolean(),
  text: z.string().describe("Markdown"),
  links: z.array(z.string()),
  files: z.array(ZFile),
  review: z
    .object({
      decision: z.enum(["PASS", "NEEDS_REVISION"]),
      feedback: z.string().describe("Markdown"),
      rubricScores: z
        .array(z.object({ criterionId: z.string(), levelId: z.string(), points: z.number().int() }))
        .nullable(),
      points: z.number().int().nullable(),
      maxPoints: z.number().int().nullable(),
      reviewedAt: ts,
      reviewer: z.string().nullable(),
    })
    .nullable(),
});
const ZSettings = z.object({
  textAllowed: z.boolean(),
  linksAllowed: z.boolean(),
  filesAllowed: z.boolean(),
  allowedTypes: z.array(ZFileType),
  maxFileBytes: z.number().int(),
  maxFiles: z.number().int(),
  dueAt: ts.nullable(),
});
const ZDraft = z.object({ text: z.string(), links: z.array(z.string()), files: z.array(ZFile) });

export const getAssignmentOperation = defineOperation({
  operationId: "getAssignment",
  method: "GET",
  path: "/api/v1/lessons/{id}/assignment",
  summary: "An assignment with the student's state, draft and every handed-in version with its review",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read"],
  params: id,
  responses: {
    200: {
      description: "The assignment",
      schema: z.object({
        settings: ZSettings,
        rubric: ZRubric.nullable(),
        state: ZState,
        draft: ZDraft,
        versions: z.array(ZVersion),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled"),
    404: err("No such assignment"),
  },
  handler: ({ params }, { db, actor }) => getAssignmentForStudent(db, actor, params.id),
});

export const saveDraftOperation = defineOperation({
  operationId: "saveAssignmentDraft",
  method: "PUT",
  path: "/api/v1/lessons/{id}/assignment/draft",
  summary: "Save the draft (the fields given replace theirs); 409 while waiting for review or after passing",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  body: ZDraftInput,
  responses: {
    200: {
      description: "Saved",
      schema: z.object({ state: ZState, draft: z.object({ text: z.string(), links: z.array(z.string()) }) }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such assignment"),
    409: err("Waiting for review, or passed"),
    422: err("Invalid text or links (http and https only)"),
  },
  handler: ({ params, body }, { db, actor }) => saveDraft(db, actor, params.id, body),
});

export const uploadFileOperation = defineOperation({
  operationId: "uploadAssignmentFile",
  method: "POST",
  path: "/api/v1/lessons/{id}/assignment/files",
  summary: "Add a file to the draft: multipart/form-data with one part named `file`",
  description:
    "The size limit is the assignment's (at most 50 MB) and is enforced while the body streams in; the type " +
    "comes from the name's extension and must match the bytes (binary types are recognised from their " +
    "contents; text types must be UTF-8 without NUL bytes; notebooks must be JSON).",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  streamBody: true,
  responses: {
    201: { description: "Added to the draft", schema: z.object({ file: ZFile }) },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such assignment"),
    409: err("Waiting for review, or passed"),
    413: err("Larger than the assignment's limit"),
    415: err("A type the assignment does not accept, or bytes that do not match the name"),
    422: err("No file, an empty file, no files for this assignment, or too many files"),
  },
  handler: async ({ params, upload }, { db, actor }) =>
    reply(201, await uploadDraftFile(db, actor, params.id, upload!)),
});

export const removeFileOperation = defineOperation({
  operationId: "removeAssignmentFile",
  method: "DELETE",
  path: "/api/v1/lessons/{id}/assignment/files/{fileId}",
  summary: "Remove a file from the draft",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) }),
  responses: {
    204: { description: "Removed" },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such assignment or file in the draft"),
    409: err("Waiting for review, or passed"),
  },
  handler: async ({ params }, { db, actor }) => {
    await removeDraftFile(db, actor, params.id, params.fileId);
    return reply(204);
  },
});

export const downloadFileOperation = defineOperation({
  operationId: "downloadFile",
  method: "GET",
  path: "/api/v1/files/{id}",
  summary: "A handed-in or draft file, for its owner, the course's staff and admins (404 for anyone else)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read", "author:read"],
  params: id,
  responses: {
    200: { description: "The file, as an attachment", contentType: "application/octet-stream" },
    401: err("Not signed in"),
    404: err("No such file, or not yours to see"),
  },
  handler: async ({ params }, { db, actor }) => {
    const { file, stream } = await openFileForDownload(db, actor, params.id);
    return {
      ...reply(200, undefined, {
        "content-disposition": contentDisposition(file.name),
        // Never rendered, never sniffed: even a file opened directly runs nothing.
        "content-security-policy": "sandbox; default-src 'none'",
        "x-content-type-options": "nosniff",
      }),
      file: { contentType: file.contentType, data: stream, length: file.byteSize },
    };
  },
});

export const handInOperation = defineOperation({
  operationId: "handInAssignment",
  method: "POST",
  path: "/api/v1/lessons/{id}/assignment/submission",
  summary: "Hand the draft in as a new version (late when past the due date)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:write"],
  params: id,
  responses: {
    201: {
      description: "Handed in",
      schema: z.object({
        version: z.object({ id: z.string(), number: z.number().int(), submittedAt: ts, late: z.boolean() }),
      }),
    },
    401: err("Not signed in"),
    403: err("Not enrolled, or a cross-site request"),
    404: err("No such assignment"),
    409: err("Waiting for review, or passed"),
    422: err("Nothing to hand in"),
  },
  handler: async ({ params }, { db, actor }) => reply(201, await handIn(db, actor, params.id)),
});

export const reviewQueueOperation = defineOperation({
  operationId: "listSubmissionsToReview",
  method: "GET",
  path: "/api/v1/instructor/submissions",
  summary: "Submissions in the courses you review (default: waiting), oldest hand-in first",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  query: z.object({
    status: z.string().max(100).optional().describe("Comma-separated states; default SUBMITTED,IN_REVIEW"),
    courseId: z.string().max(64).optional(),
    late: z.enum(["true", "false"]).optional(),
    cursor: z.string().max(1000).optional(),
    limit: z.string().max(3).optional(),
  }),
  responses: {
    200: {
      description: "A page",
      schema: z.object({
        items: z.array(
          z.object({
            id: z.string(),
            versionNumber: z.number().int(),
            state: ZState,
            late: z.boolean(),
            submittedAt: ts,
            course: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
            lesson: z.object({ id: z.string(), title: z.string() }),
            student: z.object({ id: z.string(), name: z.string().nullable() }),
            claimedBy: z.string().nullable(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    422: err("Invalid filter or cursor"),
  },
  handler: ({ query }, { db, actor }) => findReviewQueue(db, actor, query),
});

export const getSubmissionOperation = defineOperation({
  operationId: "getSubmission",
  method: "GET",
  path: "/api/v1/submissions/{id}",
  summary: "A submission with every version and review (its student and the course's staff)",
  tags: ["assessments"],
  auth: "user",
  scopes: ["learn:read", "author:read"],
  params: id,
  responses: {
    200: {
      description: "The submission",
      schema: z.object({
        id: z.string(),
        state: ZState,
        late: z.boolean(),
        course: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
        lesson: z.object({ id: z.string(), title: z.string(), content: z.string() }),
        student: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
        rubric: ZRubric.nullable(),
        dueAt: ts.nullable(),
        claim: z.object({ by: z.string().nullable(), mine: z.boolean(), until: ts }).nullable(),
        versions: z.array(ZVersion),
        reviewer: z.boolean(),
      }),
    },
    401: err("Not signed in"),
    404: err("No such submission, or not yours to see"),
  },
  handler: ({ params }, { db, actor }) => getSubmission(db, actor, params.id),
});

export const claimOperation = defineOperation({
  operationId: "claimSubmission",
  method: "POST",
  path: "/api/v1/submissions/{id}/claim",
  summary: "Claim a waiting submission for review (30 minutes)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  responses: {
    200: { description: "Claimed", schema: z.object({ state: z.literal("IN_REVIEW"), claimedUntil: ts }) },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such submission, or not in your courses"),
    409: err("Someone else holds it (named), or it is not waiting"),
  },
  handler: ({ params }, { db, actor }) => claimSubmission(db, actor, params.id),
});

export const releaseOperation = defineOperation({
  operationId: "releaseSubmission",
  method: "POST",
  path: "/api/v1/submissions/{id}/release",
  summary: "Give a claim back",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  responses: {
    200: { description: "Released", schema: z.object({ state: ZState }) },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such submission, or not in your courses"),
    409: err("Someone else holds it"),
  },
  handler: ({ params }, { db, actor }) => releaseSubmission(db, actor, params.id),
});

export const reviewOperation = defineOperation({
  operationId: "reviewSubmission",
  method: "POST",
  path: "/api/v1/submissions/{id}/review",
  summary: "Decide on the latest version: PASS (completes the lesson) or NEEDS_REVISION (with feedback)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  body: ZReviewInput,
  responses: {
    200: {
      description: "Decided",
      schema: z.object({
        state: z.enum(["PASSED", "NEEDS_REVISION"]),
        lesson: z.object({ completed: z.boolean() }),
      }),
    },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such submission, or not in your courses"),
    409: err("Already decided, or claimed by someone else"),
    422: err("Rubric scores missing or unknown, or no feedback when sending back"),
  },
  handler: ({ params, body }, { db, actor, request }) =>
    reviewSubmission(db, actor, params.id, body, { requestId: request.requestId, ip: request.ip }),
});

const ZAuthorAssignment = z.object({
  version: z.number().int(),
  textAllowed: z.boolean(),
  linksAllowed: z.boolean(),
  filesAllowed: z.boolean(),
  allowedTypes: z.array(ZFileType),
  maxFileMb: z.number(),
  maxFiles: z.number().int(),
  dueAt: ts.nullable(),
  rubric: ZRubric.nullable(),
  submissionCount: z.number().int(),
});

export const getAuthorAssignmentOperation = defineOperation({
  operationId: "getAssignmentForAuthor",
  method: "GET",
  path: "/api/v1/instructor/lessons/{id}/assignment",
  summary: "An assignment's settings and rubric (version 0 before the first save)",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:read"],
  params: id,
  responses: {
    200: { description: "The assignment", schema: ZAuthorAssignment },
    401: err("Not signed in"),
    403: err("Not an instructor"),
    404: err("No such assignment lesson, or not yours"),
  },
  handler: ({ params }, { db, actor }) => getAssignmentForAuthor(db, actor, params.id),
});

export const saveAuthorAssignmentOperation = defineOperation({
  operationId: "saveAssignment",
  method: "PUT",
  path: "/api/v1/instructor/lessons/{id}/assignment",
  summary: "Save an assignment's settings and rubric based on its version",
  tags: ["authoring"],
  auth: "user",
  scopes: ["author:write"],
  params: id,
  body: ZAssignmentSave,
  responses: {
    200: { description: "Saved", schema: ZAuthorAssignment },
    401: err("Not signed in"),
    403: err("Not an instructor, or a cross-site request"),
    404: err("No such assignment lesson, or not yours"),
    409: err("Saved by someone else since `version`"),
    422: err("Invalid settings or rubric"),
  },
  handler: ({ params, body }, { db, actor, request }) =>
    saveAssignment(db, actor, params.id, body, { requestId: request.requestId, ip: request.ip }),
});

export const assignmentOperations = [
  getAssignmentOperation,
  saveDraftOperation,
  uploadFileOperation,
  removeFileOperation,
  downloadFileOperation,
  handInOperation,
  reviewQueueOperation,
  getSubmissionOperation,
  claimOperation,
  releaseOperation,
  reviewOperation,
  getAuthorAssignmentOperation,
  saveAuthorAssignmentOperation,
];
