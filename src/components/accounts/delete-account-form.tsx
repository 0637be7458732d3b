"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

export function DeleteAccountForm({ action, email }: { action: FormAction; email: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const failed = state && !state.ok;
  return (
    <form action={formAction} className="space-y-3">
      <label htmlFor="confirmEmail" className="block text-sm text-slate-700">
        Type <strong className="font-mono">{email}</strong> to confirm. This cannot be undone.
      </label>
      <input
        id="confirmEmail"
        name="confirmEmail"
        type="email"
        autoComplete="off"
        required
        defaultValue={failed ? state.values?.confirmEmail : undefined}
        className="block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:border-red-600 focus:outline-none focus:ring-2 focus:ring-red-600"
        aria-invalid={failed ? true : undefined}
        aria-describedby={failed ? "delete-error" : undefined}
      />
      {failed ? (
        <p id="delete-error" role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button variant="danger-solid" disabled={pending}>
        {pending ? "Deleting…" : "Delete my account"}
      </Button>
    </form>
  );
}
