import type { Actor } from "../../src/server/accounts/actor";
import type { User } from "../../src/server/db/schema";

/** The actor a signed-in user would be. */
export const actorOf = (
  u: Pick<User, "id" | "role" | "email" | "emailVerified">,
  sessionId?: string,
): Actor => ({
  id: u.id,
  role: u.role,
  email: u.email,
  emailVerified: Boolean(u.emailVerified),
  sessionId,
});
