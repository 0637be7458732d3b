import type { ActionResult } from "@/lib/action-result";

/**
 * The outcome of a form's last submission: success is announced politely, an error as an alert. The
 * live region stays in the page (empty) so the first message is announced too.
 */
export function ActionStatus({
  state,
  className = "",
  size = "sm",
}: {
  state: ActionResult<unknown> | null;
  className?: string;
  size?: "xs" | "sm";
}) {
  const text = size === "xs" ? "text-xs" : "text-sm";
  if (state && !state.ok) {
    return (
      <p role="alert" className={`${text} text-red-700 ${className}`}>
        {state.error}
      </p>
    );
  }
  return (
    <p role="status" aria-live="polite" className={`${text} text-emerald-700 ${className}`}>
      {state?.ok ? state.message : null}
    </p>
  );
}
