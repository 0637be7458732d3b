import { buttonClass } from "@/components/ui/button";
import { formatLongDate } from "@/lib/dates";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { Container } from "@/components/ui/container";
import { CredentialVerifier } from "@/components/learning/credential-verifier";
import { issuerDid } from "@/server/credentials/keys";
import { getDb, getReadDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { isAppError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { verifyCertificate, type PublicCertificate } from "@/server/learning/certificates";
import { consumeRateLimit } from "@/server/platform/rate-limit";
import { CheckIcon, CrossIcon } from "@/components/ui/lesson-type-icon";

type Props = { params: Promise<{ number: string }> };

export const metadata: Metadata = { title: "Certificate verification", robots: { index: false } };

export default async function CertificatePage({ params }: Props) {
  const { number } = await params;
  const db = await getDb();
  let cert: PublicCertificate;
  try {
    await consumeRateLimit(
      db,
      { name: "certificate-lookup", limit: 60, windowSeconds: 60 },
      clientIp(await headers()) ?? "unknown",
    );
    cert = await verifyCertificate(await getReadDb(), decodeURIComponent(number));
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "RATE_LIMITED") {
      return (
        <Container className="py-16">
          <p role="alert" className="mx-auto max-w-lg rounded-2xl bg-amber-50 p-6 text-amber-900">
            {e.userMessage}
          </p>
        </Container>
      );
    }
    throw e;
  }
  const issued = formatLongDate(cert.issuedAt);
  const valid = cert.status === "valid";
  const course = cert.courseSlug ? (
    <Link href={`/courses/${cert.courseSlug}`} className="hover:underline">
      {cert.courseTitle}
    </Link>
  ) : (
    cert.courseTitle
  );
  return (
    <Container className="py-12">
      <article className="mx-auto max-w-2xl rounded-2xl border-4 border-brand-600 bg-white p-8 text-center shadow-sm print:border-2 print:shadow-none sm:p-12">
        <p
          role="status"
          className={`inline-flex items-center gap-1.5 rounded-full px-4 py-1 text-sm font-semibold ${valid ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
        >
          {valid ? <CheckIcon className="h-3.5 w-3.5" /> : <CrossIcon className="h-3.5 w-3.5" />}
          {valid ? "Valid certificate" : "Revoked certificate"}
        </p>
        <p className="mt-6 text-sm font-semibold uppercase tracking-widest text-brand-600">AI Whisperers</p>
        {valid ? (
          <>
            <h1 className="mt-2 text-3xl font-bold">Certificate of completion</h1>
            <p className="mt-6 text-slate-600">This certifies that</p>
            <p className="mt-2 text-3xl font-semibold">{cert.holderName}</p>
            <p className="mt-4 text-slate-600">has completed the course</p>
            <p className="mt-2 text-2xl font-semibold">{course}</p>
            <p className="mt-6 text-slate-600">Issued {issued}</p>
          </>
        ) : (
          <>
            <h1 className="mt-2 text-3xl font-bold">This certificate was revoked</h1>
            <p className="mx-auto mt-4 max-w-md text-slate-700">
              {cert.revokedAt ? `On ${formatLongDate(cert.revokedAt)}, the` : "The"} purchase behind it was
              refunded, so it no longer certifies that its holder completed the course.
            </p>
            <dl className="mx-auto mt-6 max-w-sm space-y-1 text-left text-sm text-slate-600">
              <div className="flex justify-between gap-4">
                <dt>Issued to</dt>
                <dd className="text-right">{cert.holderName}</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt>Course</dt>
                <dd className="text-right">{course}</dd>
              </div>
              <div className="flex justify-between gap-4">
                <dt>Issued</dt>
                <dd className="text-right">{issued}</dd>
              </div>
            </dl>
          </>
        )}
        <p className="mt-1 font-mono text-sm text-slate-500">{cert.certificateNumber}</p>
        <p className="mt-8 flex flex-wrap justify-center gap-3 print:hidden">
          <a href={`/certificates/${cert.certificateNumber}/pdf`} className={buttonClass()}>
            Download PDF
          </a>
          {valid ? (
            <a
              href={`/api/v1/certificates/${cert.certificateNumber}/credential`}
              download={`${cert.certificateNumber}.json`}
              className={buttonClass({ variant: "secondary" })}
            >
              Download credential (.json)
            </a>
          ) : null}
        </p>
        {valid ? (
          <p className="mx-auto mt-3 max-w-md text-xs text-slate-500 print:hidden">
            The credential is this certificate as a signed Open Badges 3.0 file, for digital wallets and
            employers&apos; systems: anyone can check it against the issuer&apos;s published keys (
            <a href="/.well-known/did.json" className="underline">
              {issuerDid()}
            </a>
            ).
          </p>
        ) : null}
        <p className="mt-6 text-xs text-slate-500">
          Verified at {getEnv().appUrl}/certificates/{cert.certificateNumber}
        </p>
      </article>
      <CredentialVerifier />
    </Container>
  );
}
