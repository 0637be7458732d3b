"use client";

import { useActionState, useState } from "react";
import type { ActionResult } from "@/server/http/action";
import { dangerButton, secondaryButton } from "./styles";

/**
 * A delete that asks first, saying how many students have progress in what is deleted. The server checks
 * the number again; when it changed meanwhile, it answers with the new number and asks again.
 */
export function ConfirmDelete({
  action,
  hidden,
  what,
  name,
  affected,
}: {
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  hidden: Record<string, string>;
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
      <button type="button" className={dangerButton} onClick={() => setOpen(true)}>
        Delete<span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <form
      action={formAction}
      role="group"
      aria-label={`Confirm deleting ${name}`}
      className="w-full rounded-xl border border-red-200 bg-red-50 p-3 text-sm"
    >
      {Object.entries(hidden).map(([k, v]) => (
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
        <button type="submit" disabled={pending} className={dangerButton}>
          {pending ? "Deleting…" : `Delete ${what}`}
        </button>
        <button type="button" className={secondaryButton} onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {state && !state.ok ? (
        <p role="alert" className="mt-2 text-red-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
