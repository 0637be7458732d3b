"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { ExerciseCard, type PlayerExercise } from "./exercise-card";
import { Sandbox } from "./sandbox-client";

export type { PlayerExercise };

/**
 * The exercises of an INTERACTIVE lesson in the player: one sandbox (a hidden, sandboxed iframe) for all of
 * them, created when the lesson opens (the Python runtime starts loading at once), disposed when it closes.
 */
export function ExerciseSection({
  exercises,
  preview,
  lessonCompleted,
  nextHref,
}: {
  exercises: PlayerExercise[];
  /** Course staff previewing: runs work, nothing is recorded. */
  preview: boolean;
  lessonCompleted: boolean;
  nextHref: string | null;
}) {
  const router = useRouter();
  const [sandbox, setSandbox] = useState<Sandbox | null>(null);
  const [passed, setPassed] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(exercises.map((x) => [x.id, x.passed])),
  );
  const [completed, setCompleted] = useState(lessonCompleted);
  const [completedNow, setCompletedNow] = useState(false);
  const languages = useRef(new Set(exercises.map((x) => x.language)));

  useEffect(() => {
    const s = new Sandbox();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the sandbox exists only in the browser
    setSandbox(s);
    if (languages.current.has("python")) void s.preload("python");
    return () => s.dispose();
  }, []);

  const done = exercises.filter((x) => passed[x.id]).length;
  return (
    <section aria-labelledby="exercises-heading" className="mt-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="exercises-heading" className="text-2xl font-bold tracking-tight">
          {exercises.length === 1 ? "Exercise" : "Exercises"}
        </h2>
        <p className="text-sm text-slate-600">
          {done} of {exercises.length} passed
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Your code runs in your browser, in a sandbox: nothing to install.{" "}
        {preview
          ? "Preview as course staff: runs and checks work, nothing is recorded."
          : "It is saved as you type and comes back on any device. Pass every exercise's checks to complete the lesson."}
      </p>
      {completed ? (
        <div className="mt-4">
          <Alert tone="success">
            <p className="font-medium">
              {completedNow ? "Every exercise passed: lesson complete!" : "Lesson complete."}
            </p>
            {nextHref ? (
              <ButtonLink href={nextHref} size="sm" className="mt-2">
                Continue to the next lesson
              </ButtonLink>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <ol className="mt-6 space-y-8">
        {exercises.map((x, i) => (
          <li key={x.id}>
            <ExerciseCard
              exercise={x}
              number={i + 1}
              total={exercises.length}
              sandbox={sandbox}
              preview={preview}
              passed={passed[x.id] ?? false}
              onRecorded={(outcome) => {
                if (outcome.passed) setPassed((p) => ({ ...p, [x.id]: true }));
                if (outcome.lessonCompleted && !completed) {
                  setCompleted(true);
                  setCompletedNow(true);
                  // The syllabus, the progress bar and (for the last lesson) the course's completion.
                  router.refresh();
                }
              }}
            />
          </li>
        ))}
      </ol>
      {exercises.length > 1 ? (
        <p className="mt-6 text-sm text-slate-600">
          <Badge tone={done === exercises.length ? "success" : "neutral"}>
            {done}/{exercises.length}
          </Badge>{" "}
          exercises passed
        </p>
      ) : null}
    </section>
  );
}
