import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";
import { getEnv } from "@/server/env";

export const metadata: Metadata = { title: "Check your e-mail", robots: { index: false } };

export default function CheckEmailPage() {
  const { isDemo, email } = getEnv();
  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-center shadow-sm sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">Check your e-mail</h1>
        <p className="mt-3 text-slate-600">
          If the address can receive mail, a sign-in link is on its way. It works once and expires in 15
          minutes.
        </p>
        {isDemo && !email ? (
          <Link href="/dev/mailbox" className={buttonClass({ className: "mt-6" })}>
            Open the demo mailbox
          </Link>
        ) : (
          <p className="mt-3 text-sm text-slate-500">
            Nothing after a few minutes? Check your spam folder, or{" "}
            <Link href="/signin" className="underline">
              ask for a new link
            </Link>
            .
          </p>
        )}
      </div>
    </Container>
  );
}
