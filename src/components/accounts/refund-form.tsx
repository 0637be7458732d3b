"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";
import { formatMoney, toMajorUnits } from "@/lib/money";

/**
 * An admin's refund of one payment: the remainder by default, or a smaller amount (a partial refund keeps
 * access; the refund that completes the whole amount ends it).
 */
export function RefundForm({
  action,
  paymentId,
  buyer,
  course,
  remaining,
  currency,
}: {
  action: FormAction;
  paymentId: string;
  buyer: string;
  course: string;
  /** Minor units not yet refunded. */
  remaining: number;
  currency: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const errors = fieldErrors(state);
  const id = `refund-amount-${paymentId}`;
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="paymentId" value={paymentId} />
      <Field
        id={id}
        label={<span className="text-xs">Amount</span>}
        inlineHint={`${currency}, at most ${formatMoney(remaining, currency)}`}
        error={errors.amount}
      >
        <Input
          name="amount"
          inputMode="decimal"
          required
          defaultValue={keptValue(state, "amount", toMajorUnits(remaining, currency))}
          className="max-w-32 py-1 text-sm"
        />
      </Field>
      <label className="flex items-start gap-2 text-xs text-slate-600">
        <input type="checkbox" name="confirm" value="yes" required className="mt-0.5" />
        <span>
          Refund this amount to {buyer} for “{course}”; their access ends when the whole{" "}
          {formatMoney(remaining, currency)} is refunded
        </span>
      </label>
      <Button variant="danger" size="xs" className="text-sm" disabled={pending}>
        {pending ? "Refunding…" : "Refund"}
      </Button>
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
