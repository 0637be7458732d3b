/**
 * The exercise editor's working copy (form strings, stable keys for React and for field errors), converted to
 * the API's shape on save, and what a "Try it" run found.
 */

import type { CheckOutcome, RunOutcome } from "@/components/exercises/sandbox-client";

export type ExerciseLanguage = "python" | "javascript";

/** The limits of src/server/assessments/exercise-schemas.ts (not imported: it pulls in the database schema). */
export const LIMITS = {
  exercises: 20,
  checks: 20,
  code: 65_536,
  instructions: 20_000,
  checkName: 120,
  minSeconds: 1,
  maxSeconds: 30,
  defaultSeconds: 5,
} as const;

export const LANGUAGE_LABEL: Record<ExerciseLanguage, string> = {
  python: "Python",
  javascript: "JavaScript",
};

/** An exercise as GET/PUT /api/v1/instructor/lessons/{id}/exercises answers it. */
export interface AuthorExerciseData {
  id: string;
  language: ExerciseLanguage;
  instructions: string;
  starterCode: string;
  setupCode: string;
  checks: { name: string; code: string }[];
  solution: string | null;
  timeLimitSeconds: number;
}

export interface DraftCheck {
  key: string;
  name: string;
  code: string;
}

export interface DraftExercise {
  key: string;
  id?: string;
  language: ExerciseLanguage;
  instructions: string;
  starterCode: string;
  setupCode: string;
  checks: DraftCheck[];
  solution: string;
  /** As typed; a whole number 1–30 to be valid. */
  timeLimit: string;
}

/** Keys for what the author adds in the browser (loaded items are keyed by their ids). */
let seq = 0;
export const newKey = (prefix = "x") => `${prefix}${(seq++).toString(36)}`;

export const blankCheck = (): DraftCheck => ({ key: newKey("c"), name: "", code: "" });

export const blankExercise = (language: ExerciseLanguage = "python"): DraftExercise => ({
  key: newKey("e"),
  language,
  instructions: "",
  starterCode: "",
  setupCode: "",
  checks: [blankCheck()],
  solution: "",
  timeLimit: String(LIMITS.defaultSeconds),
});

/** The drafts of `items`; `keepKeys` (the drafts just saved, in the same order) keeps their keys. */
export function toDrafts(items: AuthorExerciseData[], keepKeys?: DraftExercise[]): DraftExercise[] {
  const same = keepKeys && keepKeys.length === items.length;
  return items.map((x, i) => {
    const old = same ? keepKeys[i] : undefined;
    const sameChecks = old && old.checks.length === x.checks.length;
    return {
      key: old?.key ?? x.id,
      id: x.id,
      language: x.language,
      instructions: x.instructions,
      starterCode: x.starterCode,
      setupCode: x.setupCode,
      checks: x.checks.map((c, ci) => ({
        // Deterministic on first render (server and browser agree); kept across a save.
        key: sameChecks ? old.checks[ci]!.key : `${x.id}-c${ci}`,
        name: c.name,
        code: c.code,
      })),
      solution: x.solution ?? "",
      timeLimit: String(x.timeLimitSeconds),
    };
  });
}

/** The time limit in whole seconds, or null when it is not a whole number from 1 to 30. */
export function seconds(x: DraftExercise): number | null {
  const t = x.timeLimit.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= LIMITS.minSeconds && n <= LIMITS.maxSeconds ? n : null;
}

export const hasSolution = (x: DraftExercise) => x.solution.trim() !== "";

export function toSave(drafts: DraftExercise[]) {
  return {
    items: drafts.map((x) => ({
      ...(x.id ? { id: x.id } : {}),
      language: x.language,
      instructions: x.instructions,
      starterCode: x.starterCode,
      setupCode: x.setupCode,
      checks: x.checks.map((c) => ({ name: c.name, code: c.code })),
      solution: hasSolution(x) ? x.solution : null,
      // Checked before saving (checkLocally); a number either way, so the server names the field if not.
      timeLimitSeconds: Number(x.timeLimit.trim() || NaN),
    })),
  };
}

/**
 * What a run depends on: the language, setup, starter code, checks, solution and time limit (not the
 * instructions). A Try it result is current while the exercise's fingerprint is the one it ran with, and an
 * exercise whose fingerprint is the one it was loaded (or last saved) with needs no new Try it.
 */
export function fingerprint(x: DraftExercise): string {
  return JSON.stringify([
    x.language,
    x.setupCode,
    x.starterCode,
    x.checks.map((c) => [c.name, c.code]),
    x.solution,
    x.timeLimit.trim(),
  ]);
}

// ------------------------------------------------------------------------------------------------------------
// Try it
// ------------------------------------------------------------------------------------------------------------

/** The Try it running now: which exercise, which run, and whether the runtime is still loading. */
export interface RunState {
  key: string;
  which: "solution" | "starter";
  phase: "loading" | "running";
}

export interface TryResult {
  fingerprint: string;
  seconds: number;
  /** How many checks the exercise had when it ran (a stopped run reports none). */
  checkCount: number;
  /** The run against the reference solution; null when the exercise has none. */
  solution: RunOutcome | null;
  /** The run against the starter code; null when the Try it was stopped before it. */
  starter: RunOutcome | null;
}

export const failedChecks = (o: RunOutcome): CheckOutcome[] => o.checks.filter((c) => !c.passed);

/** A run in which every check ran and passed (none stopped, no error). */
export const allPassed = (o: RunOutcome) =>
  o.stopped === null && o.error === null && o.checks.length > 0 && failedChecks(o).length === 0;

