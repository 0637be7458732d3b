"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

export function RoleForm({
  action,
  userId,
  role,
  label,
}: {
  action: FormAction;
  userId: string;
  role: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {label}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded-lg border border-slate-300 px-2 py-1 text-sm"
      >
        <option value="STUDENT">Student</option>
        <option value="INSTRUCTOR">Instructor</option>
        <option value="ADMIN">Admin</option>
      </select>
      <Button variant="secondary" size="xs" className="text-sm" disabled={pending}>
        {pending ? "Saving…" : "Change"}
      </Button>
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
