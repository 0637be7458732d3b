"use client";

import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Container } from "@/components/ui/container";

/**
 * The page error boundary. In production the server's error reaches the browser without its message, so the
 * page asks /api/health whether the database is down: then it says the service is briefly unavailable (the
 * platform recovers by itself within seconds of the database's return) rather than "something went wrong".
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const router = useRouter();
  const [unavailable, setUnavailable] = useState(false);
  useEffect(() => {
    let cancelled = false;
    fetch("/api/health", { cache: "no-store" }).then(
      (res) => {
        if (!cancelled) setUnavailable(res.status === 503);
      },
      () => {
        if (!cancelled) setUnavailable(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [error]);

  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });

  return (
    <Container className="py-24 text-center">
      <h1 className="text-3xl font-bold tracking-tight">
        {unavailable ? "Temporarily unavailable" : "Something went wrong"}
      </h1>
      <p className="mx-auto mt-4 max-w-prose text-slate-600" role={unavailable ? "status" : undefined}>
        {unavailable
          ? "The service is briefly unavailable. Nothing you did was lost. Please try again in a few seconds."
          : "This page could not be shown. Nothing you did was lost. Please try again in a moment."}
        {error.digest ? ` If it keeps happening, quote reference ${error.digest}.` : null}
      </p>
      <button type="button" onClick={retry} className={buttonClass({ className: "mt-8" })}>
        Try again
      </button>
    </Container>
  );
}
