import { getEnv } from "../env";

/**
 * The client's address. Next.js fills X-Forwarded-For from the socket when the request has none. Behind a
 * configured proxy (TRUST_PROXY) the first entry is the client the proxy saw; otherwise the last entry is
 * taken, and a client that sends its own header can still choose it: run behind a proxy that sets the header
 * and set TRUST_PROXY (docs/decisions.md).
 */
export function clientIp(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = getEnv().trustProxy ? entries[0] : entries.at(-1);
  return ip ? ip.slice(0, 64) : null;
}
