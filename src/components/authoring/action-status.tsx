import type { ActionResult } from "@/server/http/action";

/** The outcome of a form's last submission, announced politely. */
export function ActionStatus({ state, className = "" }: { state: ActionResult | null; className?: string }) {
  return (
    <p
      role="status"
      aria-live="polite"
      className={`text-sm ${state?.ok ? "text-emerald-700" : "text-red-700"} ${className}`}
    >
      {state ? (state.ok ? state.message : state.error) : null}
    </p>
  );
}
