"use client";

import { useActionState } from "react";
import { requestSignInLink, type SignInFormState } from "@/app/signin/actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState<SignInFormState, FormData>(requestSignInLink, {});
  return (
    <form action={action} className="space-y-4" noValidate>
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
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "email-error" : "email-hint"}
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600"
          placeholder="you@example.com"
        />
        {state.error ? (
          <p id="email-error" role="alert" className="mt-2 text-sm text-red-700">
            {state.error}
          </p>
        ) : (
          <p id="email-hint" className="mt-2 text-sm text-slate-500">
            We e-mail you a link that signs you in. No password to remember.
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Sending the link…" : "E-mail me a sign-in link"}
      </button>
    </form>
  );
}
