import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";
import { signInRateLimitedMessage } from "@/server/accounts/sign-in";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

const MESSAGES: Record<string, { title: string; body: string }> = {
  Verification: {
    title: "This sign-in link no longer works",
    body: "Links work once and expire after 15 minutes. Ask for a new one and use the newest e-mail.",
  },
  OAuthAccountNotLinked: {
    title: "That e-mail address already has an account",
    body:
      "For your safety we never join accounts just because the addresses match. Sign in with an e-mail link first, " +
      "then connect this provider from your account page under “Connected accounts”.",
  },
  AccessDenied: {
    title: "Sign-in was refused",
    body: "You did not grant access, or this account may not sign in.",
  },
};

export default async function SignInErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const { error } = await searchParams;
  const message =
    error === "RateLimited"
      ? { title: "Too many sign-in attempts", body: signInRateLimitedMessage() }
      : (MESSAGES[error ?? ""] ?? {
          title: "We could not sign you in",
          body: "Something went wrong on our side. Please try again in a moment.",
        });
  return (
    <Container className="py-12 sm:py-16">
      <div
        role="alert"
        className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <h1 className="text-2xl font-bold tracking-tight">{message.title}</h1>
        <p className="mt-3 text-slate-600">{message.body}</p>
        <Link href="/signin" className={buttonClass({ className: "mt-6" })}>
          Back to sign in
        </Link>
      </div>
    </Container>
  );
}
