import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Container } from "@/components/ui/container";
import { CertificateLookup } from "@/components/certificates/certificate-lookup";

/** A certificate number that matches nothing: say what to check, rather than the site's generic 404. */
export default function CertificateNotFound() {
  return (
    <Container className="py-20">
      <div className="mx-auto max-w-xl rounded-2xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-red-700">Not verified</p>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">This number does not match any certificate</h1>
        <p className="mt-4 text-slate-600">
          Check it for typos: a certificate number looks like{" "}
          <span className="font-mono">AIW-2026-XXXX-XXXX-XXXX</span> and is printed on the certificate, with a
          link to this page. Its last character is a check digit, so a mistyped number never matches someone
          else&apos;s certificate.
        </p>
        <p className="mt-4 text-slate-600">
          If the number is right and still not found, the certificate was not issued by AI Whisperers.
        </p>
        <CertificateLookup />
        <Link href="/courses" className={buttonClass({ variant: "secondary", className: "mt-8" })}>
          Browse the catalog
        </Link>
      </div>
    </Container>
  );
}
