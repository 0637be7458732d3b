import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { getDb } from "../db";
import { getEnv } from "../env";
import { sendMail, signInEmail } from "../accounts/mailer";
import { authRedirectUrl } from "../accounts/return-path";
import { consumeSignInAttempt } from "../accounts/sign-in";
import { isAppError } from "../errors";
import { clientIp } from "../http/client-ip";
import { getAuthSecret } from "../secrets";
import { createAdapter, generateSessionToken } from "./adapter";

export const SIGN_IN_PAGE = "/signin";
const ERROR_PAGE = "/signin/error";
/** Where a refused request for a sign-in link goes: the error page, which explains the limit. */
const RATE_LIMITED_PAGE = `${ERROR_PAGE}?error=RateLimited`;

/** True when Auth.js answered a request for a sign-in link with the rate-limited page. */
export function isRateLimitedRedirect(url: string): boolean {
  const u = new URL(url, getEnv().appUrl);
  return u.pathname === ERROR_PAGE && u.searchParams.get("error") === "RateLimited";
}

/** Which ways to sign in this instance offers (e-mail needs SMTP, or demo mode's outbox). */
export function signInMethods() {
  const env = getEnv();
  return {
    email: Boolean(env.email) || env.isDemo,
    github: Boolean(env.oauth.github),
    google: Boolean(env.oauth.google),
  };
}

async function requestInfo() {
  const h = await headers();
  return { userAgent: h.get("user-agent"), ip: clientIp(h) };
}

async function buildConfig(): Promise<NextAuthConfig> {
  const env = getEnv();
  const db = await getDb();
  const methods = signInMethods();
  const providers: NextAuthConfig["providers"] = [];
  if (methods.email) {
    providers.push(
      Nodemailer({
        // Real SMTP when configured; otherwise demo mode's outbox (sendVerificationRequest below decides).
        server: env.email?.server ?? { jsonTransport: true },
        from: env.email?.from ?? "AI Whisperers <no-reply@localhost>",
        maxAge: 15 * 60,
        async sendVerificationRequest({ identifier, url, expires }) {
          await sendMail(db, signInEmail(identifier, url, expires));
        },
      }),
    );
  }
  if (env.oauth.github)
    providers.push(GitHub({ clientId: env.oauth.github.id, clientSecret: env.oauth.github.secret }));
  if (env.oauth.google)
    providers.push(Google({ clientId: env.oauth.google.id, clientSecret: env.oauth.google.secret }));
  return {
    adapter: createAdapter(db, requestInfo),
    providers,
    secret: getAuthSecret(),
    trustHost: true,
    session: {
      strategy: "database",
      maxAge: env.sessionMaxAgeDays * 86_400,
      updateAge: 24 * 60 * 60,
      generateSessionToken,
    },
    pages: { signIn: SIGN_IN_PAGE, verifyRequest: "/signin/check-email", error: ERROR_PAGE },
    callbacks: {
      /**
       * Every request for an e-mail link passes here before Auth.js stores a token or sends the mail, whichever
       * route made it (the sign-in form, or POST /api/auth/signin/nodemailer directly): the limits are counted
       * here, once. Past them the answer is a redirect to the error page that says so (a thrown error or
       * `false` would only say "AccessDenied").
       */
      async signIn({ account, email }) {
        if (!email?.verificationRequest) return true;
        try {
          await consumeSignInAttempt(db, account?.providerAccountId ?? "", (await requestInfo()).ip);
        } catch (e) {
          if (isAppError(e) && e.code === "RATE_LIMITED") return RATE_LIMITED_PAGE;
          throw e;
        }
        return true;
      },
      // Redirects stay on APP_URL, by the same rule as the sign-in page's return path; anything else goes home.
      redirect({ url }) {
        return authRedirectUrl(url, env.appUrl);
      },
      session({ session, user }) {
        const u = user as unknown as { id: string; role: string; emailVerified: Date | null };
        return {
          ...session,
          sessionId: (session as unknown as { id?: string }).id,
          user: { ...session.user, id: u.id, role: u.role, emailVerified: u.emailVerified },
        };
      },
    },
    events: {
      async signIn({ user, account }) {
        const { recordAudit } = await import("../audit/record");
        const ip = clientIp(await headers());
        await recordAudit(
          db,
          { id: user.id ?? null },
          {
            action: "user.signed_in",
            entityType: "user",
            entityId: user.id,
            after: { provider: account?.provider },
          },
          { ip },
        );
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildConfig);
