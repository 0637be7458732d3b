"use client";

import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/action-result";

/**
 * The outcome of a form's last submission: success is announced politely, an error as an alert. The
 * live region stays in the page (empty) so the first message is announced too. Each new outcome also takes
 * the keyboard focus (the message is focusable, not tabbable), so the person is where the result is: after
 * saving, publishing or deleting, the next Tab continues from the message (`focus={false}` opts out, for
 * outcomes that arrive while the person keeps typing).
 */
export function ActionStatus({
  state,
  className = "",
  size = "sm",
  focus = true,
}: {
  state: ActionResult<unknown> | null;
  className?: string;
  size?: "xs" | "sm";
  focus?: boolean;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  const shown = useRef(state);
  useEffect(() => {
    // Only an outcome that arrives after the page is shown moves the focus, never one present on load.
    if (state === shown.current) return;
    shown.current = state;
    if (focus && state) ref.current?.focus();
  }, [state, focus]);
  const text = size === "xs" ? "text-xs" : "text-sm";
  if (state && !state.ok) {
    return (
      <p ref={ref} tabIndex={-1} role="alert" className={`${text} text-red-700 outline-none ${className}`}>
        {state.error}
      </p>
    );
  }
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-live="polite"
      className={`${text} text-emerald-700 outline-none ${className}`}
    >
      {state?.ok ? state.message : null}
    </p>
  );
}
