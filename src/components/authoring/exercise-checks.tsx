"use client";

import { useEffect, useRef, useState } from "react";
import { CodeEditor } from "@/components/exercises/code-editor";
import {
  blankCheck,
  fieldId,
  LIMITS,
  type DraftCheck,
  type DraftExercise,
  type FieldErrors,
} from "./exercise-draft";

export const small =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";
export const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/** "Remove" that asks first; "Keep it" puts the focus back on "Remove". */
export function ConfirmRemove({ id, what, onConfirm }: { id: string; what: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (!asking && wasAsking.current) removeRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return asking ? (
    <span role="group" aria-label={`Remove ${what}?`} className="flex flex-wrap gap-1">
      <button type="button" className={`${small} border-red-300 text-red-700`} onClick={onConfirm} autoFocus>
        Remove {what}
      </button>
      <button type="button" className={small} onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  ) : (
    <button
      id={id}
      ref={removeRef}
      type="button"
      className={`${small} text-red-700`}
      onClick={() => setAsking(true)}
    >
      Remove<span className="sr-only"> {what}</span>
    </button>
  );
}

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/** An exercise's checks: name and code each, add, remove (asks first) and reorder, announced. */
export function ExerciseChecks({
  exercise: x,
  number: n,
  errors,
  onChange,
  onRun,
  announce,
  focus,
}: {
  exercise: DraftExercise;
  number: number;
  errors: FieldErrors;
  onChange: (checks: DraftCheck[]) => void;
  onRun?: () => void;
  announce: (text: string) => void;
  focus: (id: string) => void;
}) {
  const id = (f: string) => fieldId(x.key, f);
  const count = x.checks.length;
  const move = (from: number, to: number, direction: "up" | "down") => {
    if (to < 0 || to >= count) return;
    const c = x.checks[from]!;
    onChange(moved(x.checks, from, to));
    announce(`Exercise ${n}, check ${from + 1} moved to position ${to + 1} of ${count}.`);
    const keep = direction === "up" ? to > 0 : to < count - 1;
    focus(id(`check-${c.key}-${keep ? direction : direction === "up" ? "down" : "up"}`));
  };
  const checksError = errors[`${x.key}|checks`];
  return (
    <fieldset className="mt-4" aria-describedby={checksError ? id("checks-error") : undefined}>
      <legend className="text-sm font-semibold text-slate-800">
        <span className="sr-only">Exercise {n} </span>Checks
      </legend>
      <p className="mt-1 text-sm text-slate-600">
        Each check runs after the student&apos;s code; it passes when it completes and fails when it{" "}
        {x.language === "python" ? "raises" : "throws"}. Its message is what the student sees.
      </p>
      <ol className="mt-2 space-y-3">
        {x.checks.map((c, ci) => {
          const cn = ci + 1;
          const nameError = errors[`${x.key}|check:${c.key}:name`];
          const codeError = errors[`${x.key}|check:${c.key}:code`];
          const set = (patch: Partial<DraftCheck>) =>
            onChange(x.checks.map((o) => (o.key === c.key ? { ...o, ...patch } : o)));
          return (
            <li key={c.key} className="min-w-0 rounded-xl border border-slate-200 bg-slate-50/60 p-3">
              <div className="flex flex-wrap items-end justify-between gap-2">
                <div className="min-w-0 flex-1 basis-56">
                  <label
                    htmlFor={id(`check-${c.key}-name`)}
                    className="block text-sm font-medium text-slate-800"
                  >
                    <span className="sr-only">Exercise {n}, </span>Check {cn} name
                  </label>
                  <input
                    id={id(`check-${c.key}-name`)}
                    type="text"
                    maxLength={LIMITS.checkName}
                    className={`${input} bg-white`}
                    value={c.name}
                    placeholder="e.g. Handles empty input"
                    onChange={(e) => set({ name: e.target.value })}
                    {...(nameError
                      ? { "aria-invalid": true, "aria-describedby": id(`check-${c.key}-name-error`) }
                      : {})}
                  />
                </div>
                <div className="flex flex-wrap gap-1">
                  <button
                    id={id(`check-${c.key}-up`)}
                    type="button"
                    className={small}
                    disabled={ci === 0}
                    onClick={() => move(ci, ci - 1, "up")}
                  >
                    Move up
                    <span className="sr-only">
                      {" "}
                      exercise {n}, check {cn}
                    </span>
                  </button>
                  <button
                    id={id(`check-${c.key}-down`)}
                    type="button"
                    className={small}
                    disabled={ci === count - 1}
                    onClick={() => move(ci, ci + 1, "down")}
                  >
                    Move down
                    <span className="sr-only">
                      {" "}
                      exercise {n}, check {cn}
                    </span>
                  </button>
                  <ConfirmRemove
                    id={id(`check-${c.key}-remove`)}
                    what={`check ${cn} of exercise ${n}`}
                    onConfirm={() => {
                      onChange(x.checks.filter((o) => o.key !== c.key));
                      announce(`Exercise ${n}, check ${cn} removed.`);
                      const next = x.checks[ci + 1] ?? x.checks[ci - 1];
                      focus(next ? id(`check-${next.key}-name`) : id("add-check"));
                    }}
                  />
                </div>
              </div>
              <FieldError id={id(`check-${c.key}-name-error`)} message={nameError} />
              <p className="mt-2 text-sm font-medium text-slate-800" aria-hidden="true">
                Check {cn} code
              </p>
              <div className="mt-1">
                <CodeEditor
                  id={id(`check-${c.key}-code`)}
                  label={`Exercise ${n}, check ${cn} code`}
                  language={x.language}
                  value={c.code}
                  onChange={(code) => set({ code })}
                  minLines={3}
                  onRun={onRun}
                />
              </div>
              <FieldError id={id(`check-${c.key}-code-error`)} message={codeError} />
            </li>
          );
        })}
      </ol>
      <FieldError id={id("checks-error")} message={checksError} />
      <button
        id={id("add-check")}
        type="button"
        className={`${small} mt-2`}
        disabled={count >= LIMITS.checks}
        onClick={() => {
          const c = blankCheck();
          onChange([...x.checks, c]);
          announce(`Exercise ${n}, check ${count + 1} added.`);
          focus(id(`check-${c.key}-name`));
        }}
      >
        Add a check<span className="sr-only"> to exercise {n}</span>
      </button>
      {count >= LIMITS.checks ? (
        <span className="ml-2 text-sm text-slate-600">At most {LIMITS.checks} checks.</span>
      ) : null}
    </fieldset>
  );
}
