"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import {
  blankQuestion,
  toDraft,
  toSave,
  type AuthorQuizData,
  type DraftQuestion,
  type DraftSettings,
} from "./quiz-draft";
import { QuizQuestionCard } from "./quiz-question-card";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";

const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";
const NOT_A_NUMBER = "Enter a number, like 0.25 or 12.";

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * A QUIZ lesson's questions and settings. Edits stay in the page until "Save quiz" (the page warns before
 * leaving with unsaved changes); a save sends the whole quiz with the version it was based on, so a save over
 * someone else's newer one is refused (409) instead of silently overwriting it. The server's field errors
 * are shown beside their fields.
 */
export function QuizEditor({
  lessonId,
  initial,
  preview,
  resultsHref,
}: {
  lessonId: string;
  initial: AuthorQuizData;
  /** The quiz's results page (once the quiz exists). */
  resultsHref?: string;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const [version, setVersion] = useState(initial.version);
  const [attemptCount, setAttemptCount] = useState(initial.attemptCount);
  const [settings, setSettings] = useState<DraftSettings>(() => toDraft(initial).settings);
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => toDraft(initial).questions);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ tone: "ok" | "error"; text: string; stale?: boolean } | null>(
    null,
  );
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const dragged = useRef<number | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useUnsavedChanges(dirty);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const touch = () => {
    setDirty(true);
    setOutcome(null);
  };
  const setSetting = <K extends keyof DraftSettings>(k: K, v: DraftSettings[K]) => {
    setSettings((s) => ({ ...s, [k]: v }));
    touch();
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= questions.length || from === to) return;
    setQuestions((qs) => moved(qs, from, to));
    setErrors({});
    setAnnouncement(`Question ${from + 1} moved to position ${to + 1} of ${questions.length}.`);
    touch();
  };
  const add = () => {
    const q = blankQuestion();
    setQuestions((qs) => [...qs, q]);
    setFocusKey(q.key);
    touch();
  };

  async function save() {
    // Numbers the browser cannot read are caught here, in words, before anything is sent.
    const local: Record<string, string> = {};
    questions.forEach((q, i) => {
      if (q.type !== "numeric") return;
      for (const f of ["value", "tolerance"] as const) {
        const t = q[f].trim().replace(",", ".");
        if (t !== "" && !Number.isFinite(Number(t))) local[`questions.${i}.${f}`] = NOT_A_NUMBER;
      }
    });
    if (Object.keys(local).length) {
      setErrors(local);
      setOutcome({ tone: "error", text: "Some answers are not numbers: see the marked fields." });
      return;
    }
    setSaving(true);
    try {
      const res = await fetch(`/api/v1/instructor/lessons/${encodeURIComponent(lessonId)}/quiz`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(toSave(version, settings, questions)),
      });
      const body = (await res.json().catch(() => null)) as
        | (AuthorQuizData & { error?: { message: string; fields?: { path: string; message: string }[] } })
        | null;
      if (res.ok && body) {
        const next = toDraft(body);
        setVersion(body.version);
        setAttemptCount(body.attemptCount);
        setSettings(next.settings);
        setQuestions(next.questions);
        setErrors({});
        setDirty(false);
        setOutcome({
          tone: "ok",
          text: `Quiz saved: ${body.questions.length} question${body.questions.length === 1 ? "" : "s"}.`,
        });
      } else if (res.status === 409) {
        setOutcome({
          tone: "error",
          text: body?.error?.message ?? "Someone else saved this quiz meanwhile.",
          stale: true,
        });
      } else {
        const fields: Record<string, string> = {};
        for (const f of body?.error?.fields ?? []) fields[f.path.replace(/^body\./, "")] ??= f.message;
        setErrors(fields);
        const n = Object.keys(fields).length;
        setOutcome({
          tone: "error",
          text: n
            ? `The quiz was not saved: ${n} field${n === 1 ? " needs" : "s need"} attention (marked below).`
            : (body?.error?.message ??
              "The quiz could not be saved. Your changes are still here; try again."),
        });
      }
    } catch {
      setOutcome({
        tone: "error",
        text: "You seem to be offline. Your changes are still here; save again when you are back.",
      });
    }
    setSaving(false);
  }

  const errorsOf = (i: number) => {
    const out: Record<string, string> = {};
    const prefix = `questions.${i}.`;
    for (const [path, message] of Object.entries(errors)) {
      if (path.startsWith(prefix)) out[path.slice(prefix.length).split(".")[0]!] ??= message;
    }
    return out;
  };
  const settingError = (k: string) => errors[`settings.${k}`];

  return (
    <section aria-labelledby="quiz-editor-heading" className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="quiz-editor-heading" className="text-xl font-semibold">
          Quiz
        </h2>
        {resultsHref ? (
          <a href={resultsHref} className="text-sm font-medium text-brand-700 underline">
            Results, statistics and accommodations
          </a>
        ) : null}
        <p className="text-sm text-slate-600" role="status">
          {dirty ? "Unsaved changes" : version === 0 ? "Not saved yet" : "All changes saved"}
          {attemptCount > 0
            ? ` · ${attemptCount} attempt${attemptCount === 1 ? "" : "s"} so far (they keep the questions they were given)`
            : ""}
        </p>
      </div>

      <fieldset className="rounded-2xl border border-slate-200 bg-white p-4 sm:p-5">
        <legend className="px-1 text-sm font-semibold">Settings</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <label className="block text-sm font-medium text-slate-800">
            Pass mark (%)
            <input
              type="number"
              min={1}
              max={100}
              className={input}
              value={settings.passPercentage}
              onChange={(e) => setSetting("passPercentage", e.target.value)}
            />
            {settingError("passPercentage") ? (
              <span className="mt-1 block text-sm text-red-700">{settingError("passPercentage")}</span>
            ) : null}
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Attempts (blank: unlimited)
            <input
              type="number"
              min={1}
              max={100}
              className={input}
              value={settings.maxAttempts}
              onChange={(e) => setSetting("maxAttempts", e.target.value)}
            />
            {settingError("maxAttempts") ? (
              <span className="mt-1 block text-sm text-red-700">{settingError("maxAttempts")}</span>
            ) : null}
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Time limit in minutes (blank: none)
            <input
              type="number"
              min={1}
              max={1440}
              className={input}
              value={settings.timeLimitMinutes}
              onChange={(e) => setSetting("timeLimitMinutes", e.target.value)}
            />
            {settingError("timeLimitMinutes") ? (
              <span className="mt-1 block text-sm text-red-700">{settingError("timeLimitMinutes")}</span>
            ) : null}
          </label>
          <label className="block text-sm font-medium text-slate-800">
            Questions per attempt (blank: all)
            <input
              type="number"
              min={1}
              className={input}
              value={settings.poolSize}
              onChange={(e) => setSetting("poolSize", e.target.value)}
            />
            {settingError("poolSize") ? (
              <span className="mt-1 block text-sm text-red-700">{settingError("poolSize")}</span>
            ) : null}
          </label>
        </div>
        <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={settings.shuffleOptions}
              onChange={(e) => setSetting("shuffleOptions", e.target.checked)}
            />
            Shuffle options in each attempt
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={settings.partialCredit}
              onChange={(e) => setSetting("partialCredit", e.target.checked)}
            />
            Partial credit on multiple-choice questions
          </label>
          <label className="flex items-center gap-2">
            Show correct answers
            <select
              className="rounded-lg border border-slate-300 px-2 py-1"
              value={settings.revealAnswers}
              onChange={(e) => setSetting("revealAnswers", e.target.value as DraftSettings["revealAnswers"])}
            >
              <option value="after_passing">once the student passes</option>
              <option value="after_each_attempt">after every attempt</option>
            </select>
          </label>
        </div>
      </fieldset>

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {errors.questions ? <p className="text-sm text-red-700">{errors.questions}</p> : null}
      {questions.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600">
          No questions yet. Add the first one; a quiz lesson needs at least one question before the course can
          be published.
        </p>
      ) : (
        <ol className="space-y-4">
          {questions.map((q, i) => (
            <QuizQuestionCard
              key={q.key}
              index={i}
              count={questions.length}
              question={q}
              errors={errorsOf(i)}
              autoFocus={focusKey === q.key}
              preview={preview}
              onChange={(next) => {
                setQuestions((qs) => qs.map((x) => (x.key === q.key ? next : x)));
                touch();
              }}
              onMove={(to) => move(i, to)}
              onRemove={() => {
                setQuestions((qs) => qs.filter((x) => x.key !== q.key));
                setErrors({});
                setAnnouncement(`Question ${i + 1} removed.`);
                touch();
              }}
              onDragStart={() => {
                dragged.current = i;
              }}
              onDrop={() => {
                if (dragged.current !== null) move(dragged.current, i);
                dragged.current = null;
              }}
            />
          ))}
        </ol>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass({ variant: "secondary" })} onClick={add}>
          Add a question
        </button>
        <button type="button" className={buttonClass()} onClick={() => void save()} disabled={saving}>
          {saving ? "Saving…" : "Save quiz"}
        </button>
      </div>
      {outcome ? (
        <div
          ref={outcomeRef}
          tabIndex={-1}
          role={outcome.tone === "error" ? "alert" : "status"}
          className={`rounded-lg p-3 ${outcome.tone === "error" ? "bg-red-50 text-red-900" : "bg-emerald-50 text-emerald-900"}`}
        >
          {outcome.text}
          {outcome.stale ? (
            <button
              type="button"
              className="ml-2 font-medium underline"
              onClick={() => window.location.reload()}
            >
              Reload the quiz
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
