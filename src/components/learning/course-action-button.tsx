"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

/** A one-button form (enroll, buy) whose action redirects on success and shows why when it fails. */
export function CourseActionButton({
  action,
  slug,
  label,
  pendingLabel,
}: {
  action: FormAction;
  slug: string;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="mt-4">
      <input type="hidden" name="slug" value={slug} />
      <Button size="lg" block disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <ActionStatus state={state} className="mt-2" />
    </form>
  );
}
