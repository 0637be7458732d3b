"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * The outcome of an action that ended on another page (a redirect with `?done=…`, `?deleted=1`): said politely
 * to screen readers and given the keyboard focus once, so the next Tab continues from where the result is
 * (DESIGN.md: focus after every action). Not tabbable itself.
 */
export function OutcomeNotice({ children, className = "" }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={`outline-none ${className}`}>
      {children}
    </p>
  );
}
