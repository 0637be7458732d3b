import { z } from "zod";
import { MAX_EXERCISE_CODE } from "../db/schema/exercises";

export { MAX_EXERCISE_CODE };

/** What an INTERACTIVE lesson may hold (docs/decisions.md, "Exercises"). */
export const MAX_EXERCISES = 20;
export const MAX_CHECKS = 20;
export const MAX_INSTRUCTIONS = 20_000;
export const DEFAULT_TIME_LIMIT_S = 5;
export const MAX_TIME_LIMIT_S = 30;
/** Bytes of UTF-8 a student's code may have (the API answers 413 past it). */
export const MAX_CODE_BYTES = 64 * 1024;

export const EXERCISE_LANGUAGES = ["python", "javascript"] as const;
export type ExerciseLanguage = (typeof EXERCISE_LANGUAGES)[number];

const utf8 = new TextEncoder();
/** Measured in UTF-8 bytes, as a student's code is: a starter the author can save, a student can save too. */
const code = (what: string) =>
  z
    .string()
    .max(MAX_EXERCISE_CODE, `${what} is too long (at most 64 KB)`)
    .refine((c) => utf8.encode(c).length <= MAX_EXERCISE_CODE, `${what} is too long (at most 64 KB)`);

export const ZExerciseCheck = z.object({
  name: z.string().trim().min(1, "Name the check").max(120, "At most 120 characters"),
  code: code("The check's code").refine((c) => c.trim().length > 0, "Write the check's code"),
});

export const ZExerciseInput = z.object({
  id: z.string().trim().min(1).max(64).optional(),
  language: z.enum(EXERCISE_LANGUAGES, { error: "Choose Python or JavaScript" }),
  instructions: z.string().max(MAX_INSTRUCTIONS, "At most 20,000 characters").default(""),
  starterCode: code("The starter code").default(""),
  setupCode: code("The setup code").default(""),
  checks: z
    .array(ZExerciseCheck)
    .min(1, "Add at least one check")
    .max(MAX_CHECKS, `At most ${MAX_CHECKS} checks`)
    .superRefine((checks, ctx) => {
      const seen = new Set<string>();
      checks.forEach((c, i) => {
        const key = c.name.trim().toLowerCase();
        if (seen.has(key)) {
          ctx.addIssue({ code: "custom", path: [i, "name"], message: "Two checks have this name" });
        }
        seen.add(key);
      });
    }),
  solution: code("The solution")
    .nullish()
    .transform((s) => (s && s.trim() ? s : null)),
  timeLimitSeconds: z
    .number({ error: "A whole number of seconds" })
    .int("A whole number of seconds")
    .min(1, "At least 1 second")
    .max(MAX_TIME_LIMIT_S, `At most ${MAX_TIME_LIMIT_S} seconds`)
    .default(DEFAULT_TIME_LIMIT_S),
});
export type TExerciseInput = z.input<typeof ZExerciseInput>;

export const ZExercisesSave = z.object({
  items: z
    .array(ZExerciseInput)
    .max(MAX_EXERCISES, `At most ${MAX_EXERCISES} exercises in a lesson`)
    .superRefine((items, ctx) => {
      const ids = new Set<string>();
      items.forEach((x, i) => {
        if (x.id && ids.has(x.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "Listed twice" });
        if (x.id) ids.add(x.id);
      });
    }),
});
export type TExercisesSave = z.input<typeof ZExercisesSave>;

/** Code as the student sends it; the size is checked in bytes by the service (413 past MAX_CODE_BYTES). */
export const ZCodeInput = z.object({ code: z.string({ error: "Send the code as text" }) });
export type TCodeInput = z.input<typeof ZCodeInput>;

export const ZResultInput = z.object({
  code: z.string({ error: "Send the code as text" }),
  checks: z
    .array(z.object({ name: z.string().max(200), passed: z.boolean() }))
    .min(1, "Report every check")
    .max(MAX_CHECKS),
});
export type TResultInput = z.input<typeof ZResultInput>;
