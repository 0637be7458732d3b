import { getEnv } from "../env";

/** Video hosts the lesson player may embed (privacy-enhanced players only). */
export const FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd Next.js bootstrap load its chunks; nothing inline runs without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    `frame-src ${FRAME_SOURCES.join(" ")}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ].join("; ");
}

/** Headers set on every page and API response (next.config.ts adds the static ones for assets). */
export function securityHeaders(
  nonce: string,
): Record<string, string> & { "content-security-policy": string } {
  const env = getEnv();
  return {
    "content-security-policy": contentSecurityPolicy(nonce, env.nodeEnv === "development"),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    ...(env.isHttps ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
