import type { UserRole } from "../db/schema";
import { AppError } from "../errors";

/** Who is asking: what every service takes and checks (DESIGN.md convention 3). */
export interface Actor {
  id: string;
  role: UserRole;
  email: string;
  emailVerified: boolean;
  /** The id (never the token) of the session the request came with. */
  sessionId?: string;
  /** The id (never the secret) of the personal API token the request came with, when it came with one. */
  tokenId?: string;
}

export function assertRole(actor: Actor | null | undefined, ...roles: UserRole[]): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });
  if (!roles.includes(actor.role)) {
    throw new AppError("FORBIDDEN", { userMessage: "You are not allowed to do that." });
  }
}

export function assertSignedIn(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });
}

/** API tokens authenticate requests; they never manage tokens, sessions, the export or the account itself. */
export function assertBrowserSession(actor: Actor) {
  if (actor.tokenId) {
    throw new AppError("FORBIDDEN", {
      userMessage:
        "API tokens cannot manage tokens, sessions or the account itself: do this signed in on the platform.",
    });
  }
}
