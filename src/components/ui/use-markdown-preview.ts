"use client";

import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-result";

/**
 * A Markdown preview rendered on the server (the platform's sanitizer) while `shown`: 300 ms after the last
 * change, the newest answer wins. `null` while rendering (or when rendering failed).
 */
export function useMarkdownPreview(
  markdown: string,
  shown: boolean,
  render: (markdown: string) => Promise<ActionResult<{ html: string }>>,
  empty: string,
): string | null {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (!shown) return;
    let stale = false;
    const t = setTimeout(async () => {
      const r = await render(markdown || empty);
      if (!stale) setHtml(r.ok && r.data ? r.data.html : null);
    }, 300);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [shown, markdown, render, empty]);
  return html;
}
