import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/accounts/sign-in-form";
import { Container } from "@/components/ui/container";
import { signInMethods } from "@/server/auth/config";
import { getActor } from "@/server/auth/session";
import { ZReturnPath } from "@/server/accounts/sign-in";
import { DEFAULT_RETURN_PATH } from "@/server/accounts/schemas";
import { getEnv } from "@/server/env";
import { requestSignInLink, signInWithProvider } from "./actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = ZReturnPath.parse(params.callbackUrl ?? DEFAULT_RETURN_PATH);
  if (await getActor()) redirect(callbackUrl);
  const methods = signInMethods();
  const { isDemo, email } = getEnv();
  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">Sign in to AI Whisperers</h1>
        <p className="mt-2 text-slate-600">New here? Signing in for the first time creates your account.</p>
        <div className="mt-6 space-y-6">
          {methods.email ? <SignInForm action={requestSignInLink} callbackUrl={callbackUrl} /> : null}
          {(methods.github || methods.google) && (
            <form action={signInWithProvider} className="space-y-3">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              {methods.github ? (
                <button
                  name="provider"
                  value="github"
                  className="w-full rounded-lg border border-slate-300 px-4 py-2.5 font-medium hover:bg-slate-50"
                >
                  Continue with GitHub
                </button>
              ) : null}
              {methods.google ? (
                <button
                  name="provider"
                  value="google"
                  className="w-full rounded-lg border border-slate-300 px-4 py-2.5 font-medium hover:bg-slate-50"
                >
                  Continue with Google
                </button>
              ) : null}
            </form>
          )}
        </div>
        {isDemo && !email ? (
          <p className="mt-6 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            Demo mode: no e-mail leaves this machine. Your link appears in the{" "}
            <Link href="/dev/mailbox" className="font-medium underline">
              demo mailbox
            </Link>
            . Try <code>maya@example.com</code> (a student with certificates) or{" "}
            <code>admin@example.com</code>.
          </p>
        ) : null}
        <p className="mt-6 text-sm text-slate-500">
          See our{" "}
          <Link href="/privacy" className="underline">
            privacy notice
          </Link>{" "}
          for what we store and why.
        </p>
      </div>
    </Container>
  );
}
