import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { getEnv } from "../env";

/**
 * Outbound HTTP for webhooks, safe against SSRF (docs/decisions.md, "Outbound webhooks"): the host is
 * resolved, every address it resolves to is checked, and the connection goes to the checked address (the
 * `lookup` of the request returns it, so a DNS answer that changes between check and connect cannot
 * redirect us). Redirects are never followed (a 3xx is a failed attempt). Refused: loopback, private,
 * link-local, carrier-grade NAT, multicast, reserved and unspecified addresses, IPv4-mapped and NAT64
 * forms of them — unless listed in WEBHOOK_ALLOWED_NETWORKS; demo mode also allows loopback.
 */

const BLOCKED = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  BLOCKED.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["2002::", 16],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  BLOCKED.addSubnet(address, prefix, "ipv6");
}
const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), if it is one. */
function mappedV4(address: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return m[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not be reached, or null when it may. */
export function refusedAddress(address: string): string | null {
  const env = getEnv();
  const v4 = mappedV4(address);
  const addr = v4 ?? address;
  const family: "ipv4" | "ipv6" = !v4 && net.isIP(address) === 6 ? "ipv6" : "ipv4";
  if (env.webhookAllowedNetworks.length > 0) {
    const allowed = new net.BlockList();
    for (const n of env.webhookAllowedNetworks) allowed.addSubnet(n.address, n.prefix, n.family);
    if (allowed.check(addr, family)) return null;
  }
  if (env.isDemo && LOOPBACK.check(addr, family)) return null;
  if (BLOCKED.check(addr, family)) {
    return `${address} is a private, loopback, link-local or reserved address (allow a private network with WEBHOOK_ALLOWED_NETWORKS)`;
  }
  return null;
}

/**
 * Checks a receiver's address as typed by an admin: https (http only to a loopback host in demo mode), no
 * credentials, no fragment; a literal IP address must be allowed. Returns a message for the form, or null.
 */
export function checkWebhookUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full address such as https://example.com/hooks/ai-whisperers.";
  }
  const env = getEnv();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const loopbackHost =
    host === "localhost" ||
    (net.isIP(host) !== 0 && LOOPBACK.check(host, net.isIP(host) === 6 ? "ipv6" : "ipv4"));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && env.isDemo && loopbackHost)) {
    return env.isDemo
      ? "Use https (plain http is allowed only to this machine, 127.0.0.1 or localhost, in demo mode)."
      : "Use an https address: webhooks carry signed data and are never sent over plain http.";
  }
  if (url.username || url.password) return "Leave user names and passwords out of the address.";
  if (url.hash) return "Leave the #fragment out of the address.";
  if (net.isIP(host) !== 0) {
    const refused = refusedAddress(host);
    if (refused) return `This address cannot receive webhooks: ${refused}.`;
  }
  return null;
}

export interface PostResult {
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

async function resolveChecked(hostname: string): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const literal = net.isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await dns.promises.lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${host} does not resolve`);
  for (const a of addresses) {
    const refused = refusedAddress(a.address);
    if (refused) throw new Error(`refused: ${host} resolves to ${refused}`);
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** POSTs `body` to `url` with `headers`: one attempt, at most 10 s, to a checked address, no redirects. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const problem = checkWebhookUrl(url);
  if (problem) return { status: null, latencyMs: 0, error: problem };
  const target = new URL(url);
  let checked: { address: string; family: 4 | 6 };
  try {
    checked = await resolveChecked(target.hostname);
  } catch (e) {
    return { status: null, latencyMs: elapsed(), error: shorten(e) };
  }
  const lib = target.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const done = (r: Omit<PostResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: elapsed() });
    };
    const req = lib.request(
      target,
      {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup: (_host, options, cb) => {
          const opts = options as { all?: boolean };
          if (opts.all) (cb as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [checked]);
          else cb(null, checked.address, checked.family);
        },
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        const status = res.statusCode ?? 0;
        const finish = () =>
          done({
            status,
            error:
              status >= 200 && status < 300
                ? null
                : `the receiver answered ${status}${status >= 300 && status < 400 ? " (redirects are not followed)" : ""}`,
          });
        res.on("end", finish);
        res.on("close", finish);
        res.on("error", finish);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`));
    }, DELIVERY_TIMEOUT_MS);
    req.on("error", (e) => done({ status: null, error: shorten(e) }));
    req.end(body);
  });
}

const shorten = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 290);
