"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** Copies an address to the clipboard and says so (or says to copy it by hand). */
export function CopyLinkButton({ url, label = "Copy link" }: { url: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className={buttonClass({ variant: "secondary", size: "sm" })}
        onClick={() =>
          navigator.clipboard.writeText(url).then(
            () => setState("copied"),
            () => setState("failed"),
          )
        }
      >
        {label}
      </button>
      <span role="status" className="text-sm text-slate-600">
        {state === "copied" ? "Link copied" : state === "failed" ? `Copy it by hand: ${url}` : ""}
      </span>
    </span>
  );
}
