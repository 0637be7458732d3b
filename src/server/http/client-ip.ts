import { CLIENT_IP_HEADER } from "./client-address";

/**
 * The client's address for rate limits, sessions and audit entries: what the platform's server established
 * from the socket and the trusted proxy hops (./client-address.ts). A request that did not come through that
 * server (e.g. `next dev`) has none: null.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}
