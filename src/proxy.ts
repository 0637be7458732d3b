import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "./server/env";
import { logger } from "./server/log";
import { CLIENT_IP_PROOF_HEADER, clientIpProof, SERVER_NONCE_HEADER } from "./server/http/client-address";
import { newNonce, securityHeaders } from "./server/http/security-headers";
import { REQUEST_ID_HEADER, requestIdFrom } from "./server/http/request-id";

/**
 * Runs before every request Next.js answers: a request id for the logs, and the CSP nonce that Next.js puts on
 * its own scripts (read from the request's Content-Security-Policy header). The platform's server
 * (src/server/http/lean-server.ts) chooses the nonce — a placeholder when it renders a page for its cache — and
 * proves it with the per-process secret; without it (`next dev`) the nonce is made here.
 */
export function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const proof = clientIpProof();
  const given = request.headers.get(SERVER_NONCE_HEADER);
  const nonce = proof && given && request.headers.get(CLIENT_IP_PROOF_HEADER) === proof ? given : newNonce();
  const headers = securityHeaders(nonce);

  const forwarded = new Headers(request.headers);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", headers["content-security-policy"]);

  logger.info("request", { requestId, method: request.method, path: request.nextUrl.pathname });
  if (!isDecodable(request.nextUrl.pathname)) {
    // Next.js would fail to decode the route parameters and answer 500; this is the client's mistake.
    const res = new NextResponse("Bad request: the address contains an invalid percent-encoding.", {
      status: 400,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
    for (const [key, value] of Object.entries(headers)) res.headers.set(key, value);
    res.headers.set(REQUEST_ID_HEADER, requestId);
    return res;
  }
  // Demo conveniences do not exist in production: answer 404 before any page code runs.
  const path = request.nextUrl.pathname;
  const isDemoOnly = path === "/dev" || path.startsWith("/dev/") || path.startsWith("/checkout/demo/");
  const response =
    isDemoOnly && !getEnv().isDemo
      ? NextResponse.rewrite(new URL("/_not-found", request.url), {
          status: 404,
          request: { headers: forwarded },
        })
      : NextResponse.next({ request: { headers: forwarded } });
  for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|sandbox/).*)" }],
};
