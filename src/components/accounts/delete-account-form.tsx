"use client";

import { useActionState } from "react";
import { deleteAccount } from "@/app/account/actions";
import type { ActionResult } from "@/server/http/action";

export function DeleteAccountForm({ email }: { email: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(deleteAccount, null);
  return (
    <form action={action} className="space-y-3">
      <label htmlFor="confirmEmail" className="block text-sm text-slate-700">
        Type <strong className="font-mono">{email}</strong> to confirm. This cannot be undone.
      </label>
      <input
        id="confirmEmail"
        name="confirmEmail"
        type="email"
        autoComplete="off"
        required
        className="block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:border-red-600 focus:outline-none focus:ring-2 focus:ring-red-600"
        aria-describedby={state && !state.ok ? "delete-error" : undefined}
      />
      {state && !state.ok ? (
        <p id="delete-error" role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-red-600 px-4 py-2 font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {pending ? "Deleting…" : "Delete my account"}
      </button>
    </form>
  );
}
