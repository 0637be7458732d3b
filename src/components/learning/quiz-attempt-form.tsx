"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";

export interface QuizFormQuestion {
  id: string;
  type: "single" | "true_false" | "multiple" | "short_text" | "numeric";
  /** Sanitized HTML rendered on the server from the prompt's Markdown. */
  promptHtml: string;
  points: number;
  options: { id: string; text: string }[];
}

export interface QuizFormAnswer {
  questionId: string;
  optionIds?: string[];
  text?: string;
  value?: number;
}

type SaveState = "idle" | "saving" | "saved" | "failed" | "closed";

const SAVE_DELAY_MS = 800;

/** Answers as the API takes them; a numeric field that is not a number yet is left out (and flagged). */
function toAnswers(questions: QuizFormQuestion[], raw: Record<string, string | string[]>): QuizFormAnswer[] {
  const out: QuizFormAnswer[] = [];
  for (const q of questions) {
    const v = raw[q.id];
    if (v === undefined) continue;
    if (q.type === "short_text") {
      if (typeof v === "string" && v.trim() !== "") out.push({ questionId: q.id, text: v });
    } else if (q.type === "numeric") {
      const n = typeof v === "string" ? Number(v.trim().replace(",", ".")) : NaN;
      if (typeof v === "string" && v.trim() !== "" && Number.isFinite(n))
        out.push({ questionId: q.id, value: n });
    } else if (Array.isArray(v) && v.length > 0) {
      out.push({ questionId: q.id, optionIds: v });
    }
  }
  return out;
}

function fromAnswers(answers: QuizFormAnswer[]): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const a of answers) {
    if (a.optionIds) raw[a.questionId] = a.optionIds;
    else if (a.text !== undefined) raw[a.questionId] = a.text;
    else if (a.value !== undefined) raw[a.questionId] = String(a.value);
  }
  return raw;
}

function formatRemaining(ms: number) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

/**
 * An attempt in progress: proper form controls, answers saved on the server as the student goes (so a reload
 * or another device resumes), a countdown when timed (submitting by itself at zero), and one submission.
 */
