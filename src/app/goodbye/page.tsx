import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Container } from "@/components/ui/container";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

/** Where deleting an account ends: it is done, what is gone, what the law makes us keep. */
export default function GoodbyePage() {
  return (
    <Container className="py-16">
      <div role="status" className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-8">
        <h1 className="text-2xl font-bold">Your account has been deleted</h1>
        <p className="mt-3 text-slate-700">
          You are signed out everywhere. Your profile, enrollments, progress, certificates, reviews, work and
          files are gone; certificate credentials you downloaded now verify as revoked.
        </p>
        <p className="mt-3 text-slate-700">
          Payments stay in our accounts without your name, as accounting law requires, and the security log
          keeps only a pseudonym. The{" "}
          <Link href="/privacy" className="underline">
            privacy page
          </Link>{" "}
          has the details.
        </p>
        <p className="mt-6 flex flex-wrap gap-2">
          <Link href="/courses" className={buttonClass()}>
            Browse the courses
          </Link>
        </p>
      </div>
    </Container>
  );
}
