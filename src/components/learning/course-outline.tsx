"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ChevronIcon } from "@/components/ui/lesson-type-icon";

/**
 * The player's syllabus. On a wide screen it stays beside the lesson (sticky, scrolling on its own when it is
 * taller than the window); on a phone it folds behind a "Course outline" control at the top of the page, so
 * the lesson comes first and the outline is one tap away. Opening a lesson from the outline folds it again.
 */
export function CourseOutline({ summary, children }: { summary: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  // Escape folds an open outline (phone); a focus inside it goes back to the button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (listRef.current?.contains(document.activeElement)) toggleRef.current?.focus();
      setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <aside
      aria-label="Syllabus"
      className="order-1 lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto lg:pr-1"
    >
      <button
        ref={toggleRef}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="flex min-h-11 w-full items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-4 py-2 text-left font-medium text-slate-900 shadow-sm hover:bg-slate-50 lg:hidden"
      >
        <span>
          Course outline <span className="text-sm font-normal text-slate-600">· {summary}</span>
        </span>
        <ChevronIcon className={`h-4 w-4 shrink-0 transition-transform ${open ? "rotate-180" : ""}`} />
      </button>
      <div
        ref={listRef}
        id={id}
        className={`${open ? "mt-3 block" : "hidden"} lg:mt-0 lg:block`}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
      >
        {children}
      </div>
    </aside>
  );
}
