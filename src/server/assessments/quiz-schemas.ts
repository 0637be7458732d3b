import { z } from "zod";
import { compilePattern } from "./pattern";

/** Ids the platform generates (UUIDs); bounded so nothing longer reaches the database. */
const ZId = z.string().trim().min(1).max(64);

export const QUESTION_TYPES = ["single", "true_false", "multiple", "short_text", "numeric"] as const;
export const ZQuestionType = z.enum(QUESTION_TYPES);
export type TQuestionType = z.infer<typeof ZQuestionType>;
export const ZReveal = z.enum(["after_passing", "after_each_attempt"]);

export const MAX_OPTIONS = 10;
export const MAX_TEXT_ANSWER = 500;
export const MAX_PATTERN = 200;
export const MAX_QUESTIONS = 200;

export const ZQuizSettings = z.object({
  passPercentage: z.number().int().min(1, "At least 1 %").max(100, "At most 100 %").default(70),
  maxAttempts: z
    .number()
    .int()
    .min(1, "At least 1 attempt")
    .max(100, "At most 100 attempts")
    .nullable()
    .default(null),
  timeLimitMinutes: z
    .number()
    .int()
    .min(1, "At least 1 minute")
    .max(1440, "At most 1,440 minutes (a day)")
    .nullable()
    .default(null),
  poolSize: z.number().int().min(1, "Draw at least 1 question").nullable().default(null),
  shuffleOptions: z.boolean().default(false),
  partialCredit: z.boolean().default(false),
  revealAnswers: ZReveal.default("after_passing"),
});
export type TQuizSettings = z.output<typeof ZQuizSettings>;

const ZOptionInput = z.object({
  id: ZId.optional(),
  text: z.string().trim().min(1, "An option needs text").max(500, "At most 500 characters"),
  correct: z.boolean(),
});

/** A question as an author writes it; the rules per type are checked as a whole (every issue reported). */
export const ZQuestionInput = z
  .object({
    id: ZId.optional(),
    type: ZQuestionType,
    prompt: z.string().trim().min(1, "Write the question").max(5000, "At most 5,000 characters"),
    points: z.number().int().min(1, "At least 1 point").max(100, "At most 100 points").default(1),
    explanation: z
      .string()
      .trim()
      .max(5000, "At most 5,000 characters")
      .nullish()
      .transform((v) => v || null),
    options: z.array(ZOptionInput).max(MAX_OPTIONS, `At most ${MAX_OPTIONS} options`).default([]),
    acceptedAnswers: z
      .array(z.string().trim().min(1, "An accepted answer cannot be empty").max(MAX_TEXT_ANSWER))
      .max(20, "At most 20 accepted answers")
      .default([]),
    pattern: z
      .string()
      .max(MAX_PATTERN, `At most ${MAX_PATTERN} characters`)
      .nullish()
      .transform((v) => v || null),
    value: z
      .number()
      .finite()
      .nullish()
      .transform((v) => v ?? null),
    tolerance: z
      .number()
      .finite()
      .min(0, "The tolerance cannot be negative")
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((q, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const correct = q.options.filter((o) => o.correct).length;
    const choice = q.type === "single" || q.type === "true_false" || q.type === "multiple";
    if (choice) {
      if (q.type === "true_false" && q.options.length !== 2)
        issue("options", "A true/false question has two options");
      else if (q.options.length < 2) issue("options", "Give at least 2 options");
      if (q.type === "multiple" && correct < 1) issue("options", "Mark at least one option correct");
      if (q.type !== "multiple" && correct !== 1) issue("options", "Mark exactly one option correct");
      const texts = new Set(q.options.map((o) => o.text.toLowerCase()));
      if (texts.size !== q.options.length) issue("options", "Two options have the same text");
    } else if (q.options.length > 0) {
      issue("options", "Only choice questions have options");
    }
    if (q.type === "short_text") {
      if (q.acceptedAnswers.length === 0) issue("acceptedAnswers", "Give at least one accepted answer");
      if (q.pattern) {
        const compiled = compilePattern(q.pattern);
        if (!compiled.ok) issue("pattern", `This pattern is not valid: ${compiled.message}`);
      }
    } else if (q.acceptedAnswers.length > 0 || q.pattern) {
      issue("acceptedAnswers", "Only short-text questions have accepted answers");
    }
    if (q.type === "numeric") {
      if (q.value === null) issue("value", "Give the correct value");
    } else if (q.value !== null || q.tolerance !== null) {
      issue("value", "Only numeric questions have a value");
    }
  });
export type TQuestionInput = z.input<typeof ZQuestionInput>;
export type TQuestion = z.output<typeof ZQuestionInput>;

export const ZQuizSave = z
  .object({
    version: z.number().int().min(0),
    settings: ZQuizSettings,
    questions: z.array(ZQuestionInput).max(MAX_QUESTIONS, `At most ${MAX_QUESTIONS} questions`),
  })
  .superRefine((v, ctx) => {
    if (v.settings.poolSize !== null && v.settings.poolSize > v.questions.length) {
      ctx.addIssue({
        code: "custom",
        path: ["settings", "poolSize"],
        message: `The quiz has ${v.questions.length} question${v.questions.length === 1 ? "" : "s"}; draw at most that many`,
      });
    }
    const ids = v.questions.map((q) => q.id).filter(Boolean);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: "custom", path: ["questions"], message: "A question appears twice" });
    }
  });
export type TQuizSave = z.input<typeof ZQuizSave>;

/** One answer as a student gives it. Which fields fit which question is checked against the attempt. */
export const ZAnswer = z
  .object({
    questionId: ZId,
    optionIds: z.array(ZId).max(MAX_OPTIONS).optional(),
    text: z.string().max(MAX_TEXT_ANSWER, `At most ${MAX_TEXT_ANSWER} characters`).optional(),
    value: z.number().finite().optional(),
  })
  .strict();
export type TAnswer = z.infer<typeof ZAnswer>;
export const ZAnswers = z.object({ answers: z.array(ZAnswer).max(MAX_QUESTIONS) }).strict();
export type TAnswers = z.infer<typeof ZAnswers>;

/** A question as it was served in an attempt, answer data included (never sent before submission). */
export interface ServedQuestion {
  id: string;
  type: TQuestionType;
  prompt: string;
  points: number;
  explanation: string | null;
  options: { id: string; text: string; correct: boolean }[];
  acceptedAnswers: string[];
  pattern: string | null;
  value: number | null;
  tolerance: number | null;
}

/** The rules an attempt is graded by, fixed when it starts. */
export interface AttemptSettings {
  passPercentage: number;
  partialCredit: boolean;
  revealAnswers: "after_passing" | "after_each_attempt";
}

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  pointsAwarded: number;
  explanation: string | null;
  correctOptionIds?: string[];
  acceptedAnswer?: string;
}
