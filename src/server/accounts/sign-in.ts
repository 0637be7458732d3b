import "server-only";
import { z } from "zod";
import type { Db } from "../db/types";
import { getEnv } from "../env";
import { parseInput } from "../validation";
import { consumeRateLimit } from "../platform/rate-limit";
import { ZReturnPath, ZSignInRequest, type TSignInRequest } from "./schemas";

export { ZReturnPath };

/**
 * Validates a magic-link request and counts it against the per-address and per-client limits. The answer is
 * the same whether or not an account exists for the address (a link is sent either way; Auth.js creates the
 * account on first use).
 */
export async function prepareSignInRequest(
  db: Db,
  input: z.input<typeof ZSignInRequest>,
  clientIp: string | null,
): Promise<TSignInRequest> {
  const valid = parseInput(ZSignInRequest, input);
  const { rateLimits } = getEnv();
  const window = rateLimits.windowSeconds;
  await consumeRateLimit(
    db,
    { name: "signin:address", limit: rateLimits.signInPerAddress, windowSeconds: window },
    valid.email,
  );
  if (clientIp) {
    await consumeRateLimit(
      db,
      { name: "signin:client", limit: rateLimits.signInPerClient, windowSeconds: window },
      clientIp,
    );
  }
  return valid;
}
