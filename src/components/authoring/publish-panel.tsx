"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

/** Publish (when nothing is missing) or unpublish (confirming when students are enrolled). */
export function PublishPanel({
  action: publish,
  courseId,
  published,
  canPublish,
  enrolledStudents,
}: {
  action: FormAction;
  courseId: string;
  published: boolean;
  canPublish: boolean;
  enrolledStudents: number;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(publish, null);
  const [confirming, setConfirming] = useState(false);
  // The clicked button leaves the page as the question opens or closes: the focus goes to its counterpart.
  const askRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    toggled.current = false;
    (confirming ? confirmRef : askRef).current?.focus();
  }, [confirming]);
  const toggle = (open: boolean) => {
    toggled.current = true;
    setConfirming(open);
  };
  if (!published) {
    return (
      <form action={action} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="courseId" value={courseId} />
        <Button name="intent" value="publish" disabled={pending || !canPublish}>
          {pending ? "Publishing…" : "Publish course"}
        </Button>
        <ActionStatus state={state} />
      </form>
    );
  }
  const needsConfirmation = enrolledStudents > 0 && !confirming;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="confirmEnrolled" value={confirming ? enrolledStudents : 0} />
      {confirming ? (
        <p className="rounded-xl border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {enrolledStudents} {enrolledStudents === 1 ? "student is" : "students are"} enrolled. They keep
          access to the lessons; the course leaves the catalog (and the featured list) and nobody new can
          enroll.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {/* Distinct keys: React must not turn the clicked "Unpublish…" into the submit button during its own
            click, or the browser would submit the form at once (a button's type is read after the click). */}
        {needsConfirmation ? (
          <Button
            key="ask"
            ref={askRef}
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => toggle(true)}
          >
            Unpublish…
          </Button>
        ) : (
          <Button
            key="unpublish"
            ref={confirmRef}
            name="intent"
            value="unpublish"
            disabled={pending}
            variant="secondary"
            size="sm"
          >
            {pending ? "Unpublishing…" : confirming ? "Unpublish anyway" : "Unpublish"}
          </Button>
        )}
        {confirming ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => toggle(false)}>
            Keep it published
          </Button>
        ) : null}
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
