"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { buttonClass } from "@/components/ui/button";
import { ExerciseCard } from "./exercise-card";
import {
  blankExercise,
  checkLocally,
  fieldId,
  fingerprint,
  LIMITS,
  mapServerFields,
  solutionProblem,
  summarize,
  toDrafts,
  toSave,
  type AuthorExerciseData,
  type DraftExercise,
  type FieldErrors,
  type SummaryLine,
  type TryResult,
} from "./exercise-draft";
import { ErrorSummary, ExerciseHelp, SaveBlockers } from "./exercise-editor-parts";
import { useTryIt } from "./exercise-try";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";

export type { AuthorExerciseData } from "./exercise-draft";

function moved<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

const baselineOf = (drafts: DraftExercise[]) =>
  Object.fromEntries(drafts.map((x) => [x.key, fingerprint(x)]));
const errorKeys = (errors: FieldErrors) => new Set(Object.keys(errors).map((k) => k.split("|")[0]!));

/**
 * An INTERACTIVE lesson's runnable exercises. Edits stay in the page until "Save exercises" (the page warns
 * before leaving with unsaved changes), which replaces the lesson's exercises (PUT). "Try it" runs an
 * exercise's checks in the exercise sandbox against its reference solution (every check must pass) and its
 * starter code (at least one should fail); an exercise whose run-relevant content changed since it was loaded
 * or saved needs a passing Try it before saving, and a reference solution failing a check blocks saving.
 */
