import { z } from "zod";
import { difficultyEnum, lessonTypeEnum } from "../db/schema/enums";

/** Orders of the catalog. Each one is a keyset order ending in the course id (docs/decisions.md, "Catalog"). */
export const CATALOG_SORTS = ["newest", "popular", "rating", "price_asc", "price_desc", "relevance"] as const;
export const ZCatalogSort = z.enum(CATALOG_SORTS);
export type TCatalogSort = z.infer<typeof ZCatalogSort>;

export const ZDifficulty = z.enum(difficultyEnum.enumValues);
export const ZPriceFilter = z.enum(["free", "paid"]);

export const CATALOG_LIMIT_MAX = 50;
/** Largest value PostgreSQL's `integer` holds: bigger numbers would fail in the database, not here. */
export const INT4_MAX = 2_147_483_647;

const ZCents = z.coerce.number().int().min(0).max(INT4_MAX);

/** What a catalog search asks for, as the service takes it (cents, parsed cursor still opaque). */
export const ZCatalogInput = z
  .object({
    q: z
      .string()
      .trim()
      .max(200)
      .refine((q) => !q.includes("\u0000"), "must not contain NUL characters")
      .optional()
      .describe('Full-text search over title and description (web search syntax: "phrase", -exclude, or)'),
    difficulty: ZDifficulty.optional(),
    price: ZPriceFilter.optional().describe("free: price 0; paid: price above 0"),
    minPrice: ZCents.optional().describe("Lowest price in cents of the platform currency"),
    maxPrice: ZCents.optional().describe("Highest price in cents of the platform currency"),
    sort: ZCatalogSort.optional().describe("Defaults to relevance when searching, newest otherwise"),
    cursor: z
      .string()
      .max(1000)
      .optional()
      .describe("nextCursor of the previous page, with the same filters and sort"),
    limit: z.coerce.number().int().min(1).max(CATALOG_LIMIT_MAX).default(20),
  })
  .superRefine((v, ctx) => {
    if (v.sort === "relevance" && !v.q) {
      ctx.addIssue({
        code: "custom",
        path: ["sort"],
        message: "Sorting by relevance needs a search: give q, or choose another sort.",
      });
    }
    if (v.minPrice !== undefined && v.maxPrice !== undefined && v.minPrice > v.maxPrice) {
      ctx.addIssue({ code: "custom", path: ["minPrice"], message: "minPrice must not exceed maxPrice." });
    }
  });
export type TCatalogInput = z.input<typeof ZCatalogInput>;
export type TCatalogQuery = z.output<typeof ZCatalogInput>;

export const ZCourseListItem = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  difficulty: ZDifficulty,
  duration: z.int().min(0).describe("Minutes"),
  price: z.int().min(0).describe("Cents of `currency`"),
  currency: z.string().regex(/^[A-Z]{3}$/),
  featured: z.boolean(),
  enrollmentCount: z.int().min(0),
  ratingAverage: z.number().min(1).max(5).nullable().describe("Mean rating to two decimals; null if unrated"),
  ratingCount: z.int().min(0),
});
export type TCourseListItem = z.infer<typeof ZCourseListItem>;

export const ZCatalogPage = z.object({
  items: z.array(ZCourseListItem),
  nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
});
export type TCatalogPage = z.infer<typeof ZCatalogPage>;

export const ZRatingSummary = z.object({
  average: z.number().min(1).max(5).nullable(),
  count: z.int().min(0),
  histogram: z
    .array(z.object({ rating: z.int().min(1).max(5), count: z.int().min(0) }))
    .length(5)
    .describe("Ratings 5 down to 1"),
});
export type TRatingSummary = z.infer<typeof ZRatingSummary>;

export const ZCourseDetail = ZCourseListItem.extend({
  learningObjectives: z.array(z.string()),
  prerequisites: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  rating: ZRatingSummary,
  instructors: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(["OWNER", "INSTRUCTOR"]) })),
  modules: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      order: z.int(),
      duration: z.int().min(0),
      release: z
        .object({
          kind: z.enum(["immediate", "after_days", "on_date"]),
          days: z.int().optional(),
          date: z.iso.datetime().optional(),
        })
        .describe("When the module opens to an enrolled student: at enrollment, days after it, or on a date"),
      lessons: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          order: z.int(),
          duration: z.int().min(0),
          lessonType: z.enum(lessonTypeEnum.enumValues),
        }),
      ),
    }),
  ),
});
export type TCourseDetail = z.infer<typeof ZCourseDetail>;
