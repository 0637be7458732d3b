"use client";

import { useState, type ReactNode } from "react";
import { Button } from "./button";

/**
 * A secret shown once (an API token, a webhook signing secret): a read-only field that selects itself on
 * focus, a Copy button with a spoken confirmation, and what to do with it.
 */
export function SecretReveal({
  id,
  label,
  secret,
  children,
}: {
  id: string;
  label: ReactNode;
  secret: string;
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-950">
        {label}
      </label>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            void navigator.clipboard
              ?.writeText(secret)
              .then(() => setCopied(secret))
              .catch(() => setCopied(null))
          }
        >
          {copied === secret ? "Copied" : "Copy"}
        </Button>
        <span role="status" className="sr-only">
          {copied === secret ? "Copied to the clipboard" : ""}
        </span>
      </div>
      {children ? <div className="mt-2 text-sm text-amber-950">{children}</div> : null}
    </div>
  );
}
