import Link from "next/link";
import { CourseCard, type CourseCardView } from "@/components/catalog/course-card";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import type { FormAction } from "@/lib/action-result";
import { formatLongDate } from "@/lib/dates";
import { linkedInAddToProfileUrl, type CompletionView } from "@/server/learning/completion";
import { CertificateNameForm } from "./certificate-name-form";
import { CopyLinkButton } from "./copy-link-button";

/**
 * A finished course in the player. `celebrate` (right after the last lesson): congratulations, the certificate
 * with its actions (or the one field it waits for), a review, and what to learn next. Otherwise a short line
 * with the same certificate actions.
 */
export function CourseCompletion({
  view,
  celebrate,
  next,
  currency,
  path,
  setName,
}: {
  view: CompletionView;
  celebrate: boolean;
  next: CourseCardView[];
  currency: string;
  /** This page (revalidated once the name is saved). */
  path: string;
  setName: FormAction;
}) {
  const cert = view.certificate;
  const when = view.completedAt ? formatLongDate(view.completedAt) : null;
  return (
    <section
      aria-labelledby="completion-heading"
      className={`mt-4 rounded-2xl border p-5 ${celebrate ? "border-emerald-300 bg-emerald-50 sm:p-6" : "border-emerald-200 bg-emerald-50/60"}`}
    >
      {celebrate ? (
        <>
          <p className="text-sm font-semibold uppercase tracking-wide text-emerald-800">Course complete</p>
          <h2
            id="completion-heading"
            className="mt-1 text-2xl font-bold tracking-tight text-slate-900"
            tabIndex={-1}
          >
            Congratulations — you finished {view.courseTitle}!
          </h2>
        </>
      ) : (
        <h2 id="completion-heading" className="text-base font-semibold text-emerald-900">
          You completed this course{when ? ` on ${when}` : ""}.
        </h2>
      )}
      {cert ? (
        <div className="mt-3">
          {cert.revoked ? (
            <p className="text-sm text-red-800">
              Your certificate {cert.number} was revoked (the course was refunded).
            </p>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                Your certificate <span className="font-mono">{cert.number}</span> was issued on{" "}
                {formatLongDate(cert.issuedAt)}. Anyone can check it at its public address.
              </p>
              <div className="mt-3 flex flex-wrap items-center gap-2">
                <ButtonLink size="sm" href={`/certificates/${cert.number}`}>
                  View certificate
                </ButtonLink>
                <a
                  href={`/certificates/${cert.number}/pdf`}
                  className={buttonClass({ variant: "secondary", size: "sm" })}
                  download
                >
                  Download PDF
                </a>
                <a
                  href={linkedInAddToProfileUrl({
                    courseTitle: view.courseTitle,
                    number: cert.number,
                    issuedAt: cert.issuedAt,
                    verificationUrl: cert.verificationUrl,
                  })}
                  className={buttonClass({ variant: "secondary", size: "sm" })}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  Add to LinkedIn<span className="sr-only"> (opens LinkedIn in a new tab)</span>
                </a>
                <CopyLinkButton url={cert.verificationUrl} label="Copy certificate link" />
              </div>
            </>
          )}
        </div>
      ) : view.waitingFor === "name" ? (
        <div className="mt-3">
          <p className="text-sm text-slate-700">
            Your certificate is ready to be issued: it needs the name to print on it.
          </p>
          <CertificateNameForm action={setName} path={path} />
        </div>
      ) : view.waitingFor === "email" ? (
        <p className="mt-3 text-sm text-slate-700">
          Your certificate is issued as soon as you confirm your e-mail address on{" "}
          <Link href="/account" className="font-medium underline">
            your account page
          </Link>
          .
        </p>
      ) : null}
      <p className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {view.reviewed ? null : (
          <Link href={`/courses/${view.courseSlug}#reviews`} className="font-medium text-brand-700 underline">
            Write a review
          </Link>
        )}
        <Link href="/dashboard" className="font-medium text-brand-700 underline">
          My learning
        </Link>
      </p>
      {celebrate && next.length > 0 ? (
        <div className="mt-6">
          <h3 id="next-courses" className="text-lg font-semibold">
            What to learn next
          </h3>
          <ul aria-labelledby="next-courses" className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {next.map((c) => (
              <li key={c.slug}>
                <CourseCard course={c} currency={currency} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
