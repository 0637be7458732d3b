"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeEditor } from "./code-editor";
import type { ExerciseLanguage, RunOutcome, Sandbox } from "./sandbox-client";

export interface PlayerExercise {
  id: string;
  language: ExerciseLanguage;
  /** Rendered by the lesson sanitizer on the server. */
  instructionsHtml: string;
  starterCode: string;
  setupCode: string;
  checks: { name: string; code: string }[];
  timeLimitSeconds: number;
  savedCode: string | null;
  passed: boolean;
  solutionAvailable: boolean;
}

const LANGUAGE_NAMES: Record<ExerciseLanguage, string> = { python: "Python", javascript: "JavaScript" };
const SAVE_DELAY_MS = 800;

type Phase = "idle" | "loading" | "running";
type SaveState = "saved" | "pending" | "saving" | "error" | "too-large";

async function errorMessage(res: Response, fallback: string): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? fallback;
}

/** The error as a person reads it: where, then what. */
function describeError(outcome: RunOutcome): string | null {
  const e = outcome.error;
  if (!e) return null;
  if (e.line !== null && e.where === "code") return `Error on line ${e.line}: ${e.message}`;
  return e.message;
}

export function ExerciseCard({
  exercise,
  number,
  total,
  sandbox,
  preview,
  passed,
  onRecorded,
}: {
  exercise: PlayerExercise;
  number: number;
  total: number;
  sandbox: Sandbox | null;
  preview: boolean;
  passed: boolean;
  onRecorded: (o: { passed: boolean; lessonCompleted: boolean }) => void;
}) {
  const uid = useId();
  const [code, setCode] = useState(exercise.savedCode ?? exercise.starterCode);
  const [phase, setPhase] = useState<Phase>("idle");
  const [output, setOutput] = useState("");
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [mode, setMode] = useState<"run" | "check" | null>(null);
  const [save, setSave] = useState<SaveState>("saved");
  const [saveError, setSaveError] = useState<string | null>(null);
  const [recordError, setRecordError] = useState<string | null>(null);
  const [solutionAvailable, setSolutionAvailable] = useState(exercise.solutionAvailable);
  const [solution, setSolution] = useState<string | null>(null);
  const [solutionError, setSolutionError] = useState<string | null>(null);
  const latest = useRef(code);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const persist = useCallback(async () => {
    if (preview) return;
    timer.current = null;
    const sent = latest.current;
    setSave("saving");
    try {
      const res = await fetch(`/api/v1/exercises/${encodeURIComponent(exercise.id)}/code`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: sent }),
      });
      if (res.ok) {
        setSave(latest.current === sent ? "saved" : "pending");
        setSaveError(null);
      } else {
        setSave(res.status === 413 ? "too-large" : "error");
        setSaveError(await errorMessage(res, "Your code could not be saved. It is still here; keep going."));
      }
    } catch {
      setSave("error");
      setSaveError("You seem to be offline: your code is kept on this page and saved when you run it again.");
    }
  }, [exercise.id, preview]);

  // Whatever is still unsaved when the lesson closes goes out with the page.
  useEffect(() => {
    const flush = () => {
      if (!timer.current || preview) return;
      clearTimeout(timer.current);
      timer.current = null;
      void fetch(`/api/v1/exercises/${encodeURIComponent(exercise.id)}/code`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: latest.current }),
        keepalive: true,
      }).catch(() => {});
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [exercise.id, preview]);

  const onChange = (value: string) => {
    setCode(value);
    latest.current = value;
    if (preview) return;
    setSave("pending");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void persist(), SAVE_DELAY_MS);
  };

  async function record(result: RunOutcome) {
    if (preview) return;
    setRecordError(null);
    try {
      const res = await fetch(`/api/v1/exercises/${encodeURIComponent(exercise.id)}/results`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          code: latest.current,
          checks: result.checks.map((c) => ({ name: c.name, passed: c.passed })),
        }),
      });
      if (!res.ok) {
        setRecordError(await errorMessage(res, "Your result could not be recorded. Run the checks again."));
        return;
      }
      const body = (await res.json()) as {
        passed: boolean;
        lesson: { completed: boolean };
        solutionAvailable: boolean;
      };
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setSave("saved");
      setSolutionAvailable(body.solutionAvailable);
      onRecorded({ passed: body.passed, lessonCompleted: body.lesson.completed });
    } catch {
      setRecordError(
        "You seem to be offline: the result was not recorded. Run the checks again when online.",
      );
    }
  }

  async function start(which: "run" | "check") {
    if (!sandbox || phase !== "idle") return;
    setMode(which);
    setOutput("");
    setOutcome(null);
    setRecordError(null);
    setPhase("loading");
    const result = await sandbox.run(
      {
        language: exercise.language,
        mode: which,
        setup: exercise.setupCode,
        code: latest.current,
        checks: exercise.checks,
        timeLimitSeconds: exercise.timeLimitSeconds,
      },
      {
        onPhase: (p) => setPhase(p),
        onOutput: (text) => setOutput((o) => o + text),
      },
    );
    setOutput(result.output);
    setOutcome(result);
    setPhase("idle");
    if (which === "check" && result.stopped === null && result.checks.length === exercise.checks.length) {
      await record(result);
    }
  }

  async function showSolution() {
    setSolutionError(null);
    try {
      const res = await fetch(`/api/v1/exercises/${encodeURIComponent(exercise.id)}/solution`);
      if (!res.ok) {
        setSolutionError(await errorMessage(res, "The solution could not be loaded."));
        return;
      }
      setSolution(((await res.json()) as { solution: string }).solution);
    } catch {
      setSolutionError("You seem to be offline: the solution could not be loaded.");
    }
  }

  const busy = phase !== "idle";
  const error = outcome ? describeError(outcome) : null;
  const headingId = `${uid}-heading`;
  const passedCount = outcome?.checks.filter((c) => c.passed).length ?? 0;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-lg font-semibold">
          {total > 1 ? `Exercise ${number} of ${total}` : "Exercise"}
        </h3>
        <Badge tone="brand">{LANGUAGE_NAMES[exercise.language]}</Badge>
        {passed ? <Badge tone="success">Passed</Badge> : null}
      </div>
      {exercise.instructionsHtml ? (
        <div
          className="lesson-content mt-3"
          dangerouslySetInnerHTML={{ __html: exercise.instructionsHtml }}
        />
      ) : null}
      <div className="mt-4">
        <CodeEditor
          id={`${uid}-code`}
          value={code}
          onChange={onChange}
          language={exercise.language}
          label="Code"
          onRun={() => void start("run")}
        />
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={!sandbox || busy}
          onClick={() => void start("run")}
        >
          Run
        </Button>
        <Button type="button" disabled={!sandbox || busy} onClick={() => void start("check")}>
          Check
        </Button>
        {busy ? (
          <Button type="button" variant="danger" onClick={() => sandbox?.stop()}>
            Stop
          </Button>
        ) : null}
        <Button
          type="button"
          variant="link"
          disabled={busy || code === exercise.starterCode}
          onClick={() => onChange(exercise.starterCode)}
        >
          Reset to starter code
        </Button>
        {solutionAvailable && solution === null ? (
          <Button type="button" variant="link" onClick={() => void showSolution()}>
            Show solution
          </Button>
        ) : null}
        <span className="ml-auto text-sm text-slate-600" role="status">
          {preview
            ? ""
            : save === "saving"
              ? "Saving…"
              : save === "pending"
                ? "Unsaved changes"
                : save === "saved"
                  ? "Saved"
                  : ""}
        </span>
      </div>
      {saveError ? (
        <p role="alert" className="mt-2 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {saveError}
        </p>
      ) : null}
      {busy ? (
        <div className="mt-3 flex items-center gap-3 text-sm text-slate-700">
          <span
            aria-hidden="true"
            className="h-4 w-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent"
          />
          {phase === "loading"
            ? `Loading ${LANGUAGE_NAMES[exercise.language]}… (the first run takes a few seconds)`
            : mode === "check"
              ? "Running the checks…"
              : "Running…"}
        </div>
      ) : null}
      <div className="mt-4">
        <p id={`${uid}-output-label`} className="text-sm font-medium text-slate-700">
          Output
        </p>
        <pre
          role="log"
          aria-live="polite"
          aria-labelledby={`${uid}-output-label`}
          tabIndex={0}
          className="mt-1 max-h-80 min-h-12 overflow-auto rounded-xl bg-slate-900 p-3 text-sm whitespace-pre-wrap text-slate-100"
        >
          {output}
          {outcome?.value !== null && outcome?.value !== undefined ? (
            <span className="text-sky-300">{`${output && !output.endsWith("\n") ? "\n" : ""}→ ${outcome.value}`}</span>
          ) : null}
          {error ? <span className="block text-red-300">{error}</span> : null}
          {outcome?.error?.trace ? <span className="block text-slate-400">{outcome.error.trace}</span> : null}
          {outcome?.stopped === "time" ? (
            <span className="block text-amber-300">
              {`Stopped: time limit (${exercise.timeLimitSeconds} s). Look for a loop that never ends.`}
            </span>
          ) : null}
          {outcome?.stopped === "user" ? <span className="block text-amber-300">Stopped.</span> : null}
          {outcome?.truncated ? (
            <span className="block text-amber-300">Output truncated at 64 KB.</span>
          ) : null}
          {outcome && !output && outcome.value === null && !error && !outcome.stopped ? (
            <span className="text-slate-400">(no output)</span>
          ) : null}
        </pre>
      </div>
      {mode === "check" && outcome && outcome.checks.length > 0 ? (
        <div className="mt-4">
          <p className="text-sm font-medium text-slate-700">
            {passedCount === outcome.checks.length
              ? `All ${outcome.checks.length} checks passed.`
              : `${passedCount} of ${outcome.checks.length} checks passed.`}
          </p>
          <ul aria-label="Checks" className="mt-2 space-y-2">
            {outcome.checks.map((c) => (
              <li
                key={c.name}
                className={`rounded-lg border p-3 text-sm ${c.passed ? "border-emerald-200 bg-emerald-50" : "border-red-200 bg-red-50"}`}
              >
                <span className="font-medium">{c.name}</span>
                {" — "}
                <span className={c.passed ? "text-emerald-800" : "text-red-800"}>
                  {c.passed ? "passed" : "failed"}
                </span>
                {c.message ? <span className="mt-1 block text-slate-800">{c.message}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {recordError ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {recordError}
        </p>
      ) : null}
      {solutionError ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {solutionError}
        </p>
      ) : null}
      {solution !== null ? (
        <div className="mt-4">
          <p className="text-sm font-medium text-slate-700">Solution</p>
          <div className="mt-1">
            <CodeEditor
              id={`${uid}-solution`}
              value={solution}
              onChange={() => {}}
              language={exercise.language}
              label="Solution"
              readOnly
              minLines={4}
            />
          </div>
        </div>
      ) : null}
    </article>
  );
}
