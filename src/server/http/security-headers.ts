import { getEnv } from "../env";

/** The exercise sandbox's page (src/server/assessments/sandbox/page.ts): the only same-origin frame. */
export const SANDBOX_PAGE_PATH = "/sandbox/runner";

/**
 * The one Content-Security-Policy builder, owned by the platform's server (scripts/serve.ts → lean-server.ts),
 * with a policy per kind of route:
 * - `page`: HTML rendered by Next.js, scripts only with the response's nonce ('strict-dynamic');
 * - `api`: JSON and files from the operation registry, which never run anything: nothing may load;
 * Under `next dev` (no custom server) src/proxy.ts applies the page policy itself.
 */
export type RoutePolicy = "page" | "api";

/** Video hosts the lesson player may embed (privacy-enhanced players only). */
export const FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

/** Random bytes drawn 4 KiB at a time (one call per 256 nonces instead of one per response). */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

/** A fresh nonce: 128 random bits (from the CSPRNG), base64. */
export function newNonce(): string {
  if (poolAt + 16 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const nonce = Buffer.from(pool.buffer, poolAt, 16).toString("base64");
  poolAt += 16;
  return nonce;
}

/**
 * `imageHosts` (IMAGE_HOSTS, validated by env.ts) are the only remote image sources, over https; the Markdown
 * renderer and the course images show remote images from exactly these hosts (src/lib/markdown.ts).
 */
export function contentSecurityPolicy(
  nonce: string,
  dev: boolean,
  imageHosts: readonly string[],
  /** The exercise sandbox page (the one same-origin page a page may frame); APP_URL's origin + its path. */
  sandboxUrl = "'self'",
): string {
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
    `frame-src ${[sandboxUrl, ...FRAME_SOURCES].join(" ")}`,
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ].join("; ");
}

/** JSON, PDFs and exports: a browser that opens one directly runs and embeds nothing. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers set on every page and API response (next.config.ts adds the static ones for assets). */
export function securityHeaders(
  nonce: string,
  policy: RoutePolicy = "page",
): Record<string, string> & { "content-security-policy": string } {
  const env = getEnv();
  return {
    "content-security-policy":
      policy === "api"
        ? API_POLICY
        : contentSecurityPolicy(
            nonce,
            env.nodeEnv === "development",
            env.imageHosts,
            `${new URL(env.appUrl).origin}${SANDBOX_PAGE_PATH}`,
          ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(env.isHttps ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
