import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { Container } from "@/components/ui/container";
import { confirmEmail } from "@/server/accounts/email-confirmation";
import { requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { auditContext } from "@/server/http/request-context";

export const metadata: Metadata = { title: "Confirm your e-mail", robots: { index: false } };

export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const actor = await requireUser(`/account/confirm?token=${encodeURIComponent(token)}`);
  let error: string | null = null;
  try {
    await confirmEmail(await getDb(), actor, token.slice(0, 200), await auditContext());
  } catch (e) {
    if (!isAppError(e)) throw e;
    error = e.userMessage;
  }
  return (
    <Container className="py-16">
      <div
        role={error ? "alert" : "status"}
        className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-8 text-center"
      >
        <h1 className="text-2xl font-bold">
          {error ? "We could not confirm your address" : "Your address is confirmed"}
        </h1>
        <p className="mt-3 text-slate-600">
          {error ?? "You can now buy courses, write reviews and receive certificates."}
        </p>
        <Link href="/account" className={buttonClass({ className: "mt-6" })}>
          Back to your account
        </Link>
      </div>
    </Container>
  );
}
