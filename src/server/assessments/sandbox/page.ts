import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SANDBOX_PAGE_PATH } from "../../http/security-headers";
import { runtimeBasePath } from "./runtime";

/** The one page that runs exercise code, and the only page the platform lets itself frame. */
export { SANDBOX_PAGE_PATH };

let page: { html: string; scriptHash: string } | null = null;

function build() {
  if (page) return page;
  const script = readFileSync(path.join(process.cwd(), "src/server/assessments/sandbox/runner.js"), "utf8");
  const scriptHash = createHash("sha256").update(script, "utf8").digest("base64");
  const html =
    `<!doctype html><html lang="en" data-runtime="${runtimeBasePath()}"><head><meta charset="utf-8">` +
    `<title>Code runner</title></head><body><script>${script}</script></body></html>`;
  page = { html, scriptHash };
  return page;
}

/**
 * The sandbox page and its headers. Its policy is its own: the inline script by hash, the runtime's files and
 * blob: workers, WebAssembly compilation, connections to the runtime's files only, framed by the platform only,
 * and `sandbox allow-scripts` (an opaque origin even when opened directly). `origin` is APP_URL's.
 */
export function sandboxPage(origin: string): { html: string; headers: Record<string, string> } {
  const { html, scriptHash } = build();
  const runtime = origin + runtimeBasePath();
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}' ${runtime} blob: 'wasm-unsafe-eval'`,
    "worker-src blob:",
    `connect-src ${runtime}`,
    "style-src 'none'",
    "img-src 'none'",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "sandbox allow-scripts",
  ].join("; ");
  return {
    html,
    headers: {
      "content-security-policy": csp,
      // Browsers that know frame-ancestors follow it; the rest may frame it from the same origin only.
      "x-frame-options": "SAMEORIGIN",
      "cache-control": "no-cache",
      "cross-origin-resource-policy": "same-origin",
    },
  };
}