export function ExerciseEditor({
  lessonId,
  initial,
  preview,
}: {
  lessonId: string;
  initial: AuthorExerciseData[];
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const [start] = useState(() => {
    const drafts = toDrafts(initial);
    return { drafts, baseline: baselineOf(drafts) };
  });
  const [drafts, setDrafts] = useState<DraftExercise[]>(start.drafts);
  /** Each exercise's fingerprint when it was loaded or last saved (new exercises have none). */
  const [baseline, setBaseline] = useState<Record<string, string>>(start.baseline);
  /** Cards shown as one line: the loaded ones when there are several, until opened. */
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(
    () => new Set(start.drafts.length > 1 ? start.drafts.map((x) => x.key) : []),
  );
  const [dirty, setDirty] = useState(false);
  const [everSaved, setEverSaved] = useState(initial.length > 0);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const pendingFocus = useRef<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const t = useTryIt(setAnnouncement);

  useUnsavedChanges(dirty);
  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  // After the render that made it, focus the element a handler asked for (a new card, a moved button).
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    pendingFocus.current = null;
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  });
  const focus = (id: string) => {
    pendingFocus.current = id;
  };
  const expand = (keys: Iterable<string>) =>
    setCollapsed((c) => {
      const next = new Set(c);
      for (const k of keys) next.delete(k);
      return next;
    });

  const touch = () => {
    setDirty(true);
    setSaved("");
  };
  const update = (key: string, patch: Partial<DraftExercise>) => {
    setDrafts((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
    t.clearMessage(key);
    touch();
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= drafts.length || from === to) return;
    const x = drafts[from]!;
    setDrafts((xs) => moved(xs, from, to));
    setAnnouncement(`Exercise ${from + 1} moved to position ${to + 1} of ${drafts.length}.`);
    const up = to < from;
    const keep = up ? to > 0 : to < drafts.length - 1;
    focus(fieldId(x.key, keep === up ? "up" : "down"));
    touch();
  };
  const add = () => {
    const x = blankExercise(drafts.at(-1)?.language);
    setDrafts((xs) => [...xs, x]);
    setAnnouncement(`Exercise ${drafts.length + 1} added.`);
    focus(fieldId(x.key, "language"));
    touch();
  };
  const remove = (index: number) => {
    const x = drafts[index]!;
    if (t.run?.key === x.key) t.stop();
    setDrafts((xs) => xs.filter((o) => o.key !== x.key));
    setAnnouncement(`Exercise ${index + 1} removed.`);
    const next = drafts[index + 1] ?? drafts[index - 1];
    focus(next ? fieldId(next.key, "heading") : "exercise-add");
    touch();
  };

  const fingerprints = drafts.map(fingerprint);
  const currentResult = (x: DraftExercise, i: number) => {
    const r = t.results[x.key];
    return r && r.fingerprint === fingerprints[i] ? r : null;
  };
  const needsTry = (x: DraftExercise, i: number) => fingerprints[i] !== baseline[x.key];
  const blockers = drafts.flatMap((x, i) => {
    const r = currentResult(x, i);
    const p = r ? solutionProblem(r) : null;
    if (r && !p) return [];
    if (!p && !needsTry(x, i)) return [];
    const text =
      p ??
      (t.results[x.key]
        ? "changed since its last Try it: run Try it again."
        : baseline[x.key]
          ? "changed since it was saved: run Try it."
          : "new: run Try it.");
    return [{ key: x.key, n: i + 1, text }];
  });
  const blocked = blockers.length > 0;

  const refuse = (fields: FieldErrors, message?: string) => {
    setErrors(fields);
    expand(errorKeys(fields));
    const k = Object.keys(fields).length;
    setProblem(
      message ?? `The exercises were not saved: ${k} field${k === 1 ? " needs" : "s need"} attention.`,
    );
  };

  async function save() {
    if (saving) return;
    if (blocked) {
      document.getElementById("exercise-blockers")?.focus();
      return;
    }
    const local = checkLocally(drafts);
    if (Object.keys(local).length) return refuse(local);
    const sent = drafts;
    setSaving(true);
    setSaved("");
    setProblem(null);
    try {
      const res = await fetch(`/api/v1/instructor/lessons/${encodeURIComponent(lessonId)}/exercises`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(toSave(sent)),
      });
      const body = (await res.json().catch(() => null)) as {
        items?: AuthorExerciseData[];
        error?: { message: string; fields?: { path: string; message: string }[] };
      } | null;
      if (res.ok && body?.items) {
        const next = toDrafts(body.items, sent);
        setDrafts(next);
        setBaseline(baselineOf(next));
        // A Try it of what was sent stays current for what came back (check names come back trimmed).
        t.setResults((rs) => {
          const out: Record<string, TryResult> = {};
          next.forEach((d, i) => {
            const r = rs[d.key];
            if (r && sent[i] && r.fingerprint === fingerprint(sent[i])) {
              out[d.key] = { ...r, fingerprint: fingerprint(d) };
            }
          });
          return out;
        });
        setErrors({});
        setDirty(false);
        setEverSaved(true);
        setSaved(`Saved: ${next.length} exercise${next.length === 1 ? "" : "s"}.`);
      } else {
        const fields = mapServerFields(body?.error?.fields ?? [], sent);
        refuse(
          fields,
          Object.keys(fields).length
            ? undefined
            : res.status === 413
              ? "The exercises were not saved: together they are too large to send at once (about 1 MB). Shorten the longest code."
              : (body?.error?.message ??
                "The exercises could not be saved. Your changes are still here; try again."),
        );
      }
    } catch {
      refuse({}, "You seem to be offline. Your changes are still here; save again when you are back.");
    }
    setSaving(false);
  }

  const go = (line: SummaryLine) => {
    if (!line.target) return;
    if (line.exerciseKey && collapsed.has(line.exerciseKey)) {
      expand([line.exerciseKey]);
      focus(line.target);
    } else document.getElementById(line.target)?.focus();
  };

  return (
    <section aria-labelledby="exercise-editor-heading" className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="exercise-editor-heading" className="text-xl font-semibold">
          Exercises
        </h2>
        <p className="text-sm text-slate-600" role="status">
          {dirty ? "Unsaved changes" : everSaved ? "All changes saved" : "No exercises saved yet"}
        </p>
      </div>
      {problem ? (
        <ErrorSummary summaryRef={summaryRef} problem={problem} lines={summarize(errors, drafts)} onGo={go} />
      ) : null}
      <ExerciseHelp open={drafts.length === 0} />
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      {drafts.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600">
          No exercises yet. Add the first one: students write code, run the checks, and complete the lesson
          when every exercise passes.
        </p>
      ) : (
        <ol className="space-y-4">
          {drafts.map((x, i) => {
            const current = currentResult(x, i);
            return (
              <ExerciseCard
                key={x.key}
                index={i}
                count={drafts.length}
                exercise={x}
                errors={errors}
                expanded={!collapsed.has(x.key)}
                onToggle={() =>
                  setCollapsed((c) => {
                    const next = new Set(c);
                    if (!next.delete(x.key)) next.add(x.key);
                    return next;
                  })
                }
                result={current ?? t.results[x.key] ?? null}
                stale={!current && Boolean(t.results[x.key])}
                needsTry={needsTry(x, i)}
                run={t.run}
                tryMessage={t.messages[x.key] ?? null}
                onChange={(patch) => update(x.key, patch)}
                onMove={(to) => move(i, to)}
                onRemove={() => remove(i)}
                onTry={() => void t.tryIt(x, i + 1)}
                onStop={t.stop}
                announce={setAnnouncement}
                focus={focus}
                preview={preview}
              />
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          id="exercise-add"
          type="button"
          className={buttonClass({ variant: "secondary" })}
          onClick={add}
          disabled={drafts.length >= LIMITS.exercises}
        >
          Add an exercise
        </button>
        <button
          type="button"
          className={`${buttonClass()} ${blocked ? "cursor-not-allowed opacity-60" : ""}`}
          onClick={() => void save()}
          disabled={saving}
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? "exercise-blockers" : undefined}
        >
          {saving ? "Saving…" : "Save exercises"}
        </button>
        <p role="status" className="text-sm font-medium text-emerald-800">
          {saved}
        </p>
      </div>
      {drafts.length >= LIMITS.exercises ? (
        <p className="text-sm text-slate-600">A lesson holds at most {LIMITS.exercises} exercises.</p>
      ) : null}
      {blocked ? (
        <SaveBlockers
          blockers={blockers}
          onGo={(key) => {
            const el = document.getElementById(fieldId(key, "try"));
            el?.scrollIntoView({ block: "center" });
            el?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
