"use client";

import { buttonClass } from "@/components/ui/button";
import { Container } from "@/components/ui/container";

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <Container className="py-24 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mx-auto mt-4 max-w-prose text-slate-600">
        This page could not be shown. Nothing you did was lost. Please try again in a moment.
        {error.digest ? ` If it keeps happening, quote reference ${error.digest}.` : null}
      </p>
      <button type="button" onClick={reset} className={buttonClass({ className: "mt-8" })}>
        Try again
      </button>
    </Container>
  );
}
