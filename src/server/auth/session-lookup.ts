import type { Actor } from "../accounts/actor";
import type { Db } from "../db/types";
import type { UserRole } from "../db/schema";
import { findLiveSession } from "./adapter";

/** Auth.js's session cookie: `__Secure-` under https (APP_URL), plain otherwise. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The session token in a Cookie header, or null (an implausibly long value is no token). */
export function sessionTokenFromCookieHeader(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(SESSION_COOKIES as readonly string[]).includes(name)) continue;
    const value = part.slice(eq + 1).trim();
    if (value && value.length <= 200) return value;
  }
  return null;
}

/** Does the request carry a session cookie (whatever its validity)? Such requests never use a shared cache. */
export function hasSessionCookie(header: string | null | undefined): boolean {
  return Boolean(header && /(^|;\s*)(__Secure-)?authjs\.session-token=/.test(header));
}

/**
 * Who holds this session token: one lookup through the hardened adapter (absolute lifetime, last-seen), for
 * pages (src/server/auth/session.ts) and the lean API server alike. Framework-free. A database that cannot
 * answer throws; it is never "nobody is signed in".
 */
export async function actorForSessionToken(db: Db, token: string | null): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const found = await findLiveSession(db, token);
  if (!found) return null;
  const user = found.user as unknown as {
    id: string;
    role: UserRole;
    email: string;
    emailVerified: Date | null;
  };
  return {
    id: user.id,
    role: user.role,
    email: user.email,
    emailVerified: Boolean(user.emailVerified),
    sessionId: (found.session as unknown as { id: string }).id,
  };
}
