"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { useMarkdownPreview } from "@/components/ui/use-markdown-preview";

interface Criterion {
  id: string;
  title: string;
  description: string | null;
  levels: { id: string; title: string; points: number }[];
}

interface ApiError {
  error?: { message?: string; fields?: { path: string; message: string }[] };
}

/**
 * Claim, rubric, feedback and decision for one submission. The claim keeps other reviewers off it for 30
 * minutes; a decision made meanwhile by someone else is refused (409) and shown, never overwritten.
 */
export function ReviewForm({
  submissionId,
  rubric,
  claim,
  preview,
}: {
  submissionId: string;
  rubric: Criterion[] | null;
  claim: { by: string | null; mine: boolean } | null;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const router = useRouter();
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [showPreview, setShowPreview] = useState(false);
  const base = `/api/v1/submissions/${encodeURIComponent(submissionId)}`;

  const html = useMarkdownPreview(feedback, showPreview, preview, "*No feedback written yet.*");

  async function post(path: string, body: unknown, done: string) {
    setBusy(true);
    setOutcome(null);
    setErrors({});
    try {
      const res = await fetch(`${base}/${path}`, {
        method: "POST",
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await res.json().catch(() => null)) as ApiError | null;
      if (res.ok) {
        setOutcome({ ok: true, text: done });
        router.refresh();
      } else {
        const fields: Record<string, string> = {};
        for (const f of answer?.error?.fields ?? []) fields[f.path.replace(/^body\./, "")] ??= f.message;
        setErrors(fields);
        setOutcome({ ok: false, text: answer?.error?.message ?? "That did not work. Please try again." });
        if (res.status === 409) router.refresh();
      }
    } catch {
      setOutcome({ ok: false, text: "You seem to be offline. Nothing was changed." });
    }
    setBusy(false);
  }

  const decide = (decision: "PASS" | "NEEDS_REVISION") =>
    void post(
      "review",
      {
        decision,
        feedback,
        ...(rubric
          ? {
              rubricScores: Object.entries(levels).map(([criterionId, levelId]) => ({
                criterionId,
                levelId,
              })),
            }
          : {}),
      },
      decision === "PASS"
        ? "Passed. The student is told by e-mail."
        : "Sent back for revision. The student is told by e-mail.",
    );
  const total = rubric
    ? rubric.reduce((s, c) => s + (c.levels.find((l) => l.id === levels[c.id])?.points ?? 0), 0)
    : null;
  const max = rubric ? rubric.reduce((s, c) => s + Math.max(...c.levels.map((l) => l.points)), 0) : null;

  return (
    <section
      aria-labelledby="review-heading"
      className="space-y-4 rounded-2xl border border-slate-200 bg-white p-5"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="review-heading" className="text-xl font-semibold">
          Review
        </h2>
        {claim?.mine ? (
          <div className="flex items-center gap-2 text-sm">
            <span>You are reviewing this (others are kept off for 30 minutes).</span>
            <button
              type="button"
              className={buttonClass({ variant: "secondary", size: "sm" })}
              disabled={busy}
              onClick={() => void post("release", undefined, "Released: it waits for a reviewer again.")}
            >
              Release
            </button>
          </div>
        ) : claim ? (
          <p className="text-sm text-amber-800">{claim.by ?? "Another reviewer"} is reviewing this.</p>
        ) : (
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="text-slate-600">Optional: other reviewers leave it to you for 30 minutes.</span>
            <button
              type="button"
              className={buttonClass({ variant: "secondary", size: "sm" })}
              disabled={busy}
              onClick={() =>
                void post("claim", undefined, "Claimed: other reviewers are kept off it for 30 minutes.")
              }
            >
              Claim for review
            </button>
          </div>
        )}
      </div>
      {rubric ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">
            Rubric{total !== null ? ` — ${total} of ${max} points` : ""}
          </legend>
          {errors.rubricScores || Object.keys(errors).some((k) => k.startsWith("rubricScores")) ? (
            <p className="mt-1 text-sm text-red-700">Score every criterion.</p>
          ) : null}
          <div className="mt-2 space-y-3">
            {rubric.map((c) => (
              <fieldset key={c.id} className="rounded-lg border border-slate-200 p-3">
                <legend className="px-1 text-sm font-medium">{c.title}</legend>
                {c.description ? <p className="text-xs text-slate-500">{c.description}</p> : null}
                <div className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
                  {c.levels.map((l) => (
                    <label
                      key={l.id}
                      className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50"
                    >
                      <input
                        className="h-4 w-4 shrink-0 accent-brand-600"
                        type="radio"
                        name={`criterion-${c.id}`}
                        checked={levels[c.id] === l.id}
                        onChange={() => setLevels((x) => ({ ...x, [c.id]: l.id }))}
                      />
                      <span>
                        {l.title} <span className="text-slate-500">({l.points})</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div>
        <div className="flex items-center justify-between">
          <label htmlFor="review-feedback" className="text-sm font-medium text-slate-800">
            Feedback to the student (Markdown; needed when sending back)
          </label>
          <button
            type="button"
            className="text-sm font-medium text-brand-700 underline"
            aria-expanded={showPreview}
            onClick={() => setShowPreview((v) => !v)}
          >
            {showPreview ? "Hide preview" : "Preview"}
          </button>
        </div>
        <textarea
          id="review-feedback"
          rows={6}
          className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
          value={feedback}
          aria-invalid={Boolean(errors.feedback) || undefined}
          onChange={(e) => setFeedback(e.target.value)}
        />
        {errors.feedback ? <p className="mt-1 text-sm text-red-700">{errors.feedback}</p> : null}
        {showPreview ? (
          <div
            className="mt-2 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-3"
            aria-live="polite"
          >
            {html === null ? (
              <p className="text-sm text-slate-500">Rendering…</p>
            ) : (
              <div className="lesson-content text-sm" dangerouslySetInnerHTML={{ __html: html }} />
            )}
          </div>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          className={buttonClass()}
          disabled={busy || Boolean(claim && !claim.mine)}
          onClick={() => decide("PASS")}
        >
          Pass
        </button>
        <button
          type="button"
          className={buttonClass({ variant: "secondary" })}
          disabled={busy || Boolean(claim && !claim.mine)}
          onClick={() => decide("NEEDS_REVISION")}
        >
          Send back for revision
        </button>
      </div>
      {outcome ? (
        <p
          role={outcome.ok ? "status" : "alert"}
          className={`rounded-lg p-3 text-sm ${outcome.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
