"use client";

import { useActionState } from "react";
import { enrollAction, type EnrollState } from "@/app/learn/actions";

export function EnrollButton({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<EnrollState, FormData>(enrollAction, {});
  return (
    <form action={action} className="mt-4">
      <input type="hidden" name="slug" value={slug} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Enrolling…" : "Enroll for free"}
      </button>
      {state.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