/** Why the reference solution does not pass, in one sentence; null when it passes (or there is none). */
export function solutionProblem(r: TryResult): string | null {
  const o = r.solution;
  if (!o || allPassed(o)) return null;
  if (o.stopped === "time") return `The reference solution was stopped at the time limit (${r.seconds} s).`;
  if (o.stopped === "user") return "The run of the reference solution was stopped before it finished.";
  if (o.error) {
    if (o.error.where === "setup") return `${o.error.message}`;
    return `The reference solution stops with an error${o.error.line ? ` on line ${o.error.line}` : ""}: ${o.error.message}`;
  }
  const failed = failedChecks(o)[0];
  if (failed) return `The reference solution fails “${failed.name}”: ${failed.message || "(no message)"}`;
  return "The reference solution ran no checks.";
}

// ------------------------------------------------------------------------------------------------------------
// Field errors
// ------------------------------------------------------------------------------------------------------------

/**
 * Field errors keyed by draft keys, so they stay beside their fields when exercises or checks move:
 * `${exerciseKey}|field` (field: language, instructions, starterCode, setupCode, solution, timeLimitSeconds,
 * checks, id) or `${exerciseKey}|check:${checkKey}:name|code`; anything else under "items" (the whole list).
 */
export type FieldErrors = Record<string, string>;

export function mapServerFields(
  fields: { path: string; message: string }[],
  drafts: DraftExercise[],
): FieldErrors {
  const out: FieldErrors = {};
  for (const f of fields) {
    const parts = f.path.replace(/^body\./, "").split(".");
    const x = parts[0] === "items" && parts[1] !== undefined ? drafts[Number(parts[1])] : undefined;
    let key = "items";
    if (x) {
      const field = parts[2] ?? "id";
      const check = field === "checks" && parts[3] !== undefined ? x.checks[Number(parts[3])] : undefined;
      key = check
        ? `${x.key}|check:${check.key}:${parts[4] === "name" ? "name" : "code"}`
        : `${x.key}|${field}`;
    }
    out[key] ??= f.message;
  }
  return out;
}

/** Problems the browser can name before sending (the server checks everything again). */
export function checkLocally(drafts: DraftExercise[]): FieldErrors {
  const out: FieldErrors = {};
  if (drafts.length > LIMITS.exercises) out.items = `At most ${LIMITS.exercises} exercises in a lesson`;
  for (const x of drafts) {
    if (seconds(x) === null) {
      out[`${x.key}|timeLimitSeconds`] =
        `A whole number of seconds from ${LIMITS.minSeconds} to ${LIMITS.maxSeconds}`;
    }
    if (x.checks.length === 0) out[`${x.key}|checks`] = "Add at least one check";
    const seen = new Set<string>();
    for (const c of x.checks) {
      const name = c.name.trim().toLowerCase();
      if (!name) out[`${x.key}|check:${c.key}:name`] = "Name the check";
      else if (seen.has(name)) out[`${x.key}|check:${c.key}:name`] = "Two checks have this name";
      seen.add(name);
      if (!c.code.trim()) out[`${x.key}|check:${c.key}:code`] = "Write the check's code";
    }
  }
  return out;
}

/** The id of a field's control in the page (for the error summary's links). */
export const fieldId = (exerciseKey: string, field: string) =>
  `exercise-${exerciseKey}-${field.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

const FIELD_LABEL: Record<string, string> = {
  language: "language",
  instructions: "instructions",
  starterCode: "starter code",
  setupCode: "setup code",
  solution: "reference solution",
  timeLimitSeconds: "time limit",
  checks: "checks",
  id: "",
};

export interface SummaryLine {
  label: string;
  /** The exercise the field belongs to (null: the list as a whole). */
  exerciseKey: string | null;
  /** The field's element id (null: nothing to focus). */
  target: string | null;
  message: string;
}

/** The error summary's lines, in the order of the page. */
export function summarize(errors: FieldErrors, drafts: DraftExercise[]): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (errors.items)
    lines.push({ label: "Exercises", exerciseKey: null, target: null, message: errors.items });
  drafts.forEach((x, i) => {
    const n = `Exercise ${i + 1}`;
    const own = (f: string) => errors[`${x.key}|${f}`];
    for (const f of ["id", "language", "instructions", "starterCode", "setupCode"]) {
      if (!own(f)) continue;
      const target = fieldId(x.key, f === "id" ? "language" : f);
      lines.push({
        label: FIELD_LABEL[f] ? `${n} ${FIELD_LABEL[f]}` : n,
        exerciseKey: x.key,
        target,
        message: own(f)!,
      });
    }
    if (own("checks"))
      lines.push({
        label: `${n} checks`,
        exerciseKey: x.key,
        target: fieldId(x.key, "add-check"),
        message: own("checks")!,
      });
    x.checks.forEach((c, ci) => {
      for (const part of ["name", "code"] as const) {
        const m = own(`check:${c.key}:${part}`);
        if (m)
          lines.push({
            label: `${n}, check ${ci + 1} ${part}`,
            exerciseKey: x.key,
            target: fieldId(x.key, `check-${c.key}-${part}`),
            message: m,
          });
      }
    });
    for (const f of ["solution", "timeLimitSeconds"]) {
      if (own(f))
        lines.push({
          label: `${n} ${FIELD_LABEL[f]}`,
          exerciseKey: x.key,
          target: fieldId(x.key, f),
          message: own(f)!,
        });
    }
  });
  return lines;
}

/** A one-line title for a collapsed card: the instructions' first line, without Markdown marks. */
export function titleOf(x: DraftExercise): string {
  const line = x.instructions.split("\n").find((l) => l.trim() !== "") ?? "";
  const text = line
    .replace(/^\s*(#+|[-*>]|\d+\.)\s*/, "")
    .replace(/[*_`]/g, "")
    .trim();
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
