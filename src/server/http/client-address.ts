/**
 * The client's address, established by the platform's own server (scripts/serve.ts) from the TCP socket and
 * never from what the client claims: without trusted proxies it is the socket's peer; behind N trusted proxies
 * (TRUST_PROXY_HOPS) each of them appends the address it saw to X-Forwarded-For, so the client is the entry N
 * places from the right of [X-Forwarded-For entries…, socket peer] — the right-most address no trusted hop
 * could have been given by the client. Everything left of it is client-controlled and ignored.
 * Framework-free: the server computes it once and hands it on in CLIENT_IP_HEADER, replacing whatever a client
 * sent under that name.
 */

export const CLIENT_IP_HEADER = "x-aiw-client-ip";
/** Proves the address header was set by the server of this process: a client cannot know its secret. */
export const CLIENT_IP_PROOF_HEADER = "x-aiw-client-ip-proof";
/** The CSP nonce the server chose for this request (src/proxy.ts believes it only with the proof). */
export const SERVER_NONCE_HEADER = "x-aiw-nonce";
const PROOF_KEY = Symbol.for("ai-whisperers.client-ip-proof");

/** The server's per-process secret, made once; shared with Next.js's bundle through globalThis. */
export function clientIpProof(create = false): string | undefined {
  const holder = globalThis as { [PROOF_KEY]?: string };
  if (create) holder[PROOF_KEY] ??= `${crypto.randomUUID()}${crypto.randomUUID()}`;
  return holder[PROOF_KEY];
}

const MAX_ENTRIES = 50;

/** "::ffff:127.0.0.1" → "127.0.0.1"; brackets and ports of "[::1]:443" / "1.2.3.4:5" removed; bounded length. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (a.toLowerCase().startsWith("::ffff:") && /^\d{1,3}(\.\d{1,3}){3}$/.test(a.slice(7))) a = a.slice(7);
  if (!/^[0-9A-Za-z.:%_-]{1,64}$/.test(a)) return null;
  return a;
}

export function clientAddress(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trustedHops: number,
): string | null {
  const peer = normalizeAddress(socketAddress);
  if (trustedHops <= 0) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .slice(-MAX_ENTRIES);
  chain.push(peer ?? "");
  // The peer is the nearest trusted proxy; each further trusted hop appended the address it saw.
  const index = chain.length - 1 - trustedHops;
  return normalizeAddress(chain[Math.max(0, index)]) ?? null;
}
