"use client";

import { useActionState } from "react";
import { saveProfile } from "@/app/account/actions";
import type { ActionResult } from "@/server/http/action";

const input =
  "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600";

export function ProfileForm({ name, image }: { name: string; image: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveProfile, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
  return (
    <form action={action} className="space-y-4">
      <div>
        <label htmlFor="name" className="block text-sm font-medium text-slate-800">
          Name <span className="font-normal text-slate-500">(shown on your certificates)</span>
        </label>
        <input
          id="name"
          name="name"
          defaultValue={name}
          required
          maxLength={120}
          className={input}
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? "name-error" : undefined}
        />
        {fields.name ? (
          <p id="name-error" className="mt-1 text-sm text-red-700">
            {fields.name}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="image" className="block text-sm font-medium text-slate-800">
          Picture URL <span className="font-normal text-slate-500">(optional, https)</span>
        </label>
        <input
          id="image"
          name="image"
          type="url"
          defaultValue={image}
          maxLength={500}
          className={input}
          aria-invalid={fields.image ? true : undefined}
          aria-describedby={fields.image ? "image-error" : undefined}
        />
        {fields.image ? (
          <p id="image-error" className="mt-1 text-sm text-red-700">
            {fields.image}
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Saving…" : "Save profile"}
        </button>
        <p
          role="status"
          aria-live="polite"
          className={`text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"}`}
        >
          {state ? (state.ok ? state.message : state.error) : null}
        </p>
      </div>
    </form>
  );
}
