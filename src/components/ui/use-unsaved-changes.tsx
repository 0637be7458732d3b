"use client";

import { useActionState, useEffect, useState } from "react";
import type { ActionResult, FormAction } from "@/lib/action-result";

export const UNSAVED_MESSAGE = "You have unsaved changes. Leave this page and lose them?";

/**
 * While `dirty`, leaving the page asks first: the browser's own question when the tab closes, reloads or goes
 * to another site (beforeunload), and a confirmation before following a link inside the platform (Next.js
 * navigates those without unloading the page, so beforeunload would not fire).
 */
export function useUnsavedChanges(dirty: boolean, message = UNSAVED_MESSAGE) {
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === "_blank" || link.hasAttribute("download"))
        return;
      const to = new URL(link.href, window.location.href);
      // Another site unloads the page (beforeunload asks); a link within the page changes nothing.
      if (to.origin !== window.location.origin) return;
      if (to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    // Capture, on the document: before the framework's own click handling of its links.
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}

/**
 * A server-action form that knows it has unsaved changes: `markDirty` on any edit (the form's onChange), clean
 * again once a save succeeds; leaving with unsaved changes asks first (useUnsavedChanges).
 */
export function useFormWithUnsavedChanges(save: FormAction) {
  const [dirty, setDirty] = useState(false);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(async (previous, form) => {
    const result = await save(previous, form);
    if (result?.ok) setDirty(false);
    return result;
  }, null);
  useUnsavedChanges(dirty);
  return { state, action, pending, dirty, markDirty: () => setDirty(true) };
}

/** "Unsaved changes" beside a form's save button while there are some (a polite status). */
export function UnsavedNote({ dirty }: { dirty: boolean }) {
  return (
    <span role="status" className="text-sm text-amber-800">
      {dirty ? "Unsaved changes" : null}
    </span>
  );
}
