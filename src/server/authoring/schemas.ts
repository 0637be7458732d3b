import { ZEmail } from "../accounts/schemas";
import { z } from "zod";
import { displayableImageSrc } from "@/lib/markdown";
import { parseMoneyInput } from "@/lib/money";
import { ZSlug } from "@/lib/slug";
import { getEnv } from "../env";
import { difficultyEnum, lessonTypeEnum } from "../db/schema/enums";
import { COURSE_TITLE_MAX } from "../db/schema/catalog";

const id = z.string().trim().min(1).max(64);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/**
 * A price as people type it, in units of the platform currency ("49", "49.99"; "5000" for JPY, "1.250" for
 * KWD) → integer minor units, by src/lib/money.ts (digits, never floats).
 */
export const ZPriceInput = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const parsed = parseMoneyInput(String(v), getEnv().currency);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: `${parsed.message}.` });
    return z.NEVER;
  }
  return parsed.minor;
});

/**
 * The same price rule without the conversion, for a transport that validates a body before the service parses
 * it again (the JSON API): parsing a price twice would multiply it by the currency's minor units twice.
 */
export const ZPriceText = z
  .union([z.string(), z.number()])
  .superRefine((v, ctx) => {
    const parsed = parseMoneyInput(String(v), getEnv().currency);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${parsed.message}.` });
  })
  .describe('In units of the platform currency, as people type it: 49, "49.99" (0 is free)');

/**
 * A course image the pages can show (the rule of src/lib/markdown.ts `displayableImageSrc`): a platform file
 * under /covers/ or /media/, or an https address on a host listed in IMAGE_HOSTS. Anything else is refused
 * here rather than silently not shown.
 */
const displayableImage = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => displayableImageSrc(v, getEnv().imageHosts) !== null,
    "Use an image on this platform (/covers/… or /media/…) or an https:// address on an image host the platform allows (IMAGE_HOSTS).",
  );
const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "Use an http:// or https:// address.");
const videoUrl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (v) => /^\/(?!\/)[^\s\\]*$/.test(v) || (/^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v)),
    "Use an http(s):// address or a path on this platform starting with /.",
  );
const emptyToNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), schema.nullable().optional());

const listItems = z
  .array(z.string().trim().max(300))
  .max(30)
  .transform((items) => items.filter((s) => s !== ""));

export const ZCourseInput = z.object({
  title: z.string().trim().min(1, "Give the course a title.").max(COURSE_TITLE_MAX),
  slug: ZSlug,
  description: z.string().trim().min(1, "Describe the course.").max(5000),
  price: ZPriceInput,
  difficulty: z.enum(difficultyEnum.enumValues),
  imageUrl: emptyToNull(displayableImage),
  metaTitle: optionalText(120),
  metaDescription: optionalText(300),
  learningObjectives: listItems,
  prerequisites: listItems,
  /** Courses a student must complete first (absent: unchanged; docs/decisions.md, "Prerequisites"). */
  prerequisiteCourseIds: z.array(id).max(50).optional(),
});
export type TCourseInput = z.input<typeof ZCourseInput>;

export const ZUpdateCourseInput = ZCourseInput.extend({ courseId: id });

const atLeastOneField = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== undefined);
const NOTHING_TO_CHANGE = "Send at least one field to change.";

/**
 * A change to some of a course's details (the API's PATCH): each field as ZCourseInput validates it; absent
 * fields keep their current value (patchCourse merges under the course lock). Unknown fields are refused.
 */
export const ZCoursePatch = ZCourseInput.partial()
  .strict()
  .refine(atLeastOneField, { message: NOTHING_TO_CHANGE });
/** ZCoursePatch for a transport that validates first (the price stays as typed; see ZPriceText). */
export const ZCoursePatchBody = ZCourseInput.extend({ price: ZPriceText })
  .partial()
  .strict()
  .refine(atLeastOneField, { message: NOTHING_TO_CHANGE });
/** ZCourseInput for a transport that validates first (see ZPriceText); the lists may be left out. */
export const ZCourseInputBody = ZCourseInput.extend({
  price: ZPriceText,
  learningObjectives: listItems.default([]),
  prerequisites: listItems.default([]),
}).strict();

export const ZSlugCheck = z.object({ slug: z.string().max(300), courseId: id.optional() });

/**
 * When a module opens to an enrolled student (scheduled release): at enrollment, N days after the student's
 * access began, or on a date.
 */
export const ZModuleRelease = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("immediate") }),
  z.object({
    kind: z.literal("after_days"),
    days: z.coerce
      .number({ message: "Give a number of days." })
      .int("Give a whole number of days.")
      .min(1, "At least 1 day after enrollment.")
      .max(3650, "At most 3650 days (10 years)."),
  }),
  z.object({
    kind: z.literal("on_date"),
    date: z.iso.datetime({ offset: true, message: "Give a date and time, such as 2027-03-01T09:00:00Z." }),
  }),
]);
export type TModuleRelease = z.infer<typeof ZModuleRelease>;
export type TModuleReleaseInput = z.input<typeof ZModuleRelease>;

export const ZModuleInput = z.object({
  courseId: id,
  title: z.string().trim().min(1, "Give the module a title.").max(200),
  description: z.string().trim().max(2000).default(""),
  published: z.boolean().default(true),
  /** Absent: unchanged (immediate for a new module). */
  release: ZModuleRelease.optional(),
});
export const ZUpdateModuleInput = ZModuleInput.omit({ courseId: true }).extend({ moduleId: id });

/** Some of a module's fields (no defaults: absent keeps the current value; patchModule merges under the lock). */
export const ZModulePatch = z
  .object({
    title: ZModuleInput.shape.title,
    description: ZModuleInput.shape.description.unwrap(),
    published: z.boolean(),
    release: ZModuleRelease,
  })
  .partial()
  .strict()
  .refine(atLeastOneField, { message: NOTHING_TO_CHANGE });
export type TModulePatch = z.input<typeof ZModulePatch>;

export const ZNewLessonInput = z.object({
  moduleId: id,
  title: z.string().trim().min(1, "Give the lesson a title.").max(200),
});

export const ZLessonInput = z.object({
  lessonId: id,
  title: z.string().trim().min(1, "Give the lesson a title.").max(200),
  lessonType: z.enum(lessonTypeEnum.enumValues),
  duration: z.coerce.number().int("Whole minutes.").min(0).max(1440),
  content: z.string().max(200_000),
  videoUrl: emptyToNull(videoUrl),
  resourceUrl: emptyToNull(httpUrl),
});

/**
 * Some of a lesson's fields (absent keeps the current value; patchLesson merges under the lock), and/or
 * `moduleId`: move the lesson to the end of that module of the same course.
 */
export const ZLessonPatch = ZLessonInput.omit({ lessonId: true })
  .extend({ moduleId: id })
  .partial()
  .strict()
  .refine(atLeastOneField, { message: NOTHING_TO_CHANGE });
export type TLessonPatch = z.input<typeof ZLessonPatch>;

/**
 * A reorder: the complete new order, and the order the editor last saw. When the current children differ
 * from `previousIds` (someone else added, removed or reordered), the answer is 409 CONFLICT.
 */
export const ZReorderInput = z
  .object({
    parentId: id,
    ids: z.array(id).min(1).max(500),
    previousIds: z.array(id).min(1).max(500),
  })
  .refine(
    (v) =>
      v.ids.length === v.previousIds.length && [...v.ids].sort().join() === [...v.previousIds].sort().join(),
    { message: "The new order must contain exactly the items shown.", path: ["ids"] },
  );

export const ZMoveLessonInput = z.object({ lessonId: id, toModuleId: id });

/** A destructive step confirmed for the number of students the editor was told about. */
export const ZConfirmedDelete = z.object({ id, confirmAffected: z.coerce.number().int().min(0).default(0) });
export const ZUnpublishInput = z.object({
  courseId: id,
  confirmEnrolled: z.coerce.number().int().min(0).default(0),
});

export const ZAddInstructor = z.object({ courseId: z.string().min(1).max(64), email: ZEmail });

export const ZRemoveInstructor = z.object({
  courseId: z.string().min(1).max(64),
  userId: z.string().min(1).max(64),
});

/** "Make owner": the member (already on the team) who becomes the course's one OWNER. */
export const ZTransferOwnership = ZRemoveInstructor;

/** The lesson editor's live preview: Markdown as long as a lesson may be. */
export const ZPreviewInput = z.string().max(200_000);

export type TLessonInput = z.input<typeof ZLessonInput>;
