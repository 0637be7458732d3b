"use client";

import { useEffect, useRef, useState, type DragEvent } from "react";
import type { ActionResult } from "@/lib/action-result";
import { useMarkdownPreview } from "@/components/ui/use-markdown-preview";
import { newKey, optionsFor, TYPE_LABEL, type DraftQuestion, type QuestionType } from "./quiz-draft";

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";
const small =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/**
 * One question in the quiz editor: its type, prompt (Markdown), points, answer data and explanation, with
 * move and remove controls (keyboard) and a drag handle, and a preview as the student sees it.
 */
export function QuizQuestionCard({
  index,
  count,
  question,
  errors,
  autoFocus,
  onChange,
  onMove,
  onRemove,
  onDragStart,
  onDrop,
  preview,
}: {
  index: number;
  count: number;
  question: DraftQuestion;
  /** Field errors by field name (prompt, options, acceptedAnswers, pattern, value, tolerance, points). */
  errors: Record<string, string>;
  autoFocus: boolean;
  onChange: (q: DraftQuestion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onDragStart: () => void;
  onDrop: () => void;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const n = index + 1;
  const id = (f: string) => `q${question.key}-${f}`;
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  useEffect(() => {
    if (autoFocus) promptRef.current?.focus();
  }, [autoFocus]);
  const previewHtml = useMarkdownPreview(question.prompt, showPreview, preview, "*(no question text yet)*");

  const set = (patch: Partial<DraftQuestion>) => onChange({ ...question, ...patch });
  const setType = (type: QuestionType) => set({ type, options: optionsFor(type, question.options) });
  const choice = question.type === "single" || question.type === "true_false" || question.type === "multiple";
  const described = (f: string) =>
    errors[f] ? { "aria-describedby": id(`${f}-error`), "aria-invalid": true } : {};

  return (
    <li
      className="rounded-2xl border border-slate-200 bg-white p-4 sm:p-5"
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        onDrop();
      }}
    >
      <fieldset>
        <legend className="sr-only">Question {n}</legend>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="flex items-center gap-2 font-semibold">
            <span
              draggable
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = "move";
                onDragStart();
              }}
              className="cursor-grab select-none rounded px-1 text-slate-400"
              title="Drag to reorder"
              aria-hidden="true"
            >
              ⠿
            </span>
            Question {n}
          </p>
          <div className="flex flex-wrap gap-1">
            <button type="button" className={small} disabled={index === 0} onClick={() => onMove(index - 1)}>
              Move up<span className="sr-only"> question {n}</span>
            </button>
            <button
              type="button"
              className={small}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              Move down<span className="sr-only"> question {n}</span>
            </button>
            <button
              type="button"
              className={small}
              aria-expanded={showPreview}
              onClick={() => setShowPreview((v) => !v)}
            >
              {showPreview ? "Hide preview" : "Preview"}
              <span className="sr-only"> question {n}</span>
            </button>
            {confirmRemove ? (
              <span role="group" aria-label={`Remove question ${n}?`} className="flex gap-1">
                <button
                  type="button"
                  className={`${small} border-red-300 text-red-700`}
                  onClick={onRemove}
                  autoFocus
                >
                  Remove question {n}
                </button>
                <button type="button" className={small} onClick={() => setConfirmRemove(false)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button
                type="button"
                className={`${small} text-red-700`}
                onClick={() => setConfirmRemove(true)}
              >
                Remove<span className="sr-only"> question {n}</span>
              </button>
            )}
          </div>
        </div>

        <div className="mt-3 grid gap-3 sm:grid-cols-[1fr_8rem]">
          <label className="block text-sm font-medium text-slate-800">
            Type
            <select
              className={input}
              value={question.type}
              onChange={(e) => setType(e.target.value as QuestionType)}
            >
              {(Object.keys(TYPE_LABEL) as QuestionType[]).map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Points
            <input
              type="number"
              min={1}
              max={100}
              className={input}
              value={question.points}
              onChange={(e) => set({ points: e.target.value })}
              {...described("points")}
            />
            <FieldError id={id("points-error")} message={errors.points} />
          </label>
        </div>

        <label className="mt-3 block text-sm font-medium text-slate-800" htmlFor={id("prompt")}>
          Question (Markdown)
        </label>
        <textarea
          id={id("prompt")}
          ref={promptRef}
          rows={3}
          className={input}
          value={question.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          {...described("prompt")}
        />
        <FieldError id={id("prompt-error")} message={errors.prompt} />

        {choice ? (
          <fieldset className="mt-3" {...described("options")}>
            <legend className="text-sm font-medium text-slate-800">
              Options {question.type === "multiple" ? "(tick every correct one)" : "(choose the correct one)"}
            </legend>
            <ul className="mt-1 space-y-2">
              {question.options.map((o, oi) => (
                <li key={o.key} className="flex items-center gap-2">
                  <input
                    type={question.type === "multiple" ? "checkbox" : "radio"}
                    name={id("correct")}
                    checked={o.correct}
                    aria-label={`Option ${oi + 1} is correct`}
                    onChange={(e) =>
                      set({
                        options: question.options.map((x, xi) =>
                          question.type === "multiple"
                            ? xi === oi
                              ? { ...x, correct: e.target.checked }
                              : x
                            : { ...x, correct: xi === oi },
                        ),
                      })
                    }
                  />
                  <input
                    type="text"
                    aria-label={`Option ${oi + 1} text`}
                    className="w-full rounded-lg border border-slate-300 px-3 py-1.5 text-sm disabled:bg-slate-50"
                    value={o.text}
                    disabled={question.type === "true_false"}
                    onChange={(e) =>
                      set({
                        options: question.options.map((x, xi) =>
                          xi === oi ? { ...x, text: e.target.value } : x,
                        ),
                      })
                    }
                  />
                  {question.type !== "true_false" ? (
                    <button
                      type="button"
                      className={small}
                      disabled={question.options.length <= 2}
                      onClick={() => set({ options: question.options.filter((_, xi) => xi !== oi) })}
                    >
                      Remove<span className="sr-only"> option {oi + 1}</span>
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {question.type !== "true_false" && question.options.length < 10 ? (
              <button
                type="button"
                className={`${small} mt-2`}
                onClick={() =>
                  set({ options: [...question.options, { key: newKey(), text: "", correct: false }] })
                }
              >
                Add an option
              </button>
            ) : null}
            <FieldError id={id("options-error")} message={errors.options} />
          </fieldset>
        ) : null}

        {question.type === "short_text" ? (
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <label className="block text-sm font-medium text-slate-800">
              Accepted answers (one per line; case and spacing are ignored)
              <textarea
                rows={3}
                className={input}
                value={question.acceptedAnswers}
                onChange={(e) => set({ acceptedAnswers: e.target.value })}
                {...described("acceptedAnswers")}
              />
              <FieldError id={id("acceptedAnswers-error")} message={errors.acceptedAnswers} />
            </label>
            <label className="block text-sm font-medium text-slate-800">
              Pattern, optional (RE2; matches the whole answer; (?i) ignores case)
              <input
                type="text"
                maxLength={200}
                className={`${input} font-mono`}
                value={question.pattern}
                onChange={(e) => set({ pattern: e.target.value })}
                {...described("pattern")}
              />
              <FieldError id={id("pattern-error")} message={errors.pattern} />
            </label>
          </div>
        ) : null}

        {question.type === "numeric" ? (
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <label className="block text-sm font-medium text-slate-800">
              Correct value
              <input
                type="text"
                inputMode="decimal"
                className={input}
                value={question.value}
                onChange={(e) => set({ value: e.target.value })}
                {...described("value")}
              />
              <FieldError id={id("value-error")} message={errors.value} />
            </label>
            <label className="block text-sm font-medium text-slate-800">
              Accepted difference (±)
              <input
                type="text"
                inputMode="decimal"
                className={input}
                value={question.tolerance}
                onChange={(e) => set({ tolerance: e.target.value })}
                {...described("tolerance")}
              />
              <FieldError id={id("tolerance-error")} message={errors.tolerance} />
            </label>
          </div>
        ) : null}

        <label className="mt-3 block text-sm font-medium text-slate-800">
          Explanation, shown after submitting (Markdown, optional)
          <textarea
            rows={2}
            className={input}
            value={question.explanation}
            onChange={(e) => set({ explanation: e.target.value })}
          />
        </label>

        {showPreview ? (
          <div
            className="mt-4 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-4"
            aria-live="polite"
          >
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">As students see it</p>
            {previewHtml === null ? (
              <p className="mt-1 text-sm text-slate-500">Rendering…</p>
            ) : (
              <div className="lesson-content mt-1" dangerouslySetInnerHTML={{ __html: previewHtml }} />
            )}
            {choice ? (
              <ul className="mt-2 space-y-1">
                {question.options.map((o) => (
                  <li key={o.key} className="flex items-center gap-2 text-sm">
                    <input
                      type={question.type === "multiple" ? "checkbox" : "radio"}
                      disabled
                      aria-hidden="true"
                    />
                    {o.text || <em className="text-slate-400">(empty option)</em>}
                  </li>
                ))}
              </ul>
            ) : (
              <input
                type="text"
                disabled
                aria-label="The student's answer goes here"
                className={`${input} max-w-xs bg-white`}
              />
            )}
          </div>
        ) : null}
      </fieldset>
    </li>
  );
}
