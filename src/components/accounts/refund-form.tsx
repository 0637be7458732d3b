"use client";

import { useActionState } from "react";
import { refundAction } from "@/app/admin/payments/actions";
import type { ActionResult } from "@/server/http/action";

export function RefundForm({ paymentId, summary }: { paymentId: string; summary: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(refundAction, null);
  return (
    <form action={action} className="space-y-1">
      <input type="hidden" name="paymentId" value={paymentId} />
      <label className="flex items-start gap-2 text-xs text-slate-600">
        <input type="checkbox" name="confirm" value="yes" required className="mt-0.5" />
        <span>Refund {summary} in full and end access</span>
      </label>
      <button
        disabled={pending}
        className="rounded-lg border border-red-300 px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? "Refunding…" : "Refund"}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
