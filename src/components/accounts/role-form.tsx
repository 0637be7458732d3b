"use client";

import { startTransition, useActionState, useId, useState, type FormEvent } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";

const ROLE_NAMES: Record<string, string> = { STUDENT: "Student", INSTRUCTOR: "Instructor", ADMIN: "Admin" };

/**
 * An admin's control for one user's role. The select shows the saved role after a change (it is controlled:
 * React's reset of a submitted form would put the role it was first rendered with back on screen, inviting a
 * second click that undoes the change), and making someone an admin asks first.
 */
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
  // What the admin picked but has not saved yet; null shows the saved role (the `role` prop, fresh after saving).
  const [picked, setPicked] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [state, dispatch, pending] = useActionState<ActionResult | null, FormData>(async (prev, form) => {
    const result = await action(prev, form);
    if (result.ok) setPicked(null);
    return result;
  }, null);
  const questionId = useId();
  const value = picked ?? role;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value === role) return;
    if (value === "ADMIN" && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  return (
    <form action={dispatch} onSubmit={submit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {label}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        value={value}
        disabled={pending}
        onChange={(e) => {
          setPicked(e.target.value === role ? null : e.target.value);
          setConfirming(false);
        }}
        className="rounded-lg border border-slate-300 px-2 py-1 text-sm"
      >
        {Object.entries(ROLE_NAMES).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      {confirming ? (
        <span
          role="group"
          aria-labelledby={questionId}
          className="flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 px-2 py-1 text-sm text-amber-900"
        >
          <span id={questionId}>
            Make {label} an admin? Admins can change anyone&apos;s role, refund payments and moderate all
            content.
          </span>
          {/* Focus moves to the question's answer, so a keyboard or screen-reader user meets it at once. */}
          <Button autoFocus size="xs" className="text-sm" disabled={pending}>
            Make admin
          </Button>
          <Button
            type="button"
            variant="secondary"
            size="xs"
            className="text-sm"
            onClick={() => {
              setConfirming(false);
              setPicked(null);
            }}
          >
            Cancel
          </Button>
        </span>
      ) : (
        <Button variant="secondary" size="xs" className="text-sm" disabled={pending || value === role}>
          {pending ? "Saving…" : "Change"}
        </Button>
      )}
      <ActionStatus state={state} size="xs" />
    </form>
  );
}
