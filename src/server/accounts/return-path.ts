/** Where the platform may send someone back to: framework-free, shared by the sign-in schema and Auth.js. */

/** C0 controls, DEL and C1 controls: browsers strip tabs and line breaks, and none belongs in a Location. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * `value` resolved against `appUrl`, as the pathname + search + hash of a URL on that same origin (percent-encoded,
 * so it is always a valid Location header), or null when it would leave the origin, holds control characters,
 * or would start with `//` (which a browser reads as another host).
 */
export function sameOriginPath(value: string, appUrl: string): string | null {
  if (CONTROL_CHARACTERS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, appUrl);
  } catch {
    return null;
  }
  if (url.origin !== new URL(appUrl).origin || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Auth.js's `redirect` callback: the same rule, as an absolute URL on `appUrl`; anything else goes home. */
export function authRedirectUrl(url: string, appUrl: string): string {
  const path = sameOriginPath(url, appUrl);
  return path === null ? appUrl : `${appUrl}${path}`;
}
