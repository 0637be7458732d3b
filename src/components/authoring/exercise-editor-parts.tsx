"use client";

import type { Ref } from "react";
import type { SummaryLine } from "./exercise-draft";

/** How exercises run, for authors (open while the lesson has no exercise). */
export function ExerciseHelp({ open }: { open: boolean }) {
  return (
    <details
      className="rounded-2xl border border-slate-200 bg-white p-4 text-sm text-slate-700 sm:p-5"
      open={open}
    >
      <summary className="cursor-pointer font-medium text-slate-900">How exercises and checks work</summary>
      <ul className="mt-2 list-disc space-y-1.5 pl-5">
        <li>
          Students edit the starter code and run the checks in their browser. The setup code runs first, then
          the student&apos;s code, then each check, all in the same namespace.
        </li>
        <li>
          A check passes when it completes and fails when it raises (Python) or throws (JavaScript); its
          message is what the student sees. Python:{" "}
          <code className="break-all rounded bg-slate-100 px-1">
            assert f(2) == 4, &quot;f(2) should be 4&quot;
          </code>
          . JavaScript:{" "}
          <code className="break-all rounded bg-slate-100 px-1">
            if (f(2) !== 4) throw new Error(&quot;f(2) should be 4&quot;)
          </code>
          .
        </li>
        <li>
          Checks and setup code run on the student&apos;s machine, so a determined student can read them: put
          nothing secret there.
        </li>
        <li>
          The reference solution is shown to a student only after they have run the checks and failed one. Try
          it runs the checks against it (every check must pass before you can save) and against the starter
          code (at least one should fail).
        </li>
      </ul>
    </details>
  );
}

/** The save's problems, at the top of the editor: focused when it appears, each line leads to its field. */
export function ErrorSummary({
  summaryRef,
  problem,
  lines,
  onGo,
}: {
  summaryRef: Ref<HTMLDivElement>;
  problem: string;
  lines: SummaryLine[];
  onGo: (line: SummaryLine) => void;
}) {
  return (
    <div
      ref={summaryRef}
      tabIndex={-1}
      role="alert"
      className="rounded-lg bg-red-50 p-3 text-sm text-red-900 outline-none focus-visible:ring-2 focus-visible:ring-red-600"
    >
      <p className="font-medium">{problem}</p>
      {lines.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {lines.map((l) => (
            <li key={`${l.label}-${l.target}`} className="break-words">
              {l.target ? (
                <a
                  href={`#${l.target}`}
                  className="font-medium underline"
                  onClick={(e) => {
                    e.preventDefault();
                    onGo(l);
                  }}
                >
                  {l.label}
                </a>
              ) : (
                <span className="font-medium">{l.label}</span>
              )}
              : {l.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What stands between the author and "Save exercises": each line leads to that exercise's Try it. */
export function SaveBlockers({
  blockers,
  onGo,
}: {
  blockers: { key: string; n: number; text: string }[];
  onGo: (key: string) => void;
}) {
  return (
    <div
      id="exercise-blockers"
      tabIndex={-1}
      className="rounded-lg bg-amber-50 p-3 text-sm text-amber-950 outline-none focus-visible:ring-2 focus-visible:ring-amber-600"
    >
      <p className="font-medium">Before saving, every changed exercise needs a passing Try it:</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {blockers.map((b) => (
          <li key={b.key} className="break-words">
            <button type="button" className="text-left font-medium underline" onClick={() => onGo(b.key)}>
              Exercise {b.n}
            </button>{" "}
            — {b.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
