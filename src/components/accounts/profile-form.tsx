"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

export function ProfileForm({ action, name, image }: { action: FormAction; name: string; image: string }) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  const fields = fieldErrors(state);
  // React resets the form after an action: a failed save shows what was typed, not the saved values.
  return (
    <form action={formAction} className="space-y-4">
      <Field id="name" label="Name" inlineHint="shown on your certificates" error={fields.name}>
        <Input name="name" defaultValue={keptValue(state, "name", name)} required maxLength={120} />
      </Field>
      <Field id="image" label="Picture URL" inlineHint="optional, https" error={fields.image}>
        <Input name="image" type="url" defaultValue={keptValue(state, "image", image)} maxLength={500} />
      </Field>
      <div className="flex items-center gap-3">
        <Button disabled={pending}>{pending ? "Saving…" : "Save profile"}</Button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
