import { CLIENT_IP_HEADER, CLIENT_IP_PROOF_HEADER, clientIpProof } from "./client-address";

/**
 * The client's address for rate limits, sessions and audit entries: what the platform's server established
 * from the socket and the trusted proxy hops (./client-address.ts), believed only with that server's
 * per-process proof. A request that did not come through it (e.g. `next dev`, or a bare `next start`) has none
 * — null — whatever headers the client sent.
 */
export function clientIp(headers: Headers): string | null {
  const proof = clientIpProof();
  if (!proof || headers.get(CLIENT_IP_PROOF_HEADER) !== proof) return null;
  return headers.get(CLIENT_IP_HEADER);
}
