import { z } from "zod";

export const COMMENT_MAX = 2000;
export const REPORT_REASON_MAX = 1000;
export const MODERATION_REASON_MAX = 500;
export const REVIEWS_PAGE_MAX = 50;

const noNul = (s: string) => !s.includes("\u0000");

/** Plain text: trimmed, NUL refused (PostgreSQL text cannot hold it), empty means no comment. */
const ZComment = z
  .string()
  .trim()
  .max(COMMENT_MAX, `must be at most ${COMMENT_MAX} characters`)
  .refine(noNul, "must not contain NUL characters")
  .transform((s) => (s === "" ? null : s));

export const ZReviewInput = z.object({
  rating: z
    .int("must be a whole number of stars from 1 to 5")
    .min(1, "must be 1 to 5 stars")
    .max(5, "must be 1 to 5 stars")
    .describe("Stars, 1 to 5"),
  comment: ZComment.nullable()
    .optional()
    .transform((c) => c ?? null)
    .describe(`Plain text, at most ${COMMENT_MAX} characters; shown as text, never as HTML or Markdown`),
});
export type TReviewInput = z.infer<typeof ZReviewInput>;

/** The same fields as a form sends them (strings). */
export const ZReviewForm = z.object({
  rating: z.coerce.number({ error: "choose 1 to 5 stars" }).pipe(ZReviewInput.shape.rating),
  comment: ZReviewInput.shape.comment,
});

export const ZReportInput = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "say what is wrong with this review")
    .max(REPORT_REASON_MAX, `must be at most ${REPORT_REASON_MAX} characters`)
    .refine(noNul, "must not contain NUL characters"),
});
export type TReportInput = z.infer<typeof ZReportInput>;

export const ZModerationInput = z.object({
  reviewId: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(1, "give a reason; the author sees it")
    .max(MODERATION_REASON_MAX, `must be at most ${MODERATION_REASON_MAX} characters`)
    .refine(noNul, "must not contain NUL characters"),
});
export type TModerationInput = z.infer<typeof ZModerationInput>;

export const ZPageInput = z.object({
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(REVIEWS_PAGE_MAX).default(10),
});
export type TPageInput = z.input<typeof ZPageInput>;
