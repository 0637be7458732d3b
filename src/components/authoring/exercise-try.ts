"use client";

import { useEffect, useRef, useState } from "react";
import { Sandbox, type RunJob, type RunOutcome } from "@/components/exercises/sandbox-client";
import {
  fingerprint,
  hasSolution,
  LIMITS,
  seconds,
  type DraftExercise,
  type RunState,
  type TryResult,
} from "./exercise-draft";
import { headlines } from "./exercise-try-result";

/** `record` without `key` (the same object when it has none). */
export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/**
 * "Try it" for the exercise editor: one sandbox for the page (created on the first Try it, disposed on
 * unmount), one Try it at a time. A Try it runs the exercise's checks against its reference solution, then
 * against its starter code (only the latter when there is no solution); its result remembers the exercise's
 * fingerprint, so any later change to what a run depends on makes it stale.
 */
export function useTryIt(announce: (text: string) => void) {
  const [results, setResults] = useState<Record<string, TryResult>>({});
  /** Why a Try it could not start, by exercise key (cleared by the next edit of that exercise). */
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [run, setRun] = useState<RunState | null>(null);
  const sandboxRef = useRef<Sandbox | null>(null);
  const busy = useRef(false);

  useEffect(
    () => () => {
      sandboxRef.current?.dispose();
      sandboxRef.current = null;
    },
    [],
  );

  async function tryIt(x: DraftExercise, n: number) {
    if (busy.current) return;
    const secs = seconds(x);
    const refuse = (message: string) => setMessages((m) => ({ ...m, [x.key]: message }));
    if (x.checks.length === 0) return refuse("Add a check first: Try it runs the checks.");
    if (x.checks.some((c) => !c.code.trim())) return refuse("Write the code of every check first.");
    if (secs === null) {
      return refuse(`Set a time limit of ${LIMITS.minSeconds} to ${LIMITS.maxSeconds} whole seconds first.`);
    }
    busy.current = true;
    setMessages((m) => without(m, x.key));
    sandboxRef.current ??= new Sandbox();
    const sandbox = sandboxRef.current;
    const job: Omit<RunJob, "code"> = {
      language: x.language,
      mode: "check",
      setup: x.setupCode,
      checks: x.checks.map((c) => ({ name: c.name.trim() || "(unnamed check)", code: c.code })),
      timeLimitSeconds: secs,
    };
    const go = (which: RunState["which"], code: string) => {
      setRun({ key: x.key, which, phase: "loading" });
      return sandbox.run(
        { ...job, code },
        { onPhase: (phase) => setRun((r) => (r && r.key === x.key ? { ...r, phase } : r)) },
      );
    };
    let solution: RunOutcome | null = null;
    let starter: RunOutcome | null = null;
    try {
      if (hasSolution(x)) solution = await go("solution", x.solution);
      if (solution?.stopped !== "user") starter = await go("starter", x.starterCode);
    } finally {
      busy.current = false;
      setRun(null);
    }
    const result: TryResult = {
      fingerprint: fingerprint(x),
      seconds: secs,
      checkCount: x.checks.length,
      solution,
      starter,
    };
    setResults((rs) => ({ ...rs, [x.key]: result }));
    const h = headlines(result);
    announce(`Exercise ${n} tried. ${h.solution} ${h.starter ?? ""}`);
  }

  return {
    results,
    setResults,
    messages,
    clearMessage: (key: string) => setMessages((m) => without(m, key)),
    run,
    tryIt,
    stop: () => sandboxRef.current?.stop(),
  };
}
