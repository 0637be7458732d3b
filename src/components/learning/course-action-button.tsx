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
  fields = {},
}: {
  action: FormAction;
  slug: string;
  label: string;
  pendingLabel: string;
  /** More hidden fields (the buy button's accepted coupon code). */
  fields?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="mt-4">
      <input type="hidden" name="slug" value={slug} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button size="lg" block disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      <ActionStatus state={state} className="mt-2" />
    </form>
  );
}
