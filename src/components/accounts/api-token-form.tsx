"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input, labelClass, Select } from "@/components/ui/field";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { fieldErrors, keptValue, type ActionResult } from "@/lib/action-result";

type Created = { secret: string; name: string };
type CreateAction = (prev: ActionResult<Created> | null, form: FormData) => Promise<ActionResult<Created>>;

/**
 * Creating a personal API token: a name, the scopes the person's role allows (each explained), a lifetime.
 * The secret comes back once, in a read-only field with a copy button, and is never shown again.
 */
export function ApiTokenForm({
  action,
  scopes,
}: {
  action: CreateAction;
  scopes: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState<ActionResult<Created> | null, FormData>(action, null);
  const fields = fieldErrors(state);
  const scopeError = Object.entries(fields).find(([k]) => k === "scopes" || k.startsWith("scopes."))?.[1];
  const kept = state && !state.ok ? state.values : undefined;
  const created = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        <Field id="token-name" label="Token name" inlineHint="what will use it" error={fields.name}>
          <Input
            name="name"
            defaultValue={keptValue(state, "name", "")}
            required
            maxLength={80}
            placeholder="HR sync"
          />
        </Field>
        <fieldset aria-describedby={scopeError ? "token-scopes-error" : undefined}>
          <legend className={labelClass}>What it may do</legend>
          <div className="mt-1 space-y-1.5">
            {scopes.map((s) => (
              <label key={s.value} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s.value}
                  defaultChecked={kept ? false : s.value === "learn:read"}
                  className="mt-1 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                <span>
                  <code className="font-mono text-xs font-semibold">{s.value}</code>{" "}
                  <span className="text-slate-600">— {s.label}</span>
                </span>
              </label>
            ))}
          </div>
          {scopeError ? (
            <p id="token-scopes-error" className="mt-1 text-sm text-red-700">
              {scopeError}
            </p>
          ) : null}
        </fieldset>
        <Field id="token-expiry" label="Expires" error={fields.expiresInDays}>
          <Select name="expiresInDays" defaultValue={keptValue(state, "expiresInDays", "90")}>
            <option value="7">in 7 days</option>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </Select>
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={pending}>{pending ? "Creating…" : "Create token"}</Button>
          <ActionStatus state={state} />
        </div>
      </form>
      {created ? (
        <SecretReveal
          id="token-secret"
          secret={created.secret}
          label={<>The token “{created.name}” — copy it now, it will not be shown again</>}
        >
          Send it as <code className="font-mono">Authorization: Bearer …</code> to the{" "}
          <a href="/developers/api" className="font-medium underline">
            API
          </a>
          . Anyone holding it acts as you within its scopes: keep it out of code and chats.
        </SecretReveal>
      ) : null}
    </div>
  );
}
