"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

export function RefundForm({
  action,
  paymentId,
  summary,
}: {
  action: FormAction;
  paymentId: string;
  summary: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="paymentId" value={paymentId} />
      <label className="flex items-start gap-2 text-xs text-slate-600">
        <input type="checkbox" name="confirm" value="yes" required className="mt-0.5" />
        <span>Refund {summary} in full and end access</span>
      </label>
      <Button variant="danger" size="xs" className="text-sm" disabled={pending}>
        {pending ? "Refunding…" : "Refund"}
      </Button>
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
