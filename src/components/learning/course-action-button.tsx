"use client";

import { useActionState } from "react";
import { buyAction, type BuyState } from "@/app/checkout/actions";

export function BuyButton({ slug, label }: { slug: string; label: string }) {
  const [state, action, pending] = useActionState<BuyState, FormData>(buyAction, {});
  return (
    <form action={action} className="mt-4">
      <input type="hidden" name="slug" value={slug} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Opening the checkout…" : label}
      </button>
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
