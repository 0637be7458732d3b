import { z } from "zod";
import { FILE_TYPE_KEYS, type FileTypeKey } from "@/lib/file-types";

const ZId = z.string().trim().min(1).max(64);

/** What a student may hand in (docs/decisions.md, "Assignments" and "Files"). */
export const MAX_TEXT = 50_000;
export const MAX_LINKS = 10;
export const MB = 1024 * 1024;
/** Per-file size: default 10 MB, at most 50 MB. */
export const DEFAULT_MAX_FILE_MB = 10;
export const MAX_FILE_MB = 50;
export const DEFAULT_MAX_FILES = 5;
export const MAX_FILES = 20;

const ZLevel = z.object({
  id: ZId.optional(),
  title: z.string().trim().min(1, "Name the level").max(200),
  points: z.number().int().min(0, "0 or more points").max(100, "At most 100 points"),
});

const ZCriterion = z.object({
  id: ZId.optional(),
  title: z.string().trim().min(1, "Name the criterion").max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v || null),
  levels: z.array(ZLevel).min(2, "Give at least 2 levels").max(6, "At most 6 levels"),
});

export const ZRubric = z.array(ZCriterion).max(12, "At most 12 criteria");
export type TRubricInput = z.input<typeof ZRubric>;

export const ZAssignmentSave = z
  .object({
    version: z.number().int().min(0),
    textAllowed: z.boolean().default(true),
    linksAllowed: z.boolean().default(false),
    filesAllowed: z.boolean().default(false),
    allowedTypes: z
      .array(
        z.enum(FILE_TYPE_KEYS as [FileTypeKey, ...FileTypeKey[]], "Not a file type the platform accepts"),
      )
      .max(FILE_TYPE_KEYS.length)
      .default(FILE_TYPE_KEYS)
      .transform((v) => FILE_TYPE_KEYS.filter((t) => v.includes(t))),
    maxFileMb: z
      .number("Give the largest file size in MB")
      .min(1, "At least 1 MB")
      .max(MAX_FILE_MB, `At most ${MAX_FILE_MB} MB`)
      .default(DEFAULT_MAX_FILE_MB),
    maxFiles: z
      .number("Give the number of files")
      .int("A whole number of files")
      .min(1, "At least 1 file")
      .max(MAX_FILES, `At most ${MAX_FILES} files`)
      .default(DEFAULT_MAX_FILES),
    dueAt: z.iso
      .datetime({ offset: true, message: "Give the due date as a date and time" })
      .nullish()
      .transform((v) => v ?? null),
    rubric: ZRubric.nullish().transform((v) => (v && v.length > 0 ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (!v.textAllowed && !v.linksAllowed && !v.filesAllowed) {
      ctx.addIssue({
        code: "custom",
        path: ["textAllowed"],
        message: "Allow a text answer, links, files, or any combination",
      });
    }
    if (v.filesAllowed && v.allowedTypes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["allowedTypes"], message: "Choose at least one file type" });
    }
  });
export type TAssignmentSave = z.input<typeof ZAssignmentSave>;

/** An http(s) link a student hands in; anything else (javascript:, data:, file:, relative) is refused. */
export const ZLink = z
  .string()
  .trim()
  .max(2000, "At most 2,000 characters")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && Boolean(u.hostname);
    } catch {
      return false;
    }
  }, "Links must start with http:// or https://");

export const ZDraftInput = z
  .object({
    text: z
      .string()
      .max(MAX_TEXT, `At most ${MAX_TEXT.toLocaleString("en-US")} characters`)
      .optional(),
    links: z.array(ZLink).max(MAX_LINKS, `At most ${MAX_LINKS} links`).optional(),
  })
  .strict();
export type TDraftInput = z.input<typeof ZDraftInput>;

export const ZReviewInput = z
  .object({
    decision: z.enum(["PASS", "NEEDS_REVISION"]),
    feedback: z.string().trim().max(MAX_TEXT).default(""),
    rubricScores: z
      .array(z.object({ criterionId: ZId, levelId: ZId }))
      .max(12)
      .optional(),
  })
  .strict();
export type TReviewInput = z.input<typeof ZReviewInput>;

export interface RubricLevel {
  id: string;
  title: string;
  points: number;
}
export interface RubricCriterion {
  id: string;
  title: string;
  description: string | null;
  levels: RubricLevel[];
}
export interface RubricScore {
  criterionId: string;
  levelId: string;
  points: number;
}

/**
 * Checks a reviewer's rubric scores against the rubric: exactly one known level for every criterion. Returns
 * the scores with their points and the total, or the field issues.
 */
export function scoreRubric(
  rubric: RubricCriterion[],
  scores: { criterionId: string; levelId: string }[] | undefined,
):
  | { ok: true; scores: RubricScore[]; points: number; maxPoints: number }
  | { ok: false; issues: { path: string; message: string }[] } {
  const given = new Map<string, string>();
  const issues: { path: string; message: string }[] = [];
  (scores ?? []).forEach((s, i) => {
    if (given.has(s.criterionId))
      issues.push({ path: `rubricScores.${i}`, message: "This criterion is scored twice" });
    given.set(s.criterionId, s.levelId);
  });
  const out: RubricScore[] = [];
  for (const c of rubric) {
    const levelId = given.get(c.id);
    const level = c.levels.find((l) => l.id === levelId);
    if (!levelId) issues.push({ path: `rubricScores.${c.id}`, message: `Score “${c.title}”` });
    else if (!level) issues.push({ path: `rubricScores.${c.id}`, message: `Unknown level for “${c.title}”` });
    else out.push({ criterionId: c.id, levelId: level.id, points: level.points });
    given.delete(c.id);
  }
  for (const criterionId of given.keys()) {
    issues.push({ path: `rubricScores.${criterionId}`, message: "Not a criterion of this rubric" });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    scores: out,
    points: out.reduce((s, x) => s + x.points, 0),
    maxPoints: rubric.reduce((s, c) => s + Math.max(...c.levels.map((l) => l.points)), 0),
  };
}
