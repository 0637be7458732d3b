"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input, labelClass } from "@/components/ui/field";
import { SecretReveal } from "@/components/ui/secret-reveal";
import { fieldErrors, keptValue, type ActionResult } from "@/lib/action-result";

type WithSecret = { secret: string; endpointId: string };
type SecretAction = (
  prev: ActionResult<WithSecret> | null,
  form: FormData,
) => Promise<ActionResult<WithSecret>>;
export type EventChoice = { value: string; label: string };

function SecretPanel({ secret }: { secret: string }) {
  return (
    <SecretReveal
      id="webhook-secret"
      secret={secret}
      label="The signing secret — copy it into the receiver now, it will not be shown again"
    >
      Each request carries <code className="font-mono">Webhook-Signature: v1=…</code>, an HMAC-SHA256 of{" "}
      <code className="font-mono">timestamp.body</code> with this secret.{" "}
      <a href="/developers/api#webhooks" className="font-medium underline">
        How to verify it
      </a>
      .
    </SecretReveal>
  );
}

/**
 * Registering a webhook endpoint, or changing one (`endpoint` given): the address, a description, and the
 * events it wants (each explained). A new endpoint's signing secret is shown once under the form.
 */
export function WebhookEndpointForm({
  action,
  events,
  endpoint,
}: {
  action: SecretAction;
  events: EventChoice[];
  endpoint?: { id: string; url: string; description: string; events: string[] };
}) {
  const [state, formAction, pending] = useActionState<ActionResult<WithSecret> | null, FormData>(
    action,
    null,
  );
  const fields = fieldErrors(state);
  const failed = state !== null && !state.ok;
  const prefix = endpoint ? `webhook-${endpoint.id}` : "webhook-new";
  const eventsError = Object.entries(fields).find(([k]) => k === "events" || k.startsWith("events."))?.[1];
  const created = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-4">
      <form action={formAction} className="space-y-4">
        {endpoint ? <input type="hidden" name="id" value={endpoint.id} /> : null}
        <Field
          id={`${prefix}-url`}
          label="Address"
          hint="An https address of the receiving system. It gets a POST with JSON for each event."
          error={fields.url}
        >
          <Input
            name="url"
            type="url"
            required
            maxLength={2000}
            defaultValue={keptValue(state, "url", endpoint?.url ?? "")}
            placeholder="https://crm.example.com/hooks/ai-whisperers"
          />
        </Field>
        <Field
          id={`${prefix}-description`}
          label="Description"
          inlineHint="optional"
          error={fields.description}
        >
          <Input
            name="description"
            maxLength={200}
            defaultValue={keptValue(state, "description", endpoint?.description ?? "")}
            placeholder="CRM: enrollments and payments"
          />
        </Field>
        <fieldset aria-describedby={eventsError ? `${prefix}-events-error` : undefined}>
          <legend className={labelClass}>Events to send</legend>
          <div className="mt-1 grid gap-1.5 sm:grid-cols-2">
            {events.map((e) => (
              <label key={e.value} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`event:${e.value}`}
                  defaultChecked={
                    failed
                      ? state.values?.[`event:${e.value}`] === "on"
                      : (endpoint?.events.includes(e.value) ?? false)
                  }
                  className="mt-1 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
                />
                <span>
                  <code className="font-mono text-xs font-semibold">{e.value}</code>
                  <span className="block text-slate-600">{e.label}</span>
                </span>
              </label>
            ))}
          </div>
          {eventsError ? (
            <p id={`${prefix}-events-error`} className="mt-1 text-sm text-red-700">
              {eventsError}
            </p>
          ) : null}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={pending}>
            {pending ? "Saving…" : endpoint ? "Save changes" : "Add endpoint"}
          </Button>
          <ActionStatus state={state} />
        </div>
      </form>
      {created ? (
        <>
          <SecretPanel secret={created.secret} />
          <p className="text-sm">
            <a
              href={`/admin/webhooks/${created.endpointId}`}
              className="font-medium text-brand-700 underline"
            >
              Open the endpoint
            </a>{" "}
            to send a test event and follow its deliveries.
          </p>
        </>
      ) : null}
    </div>
  );
}

/** Rotating the signing secret, after a confirmation; the new secret is shown once. */
export function RotateSecretForm({ action, endpointId }: { action: SecretAction; endpointId: string }) {
  const [state, formAction, pending] = useActionState<ActionResult<WithSecret> | null, FormData>(
    action,
    null,
  );
  const rotated = state?.ok ? state.data : undefined;
  return (
    <div className="space-y-3">
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Rotate the signing secret…</summary>
        <form action={formAction} className="mt-2 max-w-md space-y-2 rounded-lg bg-slate-50 p-3">
          <input type="hidden" name="id" value={endpointId} />
          <p>
            A new secret is made and shown once. For 24 hours every request is signed with both the old and
            the new secret, so the receiver can switch without missing an event.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <Button size="sm" disabled={pending}>
              {pending ? "Rotating…" : "Rotate now"}
            </Button>
            <ActionStatus state={state} />
          </div>
        </form>
      </details>
      {rotated ? <SecretPanel secret={rotated.secret} /> : null}
    </div>
  );
}