export function QuizAttemptForm({
  attemptId,
  reviewPath,
  questions,
  initialAnswers,
  deadline,
  serverNow,
}: {
  attemptId: string;
  /** Where the graded attempt is shown. */
  reviewPath: string;
  questions: QuizFormQuestion[];
  initialAnswers: QuizFormAnswer[];
  deadline: string | null;
  serverNow: string;
}) {
  const router = useRouter();
  const [raw, setRaw] = useState(() => fromAnswers(initialAnswers));
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [submitting, setSubmitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [remaining, setRemaining] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(raw);

  const save = useCallback(async () => {
    setSaveState("saving");
    try {
      const res = await fetch(`/api/v1/quiz-attempts/${encodeURIComponent(attemptId)}/answers`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answers: toAnswers(questions, latest.current) }),
      });
      if (res.status === 409) {
        setSaveState("closed");
        router.replace(reviewPath);
        router.refresh();
        return;
      }
      setSaveState(res.ok ? "saved" : "failed");
    } catch {
      setSaveState("failed");
    }
  }, [attemptId, questions, reviewPath, router]);

  const change = (questionId: string, value: string | string[]) => {
    const next = { ...latest.current, [questionId]: value };
    latest.current = next;
    setRaw(next);
    setConfirming(false);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  const submit = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    setSubmitting(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/quiz-attempts/${encodeURIComponent(attemptId)}/submission`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answers: toAnswers(questions, latest.current) }),
      });
      if (res.ok || res.status === 409) {
        router.replace(reviewPath);
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(
        body?.error?.message ?? "Your answers could not be submitted. They are saved; please try again.",
      );
    } catch {
      setError("You seem to be offline. Your answers are kept here; submit again when you are back online.");
    }
    setSubmitting(false);
  }, [attemptId, questions, reviewPath, router]);

  useEffect(() => {
    if (!deadline) return;
    const end = Date.parse(deadline);
    // The server's clock decides; the offset keeps the countdown honest on a device whose clock is off.
    const offset = Date.parse(serverNow) - Date.now();
    let fired = false;
    const tick = () => {
      const left = end - (Date.now() + offset);
      setRemaining(left);
      if (left <= 0 && !fired) {
        fired = true;
        void submit();
      }
    };
    tick();
    const t = setInterval(tick, 1000);
    return () => clearInterval(t);
  }, [deadline, serverNow, submit]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const answered = toAnswers(questions, raw).length;
  const unanswered = questions.length - answered;
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (unanswered > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    void submit();
  };

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-6" aria-describedby="quiz-progress">
      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-2 rounded-xl border border-slate-200 bg-white/95 px-4 py-3 shadow-sm backdrop-blur">
        <p id="quiz-progress" className="text-sm text-slate-700">
          {answered} of {questions.length} answered
          <span className="ml-3 text-slate-500" role="status" aria-live="polite">
            {saveState === "saving"
              ? "Saving…"
              : saveState === "saved"
                ? "Answers saved"
                : saveState === "failed"
                  ? "Not saved yet — we will retry with your next change"
                  : ""}
          </span>
        </p>
        {remaining !== null ? (
          <p
            className={`font-mono text-sm font-semibold ${remaining < 60_000 ? "text-red-700" : "text-slate-800"}`}
            aria-label={`Time left: ${formatRemaining(remaining)}`}
          >
            <span aria-hidden="true">⏱ {formatRemaining(remaining)}</span>
          </p>
        ) : null}
      </div>
      <ol className="space-y-6">
        {questions.map((q, i) => {
          const value = raw[q.id];
          const legendId = `q-${q.id}-legend`;
          return (
            <li
              key={q.id}
              data-question-id={q.id}
              className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5"
            >
              <fieldset aria-labelledby={legendId}>
                <div id={legendId} className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                      Question {i + 1}
                      {q.type === "multiple" ? " · choose all that apply" : ""}
                    </p>
                    <div className="lesson-content mt-1" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
                  </div>
                  <span className="shrink-0 text-xs text-slate-500">
                    {q.points} {q.points === 1 ? "point" : "points"}
                  </span>
                </div>
                {q.type === "short_text" ? (
                  <input
                    type="text"
                    maxLength={500}
                    aria-label={`Answer to question ${i + 1}`}
                    className="mt-3 w-full rounded-lg border border-slate-300 px-3 py-2"
                    value={typeof value === "string" ? value : ""}
                    onChange={(e) => change(q.id, e.target.value)}
                  />
                ) : q.type === "numeric" ? (
                  <NumericInput
                    index={i}
                    value={typeof value === "string" ? value : ""}
                    onChange={(v) => change(q.id, v)}
                  />
                ) : (
                  <div className="mt-3 space-y-2">
                    {q.options.map((o) => {
                      const chosen = Array.isArray(value) && value.includes(o.id);
                      const multiple = q.type === "multiple";
                      return (
                        <label
                          key={o.id}
                          className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2 ${chosen ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:bg-slate-50"}`}
                        >
                          <input
                            type={multiple ? "checkbox" : "radio"}
                            name={`q-${q.id}`}
                            className="mt-1"
                            checked={chosen}
                            onChange={(e) => {
                              const current = Array.isArray(value) ? value : [];
                              change(
                                q.id,
                                multiple
                                  ? e.target.checked
                                    ? [...current, o.id]
                                    : current.filter((x) => x !== o.id)
                                  : [o.id],
                              );
                            }}
                          />
                          <span>{o.text}</span>
                        </label>
                      );
                    })}
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-3 text-amber-900">
          {unanswered} {unanswered === 1 ? "question is" : "questions are"} unanswered and will count as
          wrong. Submit anyway, or go back and answer {unanswered === 1 ? "it" : "them"}.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass()} disabled={submitting}>
          {submitting ? "Submitting…" : confirming ? "Submit anyway" : "Submit answers"}
        </button>
        <p className="text-sm text-slate-600">
          Your answers are saved as you go; you can come back to this attempt.
        </p>
      </div>
    </form>
  );
}

function NumericInput({
  index,
  value,
  onChange,
}: {
  index: number;
  value: string;
  onChange: (v: string) => void;
}) {
  const invalid = value.trim() !== "" && !Number.isFinite(Number(value.trim().replace(",", ".")));
  const hint = `q-num-${index}-hint`;
  return (
    <div className="mt-3">
      <input
        type="text"
        inputMode="decimal"
        aria-label={`Answer to question ${index + 1} (a number)`}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? hint : undefined}
        className="w-full max-w-xs rounded-lg border border-slate-300 px-3 py-2"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {invalid ? (
        <p id={hint} className="mt-1 text-sm text-red-700">
          Enter a number, like 0.25 or 12.
        </p>
      ) : null}
    </div>
  );
}
