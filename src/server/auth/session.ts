import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "../accounts/actor";
import { getDb } from "../db";
import type { UserRole } from "../db/schema";
import { actorForSessionToken, SESSION_COOKIES } from "./session-lookup";

/**
 * The signed-in user of this request, or null: the session cookie looked up once per request (React's cache
 * within a render) through the hardened adapter (absolute lifetime, last-seen). Unlike Auth.js's `auth()`, a
 * database that cannot answer is an error (a 503 for the API, "temporarily unavailable" for pages), never
 * "nobody is signed in".
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const token = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean) ?? null;
  if (!token) return null;
  return actorForSessionToken(await getDb(), token);
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
