"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

export function SignInForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const error = state && !state.ok ? state.error : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          E-mail address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.values?.email}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : "email-hint"}
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
          placeholder="you@example.com"
        />
        {error ? (
          <p id="email-error" role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        ) : (
          <p id="email-hint" className="mt-2 text-sm text-slate-500">
            We e-mail you a link that signs you in. No password to remember.
          </p>
        )}
      </div>
      <Button size="lg" block disabled={pending}>
        {pending ? "Sending the link…" : "E-mail me a sign-in link"}
      </Button>
    </form>
  );
}
