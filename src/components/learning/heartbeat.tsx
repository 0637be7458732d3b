"use client";

import { useEffect } from "react";

/**
 * Reports time spent while the lesson is visible: every 30 s at most, the visible seconds since the last
 * report (the server caps each report to the real elapsed time). Nothing runs while the tab is hidden.
 */
export function Heartbeat({ lessonId }: { lessonId: string }) {
  useEffect(() => {
    let visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    let pending = 0;
    const flush = () => {
      if (visibleSince !== null) {
        pending += (Date.now() - visibleSince) / 1000;
        visibleSince = document.visibilityState === "visible" ? Date.now() : null;
      }
      const seconds = Math.min(300, Math.floor(pending));
      if (seconds < 1) return;
      pending -= seconds;
      void fetch(`/api/v1/lessons/${encodeURIComponent(lessonId)}/progress`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ timeSpentSeconds: seconds }),
        keepalive: true,
      }).catch(() => {});
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
      else visibleSince = Date.now();
    };
    const timer = setInterval(flush, 30_000);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      flush();
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [lessonId]);
  return null;
}
