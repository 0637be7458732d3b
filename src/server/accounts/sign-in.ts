import "server-only";
import { z } from "zod";
import type { Db } from "../db/types";
import { getEnv } from "../env";
import { invalidInput } from "../http/problem";
import { consumeRateLimit } from "../platform/rate-limit";
import { ZEmail } from "./schemas";

/** Where to go after signing in: a path on this platform only (never another origin). */
export const ZReturnPath = z
  .string()
  .max(500)
  .refine((p) => p.startsWith("/") && !p.startsWith("//") && !p.includes("\\"), "must be a path on this site")
  .catch("/account");

export const ZSignInRequest = z.object({ email: ZEmail, callbackUrl: ZReturnPath.optional() });
export type TSignInRequest = z.infer<typeof ZSignInRequest>;

/**
 * Validates a magic-link request and counts it against the per-address and per-client limits. The answer is
 * the same whether or not an account exists for the address (a link is sent either way; Auth.js creates the
 * account on first use).
 */
export async function prepareSignInRequest(
  db: Db,
  input: unknown,
  clientIp: string | null,
): Promise<TSignInRequest> {
  const parsed = ZSignInRequest.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { rateLimits } = getEnv();
  const window = rateLimits.windowSeconds;
  await consumeRateLimit(
    db,
    { name: "signin:address", limit: rateLimits.signInPerAddress, windowSeconds: window },
    parsed.data.email,
  );
  if (clientIp) {
    await consumeRateLimit(
      db,
      { name: "signin:client", limit: rateLimits.signInPerClient, windowSeconds: window },
      clientIp,
    );
  }
  return parsed.data;
}
