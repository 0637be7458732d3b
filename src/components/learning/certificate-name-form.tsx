"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

/** One field: the name to print on the certificate; saving it issues the certificate. */
export function CertificateNameForm({ action, path }: { action: FormAction; path: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const fields = fieldErrors(state);
  return (
    <form action={formAction} className="mt-3 space-y-3">
      <input type="hidden" name="path" value={path} />
      <Field
        id="certificate-name"
        label="Your name, as it should appear on the certificate"
        error={fields.name}
      >
        <Input
          name="name"
          defaultValue={keptValue(state, "name", "")}
          required
          maxLength={120}
          autoComplete="name"
        />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={pending}>{pending ? "Issuing…" : "Issue my certificate"}</Button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
