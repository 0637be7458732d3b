import "server-only";
import { z } from "zod";
import type { Db } from "../db/types";
import { getEnv } from "../env";
import { AppError, isAppError } from "../errors";
import { parseInput } from "../validation";
import { consumeRateLimit } from "../platform/rate-limit";
import { ZReturnPath, ZSignInRequest, type TSignInRequest } from "./schemas";

export { ZReturnPath };

/**
 * Validates a magic-link request from the sign-in form. It counts nothing: the limits are enforced where the
 * link is made (`consumeSignInAttempt`, from Auth.js's signIn callback), so the form and Auth.js's own route
 * share them and a request is counted once.
 */
export function parseSignInRequest(input: z.input<typeof ZSignInRequest>): TSignInRequest {
  return parseInput(ZSignInRequest, input);
}

/** What a refused sign-in request tells the person (the same on the form and on the error page). */
export function signInRateLimitedMessage(): string {
  const minutes = Math.ceil(getEnv().rateLimits.windowSeconds / 60);
  return `Too many sign-in attempts. Please wait up to ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}

export const signInRateLimited = () =>
  new AppError("RATE_LIMITED", { userMessage: signInRateLimitedMessage() });

/**
 * Counts one request for a sign-in link against the per-address and per-client limits, before any mail is
 * sent or token stored; refuses with RATE_LIMITED past either. The answer is the same whether or not an
 * account exists for the address (Auth.js creates the account on first use of the link).
 */
export async function consumeSignInAttempt(db: Db, email: string, clientIp: string | null): Promise<void> {
  const { rateLimits } = getEnv();
  const window = rateLimits.windowSeconds;
  try {
    await consumeRateLimit(
      db,
      { name: "signin:address", limit: rateLimits.signInPerAddress, windowSeconds: window },
      email.trim().toLowerCase(),
    );
    if (clientIp) {
      await consumeRateLimit(
        db,
        { name: "signin:client", limit: rateLimits.signInPerClient, windowSeconds: window },
        clientIp,
      );
    }
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") throw signInRateLimited();
    throw e;
  }
}
