"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** Starts an attempt on the server, then shows it (an attempt already open is shown the same way). */
export function QuizStartButton({
  lessonId,
  path,
  label,
}: {
  lessonId: string;
  path: string;
  label: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1/lessons/${encodeURIComponent(lessonId)}/quiz/attempts`, {
        method: "POST",
      });
      const body = (await res.json().catch(() => null)) as {
        error?: { message?: string };
        attempt?: unknown;
      } | null;
      if (res.ok || (res.status === 409 && body?.attempt)) {
        router.replace(`${path}#quiz`);
        router.refresh();
        return;
      }
      setError(body?.error?.message ?? "The attempt could not be started. Please try again.");
    } catch {
      setError("You seem to be offline. Try again when you are back online.");
    }
    setBusy(false);
  };
  return (
    <div>
      <button type="button" className={buttonClass()} onClick={() => void start()} disabled={busy}>
        {busy ? "Starting…" : label}
      </button>
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
    </div>
  );
}
