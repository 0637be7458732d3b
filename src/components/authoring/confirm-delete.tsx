"use client";

import { useActionState, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

/**
 * A delete that asks first, saying how many students have progress in what is deleted. The server checks
 * the number again; when it changed meanwhile, it answers with the new number and asks again.
 */
export function ConfirmDelete({
  action,
  hiddenFields,
  what,
  name,
  affected,
}: {
  action: FormAction;
  hiddenFields: Record<string, string>;
  what: string;
  name: string;
  affected: number;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const [open, setOpen] = useState(false);
  const serverCount = state && !state.ok ? Number(state.fields?.confirmAffected ?? NaN) : NaN;
  const count = Number.isFinite(serverCount) ? serverCount : affected;
  if (!open) {
    return (
      <Button type="button" variant="danger" size="sm" onClick={() => setOpen(true)}>
        Delete<span className="sr-only"> {name}</span>
      </Button>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-label={`Confirm deleting ${name}`}
      className="w-full rounded-xl border border-red-200 bg-red-50 p-3 text-sm"
    >
      {Object.entries(hiddenFields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="confirmAffected" value={count} />
      <p className="text-red-900">
        Delete the {what} “{name}”?{" "}
        {count > 0
          ? `${count} ${count === 1 ? "student has" : "students have"} progress in it: that progress is removed and their percentages are recomputed. Completed courses and certificates stay.`
          : "No student has progress in it."}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button variant="danger" size="sm" disabled={pending}>
          {pending ? "Deleting…" : `Delete ${what}`}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {state && !state.ok ? <ActionStatus state={state} className="mt-2" /> : null}
    </form>
  );
}
