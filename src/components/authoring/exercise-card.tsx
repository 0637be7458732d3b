"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { buttonClass } from "@/components/ui/button";
import { useMarkdownPreview } from "@/components/ui/use-markdown-preview";
import { CodeEditor } from "@/components/exercises/code-editor";
import { ConfirmRemove, ExerciseChecks, FieldError, input, small } from "./exercise-checks";
import {
  fieldId,
  hasSolution,
  LANGUAGE_LABEL,
  LIMITS,
  type DraftExercise,
  type ExerciseLanguage,
  type FieldErrors,
  type RunState,
  type TryResult,
  titleOf,
} from "./exercise-draft";
import { TryResultView } from "./exercise-try-result";

/**
 * One exercise in the lesson editor: language, instructions, starter and setup code, checks, reference
 * solution and time limit, with move and remove controls and "Try it" (the checks against the solution and
 * against the starter code, in the sandbox).
 */
export function ExerciseCard({
  index,
  count,
  exercise: x,
  errors,
  expanded,
  onToggle,
  result,
  stale,
  needsTry,
  run,
  tryMessage,
  onChange,
  onMove,
  onRemove,
  onTry,
  onStop,
  announce,
  focus,
  preview,
}: {
  index: number;
  count: number;
  exercise: DraftExercise;
  errors: FieldErrors;
  /** Shown in full (else one line: title, checks, solution, and Try it). */
  expanded: boolean;
  onToggle: () => void;
  /** The last Try it of this exercise, if any; `stale` when the exercise changed since. */
  result: TryResult | null;
  stale: boolean;
  /** Changed since it was loaded or saved: it needs a passing Try it before saving. */
  needsTry: boolean;
  /** The Try it running now (of this exercise or another), if any. */
  run: RunState | null;
  /** Why Try it could not start (a missing check, a bad time limit). */
  tryMessage: string | null;
  onChange: (patch: Partial<DraftExercise>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onTry: () => void;
  onStop: () => void;
  announce: (text: string) => void;
  focus: (id: string) => void;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const n = index + 1;
  const id = (f: string) => fieldId(x.key, f);
  const err = (f: string) => errors[`${x.key}|${f}`];
  const described = (f: string) =>
    err(f) ? { "aria-invalid": true as const, "aria-describedby": id(`${f}-error`) } : {};
  const [showPreview, setShowPreview] = useState(false);
  const previewHtml = useMarkdownPreview(x.instructions, showPreview, preview, "*(no instructions yet)*");
  const running = run?.key === x.key ? run : null;
  const busyElsewhere = run !== null && !running;
  const runIt = running || busyElsewhere ? undefined : onTry;
  const language = LANGUAGE_LABEL[x.language];

  let tryStatus: string;
  if (running) {
    tryStatus =
      running.phase === "loading"
        ? `Loading ${language}${x.language === "python" ? " (the first run takes a few seconds)" : ""}…`
        : running.which === "solution"
          ? "Running the checks against the reference solution…"
          : "Running the checks against the starter code…";
  } else if (tryMessage) tryStatus = tryMessage;
  else if (result && !stale) tryStatus = "";
  else if (needsTry)
    tryStatus = result
      ? "Changed since the last Try it: try it again before saving."
      : "Changed since it was saved: try it before saving.";
  else tryStatus = "Unchanged since it was saved.";

  return (
    <li className="min-w-0 rounded-2xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={id("heading")} tabIndex={-1} className="font-semibold outline-none focus-visible:ring-2">
          Exercise {n} <span className="font-normal text-slate-500">· {language}</span>
        </h3>
        <div className="flex flex-wrap gap-1">
          <button
            id={id("toggle")}
            type="button"
            className={small}
            aria-expanded={expanded}
            aria-controls={id("body")}
            onClick={onToggle}
          >
            {expanded ? "Collapse" : "Expand"}
            <span className="sr-only"> exercise {n}</span>
          </button>
          <button
            id={id("up")}
            type="button"
            className={small}
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            Move up<span className="sr-only"> exercise {n}</span>
          </button>
          <button
            id={id("down")}
            type="button"
            className={small}
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            Move down<span className="sr-only"> exercise {n}</span>
          </button>
          <ConfirmRemove id={id("remove")} what={`exercise ${n}`} onConfirm={onRemove} />
        </div>
      </div>
      <FieldError id={id("id-error")} message={err("id")} />
      {expanded ? null : (
        <p className="mt-1 break-words text-sm text-slate-600">
          {titleOf(x) || <em>No instructions yet</em>} · {x.checks.length} check
          {x.checks.length === 1 ? "" : "s"} ·{" "}
          {hasSolution(x) ? "reference solution" : "no reference solution"}
        </p>
      )}

      <div id={id("body")} hidden={!expanded}>
        <fieldset className="mt-3" {...described("language")}>
          <legend className="text-sm font-medium text-slate-800">
            <span className="sr-only">Exercise {n} </span>Language
          </legend>
          <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {(Object.keys(LANGUAGE_LABEL) as ExerciseLanguage[]).map((l, li) => (
              <label key={l} className="flex items-center gap-2">
                <input
                  type="radio"
                  id={li === 0 ? id("language") : undefined}
                  name={id("language")}
                  value={l}
                  checked={x.language === l}
                  onChange={() => onChange({ language: l })}
                />
                {LANGUAGE_LABEL[l]}
              </label>
            ))}
          </div>
          <FieldError id={id("language-error")} message={err("language")} />
        </fieldset>

        <div className="mt-3 flex flex-wrap items-end justify-between gap-2">
          <label htmlFor={id("instructions")} className="block text-sm font-medium text-slate-800">
            <span className="sr-only">Exercise {n} </span>Instructions{" "}
            <span className="font-normal text-slate-500">(Markdown)</span>
          </label>
          <button
            type="button"
            className={small}
            aria-expanded={showPreview}
            onClick={() => setShowPreview((v) => !v)}
          >
            {showPreview ? "Hide preview" : "Preview"}
            <span className="sr-only"> exercise {n} instructions</span>
          </button>
        </div>
        <textarea
          id={id("instructions")}
          rows={5}
          maxLength={LIMITS.instructions}
          className={input}
          value={x.instructions}
          onChange={(e) => onChange({ instructions: e.target.value })}
          {...described("instructions")}
        />
        <FieldError id={id("instructions-error")} message={err("instructions")} />
        {showPreview ? (
          <div
            className="mt-2 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-4"
            aria-live="polite"
          >
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">As students see it</p>
            {previewHtml === null ? (
              <p className="mt-1 text-sm text-slate-500">Rendering…</p>
            ) : (
              <div
                className="lesson-content mt-1 min-w-0"
                dangerouslySetInnerHTML={{ __html: previewHtml }}
              />
            )}
          </div>
        ) : null}

        <p className="mt-4 text-sm font-medium text-slate-800" aria-hidden="true">
          Starter code
        </p>
        <p className="text-sm text-slate-600">
          What students start from: leave the part they should write unfinished.
        </p>
        <div className="mt-1">
          <CodeEditor
            id={id("starterCode")}
            label={`Exercise ${n} starter code`}
            language={x.language}
            value={x.starterCode}
            onChange={(starterCode) => onChange({ starterCode })}
            minLines={6}
            onRun={runIt}
          />
        </div>
        <FieldError id={id("starterCode-error")} message={err("starterCode")} />

        <p className="mt-4 text-sm font-medium text-slate-800" aria-hidden="true">
          Setup code <span className="font-normal text-slate-500">(optional)</span>
        </p>
        <p className="text-sm text-slate-600">
          Runs before the student&apos;s code, in the same namespace: helpers and data the exercise needs.
          Students do not see it in the editor, but a determined student can read it (it runs on their
          machine).
        </p>
        <div className="mt-1">
          <CodeEditor
            id={id("setupCode")}
            label={`Exercise ${n} setup code (optional)`}
            language={x.language}
            value={x.setupCode}
            onChange={(setupCode) => onChange({ setupCode })}
            minLines={3}
            onRun={runIt}
          />
        </div>
        <FieldError id={id("setupCode-error")} message={err("setupCode")} />

        <ExerciseChecks
          exercise={x}
          number={n}
          errors={errors}
          onChange={(checks) => onChange({ checks })}
          onRun={runIt}
          announce={announce}
          focus={focus}
        />

        <p className="mt-4 text-sm font-medium text-slate-800" aria-hidden="true">
          Reference solution <span className="font-normal text-slate-500">(recommended)</span>
        </p>
        <p className="text-sm text-slate-600">
          A complete replacement for the starter code that passes every check. Students are shown it only
          after they have run the checks and failed one.
        </p>
        <div className="mt-1">
          <CodeEditor
            id={id("solution")}
            label={`Exercise ${n} reference solution`}
            language={x.language}
            value={x.solution}
            onChange={(solution) => onChange({ solution })}
            minLines={6}
            onRun={runIt}
          />
        </div>
        <FieldError id={id("solution-error")} message={err("solution")} />

        <div className="mt-4 max-w-xs">
          <label htmlFor={id("timeLimitSeconds")} className="block text-sm font-medium text-slate-800">
            <span className="sr-only">Exercise {n} </span>Time limit (seconds, {LIMITS.minSeconds}–
            {LIMITS.maxSeconds})
          </label>
          <input
            id={id("timeLimitSeconds")}
            type="number"
            inputMode="numeric"
            min={LIMITS.minSeconds}
            max={LIMITS.maxSeconds}
            step={1}
            className="mt-1 w-32 rounded-lg border border-slate-300 px-3 py-2 text-sm"
            value={x.timeLimit}
            onChange={(e) => onChange({ timeLimit: e.target.value })}
            {...described("timeLimitSeconds")}
          />
          <FieldError id={id("timeLimitSeconds-error")} message={err("timeLimitSeconds")} />
        </div>
      </div>

      <div className={`border-t border-slate-200 pt-4 ${expanded ? "mt-5" : "mt-3"}`}>
        <div className="flex flex-wrap items-center gap-3">
          <button
            id={id("try")}
            type="button"
            className={buttonClass({ variant: running ? "secondary" : "dark", size: "sm" })}
            disabled={busyElsewhere}
            onClick={running ? onStop : onTry}
            aria-label={running ? `Stop trying exercise ${n}` : `Try it: exercise ${n}`}
          >
            {running ? "Stop" : "Try it"}
          </button>
          <p role="status" className="text-sm text-slate-600">
            {tryStatus}
            {busyElsewhere ? " Another exercise is being tried; wait for it or stop it." : ""}
          </p>
        </div>
        {expanded ? (
          <p className="mt-1 text-sm text-slate-500">
            {hasSolution(x)
              ? "Runs the checks against the reference solution (every check must pass) and against the starter code (at least one should fail)."
              : "No reference solution: Try it runs the checks against the starter code only."}
          </p>
        ) : null}
        {result ? <TryResultView result={result} stale={stale} number={n} /> : null}
      </div>
    </li>
  );
}
