import "server-only";
import { redirect } from "next/navigation";
import type { UserRole } from "../db/schema";
import type { Actor } from "../accounts/actor";
import { auth } from "./config";

/** The signed-in user of this request, or null. */
export async function getActor(): Promise<Actor | null> {
  const session = await auth();
  const user = session?.user as
    { id?: string; role?: UserRole; email?: string | null; emailVerified?: Date | string | null } | undefined;
  if (!user?.id || !user.role || !user.email) return null;
  return {
    id: user.id,
    role: user.role,
    email: user.email,
    emailVerified: Boolean(user.emailVerified),
    sessionId: (session as { sessionId?: string }).sessionId,
  };
}

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
