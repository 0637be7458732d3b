import type { ReactNode } from "react";

const TONES = {
  success: "bg-emerald-50 text-emerald-900",
  error: "bg-red-50 text-red-900",
  info: "bg-slate-100 text-slate-800",
  warning: "bg-amber-50 text-amber-900",
} as const;

/**
 * A message box. Errors and warnings are alerts (read out at once); success and information are polite
 * status messages.
 */
export function Alert({
  tone = "info",
  className = "",
  children,
}: {
  tone?: keyof typeof TONES;
  className?: string;
  children: ReactNode;
}) {
  const urgent = tone === "error" || tone === "warning";
  return (
    <div role={urgent ? "alert" : "status"} className={`rounded-lg p-3 ${TONES[tone]} ${className}`}>
      {children}
    </div>
  );
}
