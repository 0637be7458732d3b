import "server-only";
import { z } from "zod";
import { ZRatingSummary } from "../catalog/schemas";
import { defineOperation, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { ZSlug } from "../../lib/slug";
import { reportReview } from "./moderation";
import { findReviewsBySlug } from "./queries";
import { ZPageInput, ZReportInput, ZReviewInput } from "./schemas";
import { deleteReview, saveReview } from "./write-review";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });

export const ZPublicReview = z.object({
  id: z.string(),
  rating: z.int().min(1).max(5),
  comment: z.string().nullable().describe("Plain text"),
  authorName: z.string().describe('The author\'s name, or "A student"'),
  completedCourse: z.boolean(),
  createdAt: ts,
  updatedAt: ts,
});

export const ZMyReview = ZPublicReview.extend({
  hiddenAt: ts.nullable().describe("Set when a moderator hid the review: it is out of the page and averages"),
  hiddenReason: z.string().nullable(),
});

const slugParams = z.object({ slug: ZSlug });

export const listReviewsOperation = defineOperation({
  operationId: "listCourseReviews",
  method: "GET",
  path: "/api/v1/courses/{slug}/reviews",
  summary: "A published course's reviews, newest first, with its rating summary",
  description:
    "Hidden reviews and those of refunded students are left out, from the list and from the summary alike.",
  tags: ["reviews"],
  auth: "public",
  params: slugParams,
  query: ZPageInput,
  responses: {
    200: {
      description: "A page of reviews",
      schema: z.object({
        items: z.array(ZPublicReview),
        nextCursor: z.string().nullable(),
        summary: ZRatingSummary,
      }),
    },
  },
  handler: ({ params, query }, { readDb }) => findReviewsBySlug(readDb, params.slug, query),
});

export const putReviewOperation = defineOperation({
  operationId: "putMyCourseReview",
  method: "PUT",
  path: "/api/v1/courses/{slug}/review",
  summary: "Write or replace the signed-in student's review of a course",
  description:
    "Students enrolled (ACTIVE or COMPLETED) with a confirmed e-mail address who completed at least one " +
    "lesson. One review per course; a hidden review stays hidden when edited.",
  tags: ["reviews"],
  auth: "user",
  scopes: ["learn:write"],
  params: slugParams,
  body: ZReviewInput,
  responses: {
    201: { description: "Review created", schema: ZMyReview },
    200: { description: "Review updated", schema: ZMyReview },
    401: err("Not signed in"),
    403: err("Not eligible to review this course, or a cross-site request"),
    429: err("Too many review writes"),
  },
  handler: async ({ params, body }, { db, actor }) => {
    const { review, created } = await saveReview(db, actor, params.slug, body);
    return reply(created ? 201 : 200, review);
  },
});

export const deleteReviewOperation = defineOperation({
  operationId: "deleteMyCourseReview",
  method: "DELETE",
  path: "/api/v1/courses/{slug}/review",
  summary: "Delete the signed-in user's review of a course",
  tags: ["reviews"],
  auth: "user",
  scopes: ["learn:write"],
  params: slugParams,
  responses: {
    204: { description: "Deleted" },
    401: err("Not signed in"),
    403: err("A cross-site request"),
    429: err("Too many review writes"),
  },
  handler: async ({ params }, { db, actor }) => {
    await deleteReview(db, actor, params.slug);
    return reply(204);
  },
});

export const reportReviewOperation = defineOperation({
  operationId: "reportReview",
  method: "POST",
  path: "/api/v1/reviews/{id}/report",
  summary: "Report a review to the moderators (one report per person and review)",
  tags: ["reviews"],
  auth: "user",
  scopes: ["learn:write"],
  params: z.object({ id: z.string().min(1).max(64) }),
  body: ZReportInput,
  responses: {
    202: { description: "Report received", schema: z.object({ status: z.literal("received") }) },
    401: err("Not signed in"),
    403: err("Your own review, or a cross-site request"),
    429: err("Too many reports"),
  },
  handler: async ({ params, body }, { db, actor }) => {
    await reportReview(db, actor, params.id, body);
    return reply(202, { status: "received" });
  },
});
