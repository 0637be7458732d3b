import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "../accounts/actor";
import { getDb } from "../db";
import type { UserRole } from "../db/schema";
import { createAdapter } from "./adapter";

/** Auth.js's session cookie: `__Secure-` under https (APP_URL), plain otherwise. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The signed-in user of this request, or null: the session cookie looked up once per request (React's cache
 * within a render) through the hardened adapter (absolute lifetime, last-seen). Unlike Auth.js's `auth()`, a
 * database that cannot answer is an error (a 503 for the API, "temporarily unavailable" for pages), never
 * "nobody is signed in".
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!token || token.length > 200) return null;
  const db = await getDb();
  const found = await createAdapter(db, async () => ({ userAgent: null, ip: null })).getSessionAndUser!(
    token,
  );
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
});

/** For pages: the signed-in user, or a redirect to sign in that comes back here. */
export async function requireUser(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** For pages: a convenience redirect; the services check the role again themselves. */
export async function requireRole(returnTo: string, ...roles: UserRole[]): Promise<Actor> {
  const actor = await requireUser(returnTo);
  if (!roles.includes(actor.role)) redirect("/account?denied=1");
  return actor;
}
