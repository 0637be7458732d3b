import { getEnv } from "../env";

/** Video hosts the lesson player may embed (privacy-enhanced players only). */
export const FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

/**
 * `imageHosts` (IMAGE_HOSTS, validated by env.ts) are the only remote image sources, over https; the Markdown
 * renderer and the course images show remote images from exactly these hosts (src/lib/markdown.ts).
 */
export function contentSecurityPolicy(nonce: string, dev: boolean, imageHosts: readonly string[]): string {
  for (const host of imageHosts) {
    // env.ts already refuses these; a second check here keeps a bad value from ever widening the policy.
    if (!/^[a-z0-9.-]+$/.test(host) || !host.includes(".")) throw new Error(`Invalid image host: ${host}`);
  }
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce'd Next.js bootstrap load its chunks; nothing inline runs without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    ["img-src 'self' data: blob:", ...imageHosts.map((h) => `https://${h}`)].join(" "),
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
    "content-security-policy": contentSecurityPolicy(nonce, env.nodeEnv === "development", env.imageHosts),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    ...(env.isHttps ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
