"use client";

import { useActionState, type FormHTMLAttributes, type ReactNode } from "react";
import type { ActionResult, FormAction } from "@/lib/action-result";
import { ActionStatus } from "./action-status";

/**
 * A form posting to a server action, with hidden fields and the action's status line: every action's
 * outcome, failures included, reaches the person who clicked.
 */
export function ActionForm({
  action,
  hiddenFields = {},
  children,
  statusClassName,
  statusSize = "sm",
  ...form
}: {
  action: FormAction;
  hiddenFields?: Record<string, string>;
  children: ReactNode;
  statusClassName?: string;
  statusSize?: "xs" | "sm";
} & Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "children">) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(action, null);
  return (
    <form action={formAction} {...form}>
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <ActionStatus state={state} size={statusSize} className={statusClassName} />
    </form>
  );
}
