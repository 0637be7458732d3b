"use client";

import type { RunOutcome } from "@/components/exercises/sandbox-client";
import { failedChecks, solutionProblem, type TryResult } from "./exercise-draft";
import { CheckIcon, CrossIcon } from "@/components/ui/lesson-type-icon";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line about a run that did not get through its checks, or null. */
function interruption(o: RunOutcome, seconds: number, what: string): string | null {
  if (o.stopped === "time") return `Stopped: time limit (${seconds} s).`;
  if (o.stopped === "user") return "Stopped by you.";
  if (o.error?.where === "setup") return o.error.message;
  if (o.error)
    return `${what} stops with an error${o.error.line ? ` on line ${o.error.line}` : ""}: ${o.error.message}`;
  return null;
}

/** The one-line headline of each run, also used for the Try it announcement. */
export function headlines(r: TryResult): {
  solution: string;
  starter: string | null;
  starterPassesAll: boolean;
} {
  const ofChecks = (n: number, o: RunOutcome) => `${n} of ${plural(o.checks.length, "check")}`;
  let solution = "No reference solution: only the starter code was run.";
  if (r.solution) {
    const o = r.solution;
    const passed = o.checks.length - failedChecks(o).length;
    solution =
      o.error?.where === "setup"
        ? "Reference solution: the setup code failed, so no check could run."
        : o.checks.length === 0
          ? `Reference solution: no check ran (the exercise has ${plural(r.checkCount, "check")}).`
          : o.stopped
            ? `Reference solution: stopped before its checks finished (${ofChecks(passed, o)} passed).`
            : `Reference solution: ${ofChecks(passed, o)} passed.`;
  }
  if (!r.starter) return { solution, starter: null, starterPassesAll: false };
  const o = r.starter;
  const failed = failedChecks(o).length;
  const starterPassesAll = o.stopped === null && o.error === null && o.checks.length > 0 && failed === 0;
  const starter = starterPassesAll
    ? `Starter code: every check passes (${ofChecks(o.checks.length, o)}). Students would pass without writing anything: make the starter code incomplete.`
    : o.error?.where === "setup"
      ? "Starter code: the setup code failed, so no check could run."
      : o.checks.length === 0
        ? "Starter code: no check ran."
        : `Starter code: ${ofChecks(failed, o)} failed — good, students have something to do.`;
  return { solution, starter, starterPassesAll };
}

function RunDetails({ outcome, seconds, what }: { outcome: RunOutcome; seconds: number; what: string }) {
  const stop = interruption(outcome, seconds, what);
  return (
    <div className="mt-1 space-y-2 text-sm">
      {stop ? <p className="break-words font-medium text-slate-800">{stop}</p> : null}
      {outcome.checks.length > 0 ? (
        <ul className="space-y-1">
          {outcome.checks.map((c, i) => (
            <li key={`${i}-${c.name}`} className="flex gap-2">
              <span className={`mt-0.5 shrink-0 ${c.passed ? "text-emerald-700" : "text-red-700"}`}>
                {c.passed ? <CheckIcon className="h-3.5 w-3.5" /> : <CrossIcon className="h-3.5 w-3.5" />}
              </span>
              <span className="min-w-0 break-words">
                <span className="font-medium">{c.name || "(unnamed check)"}</span>
                <span className="sr-only">{c.passed ? ": passed" : ": failed"}</span>
                {!c.passed && c.message ? <span className="text-slate-700"> — {c.message}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {outcome.output ? (
        <details>
          <summary className="cursor-pointer text-slate-700">
            Output{outcome.truncated ? " (cut short)" : ""}
          </summary>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-lg bg-slate-900 p-2 font-mono text-xs text-slate-100">
            {outcome.output}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

/**
 * What the last Try it found: the reference solution's run (every check must pass) and the starter code's
 * (at least one should fail). A stale result (the exercise changed since) is shown dimmed, without alerts.
 */
export function TryResultView({
  result,
  stale,
  number,
}: {
  result: TryResult;
  stale: boolean;
  number: number;
}) {
  const h = headlines(result);
  const problem = stale ? null : solutionProblem(result);
  const solutionOk = result.solution !== null && solutionProblem(result) === null;
  return (
    <div className={`mt-3 space-y-3 ${stale ? "opacity-70" : ""}`}>
      {stale ? (
        <p className="text-sm font-medium text-slate-700">
          Last Try it, before your latest changes (try it again to check them):
        </p>
      ) : null}
      {problem ? (
        <div role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-900">
          <p className="break-words font-medium">{problem}</p>
          <p className="mt-1">
            Saving is blocked until the reference solution of exercise {number} passes every check.
          </p>
        </div>
      ) : null}
      <div
        className={`rounded-lg border p-3 ${
          result.solution === null
            ? "border-slate-200 bg-slate-50"
            : solutionOk
              ? "border-emerald-200 bg-emerald-50"
              : "border-red-200 bg-red-50"
        }`}
      >
        <p className="font-medium">{h.solution}</p>
        {result.solution ? (
          <RunDetails outcome={result.solution} seconds={result.seconds} what="The reference solution" />
        ) : (
          <p className="mt-1 text-sm text-slate-700">
            Without one, students are never shown a solution. Add one to check that the checks can pass.
          </p>
        )}
      </div>
      {result.starter && h.starter ? (
        <div
          className={`rounded-lg border p-3 ${
            h.starterPassesAll ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"
          }`}
        >
          <p className="font-medium">
            {h.starterPassesAll ? <span className="text-amber-900">Warning: </span> : null}
            {h.starter}
          </p>
          <RunDetails outcome={result.starter} seconds={result.seconds} what="The starter code" />
        </div>
      ) : null}
    </div>
  );
}
