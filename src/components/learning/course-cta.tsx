import Link from "next/link";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getCourseCta } from "@/server/learning/course-cta";
import { EnrollButton } from "./enroll-button";
import { BuyButton } from "./buy-button";
import { formatPrice } from "@/lib/format";
import { getEnv } from "@/server/env";
import { getPaymentProvider } from "@/server/payments/providers";

const primary =
  "mt-4 block w-full rounded-lg bg-brand-600 px-4 py-2.5 text-center font-medium text-white hover:bg-brand-700";
const secondary =
  "mt-2 block w-full rounded-lg border border-slate-300 px-4 py-2.5 text-center font-medium hover:bg-slate-50";

/** The course page's call to action: sign in, enroll, continue, or see the certificate. */
export async function CourseCallToAction({
  course,
}: {
  course: { id: string; slug: string; price: number };
}) {
  const cta = await getCourseCta(await getDb(), await getActor(), course);
  switch (cta.kind) {
    case "sign-in":
      return (
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(`/courses/${course.slug}`)}`}
          className={primary}
        >
          {course.price === 0 ? "Sign in to enroll for free" : "Sign in to get this course"}
        </Link>
      );
    case "enroll-free":
      return <EnrollButton slug={course.slug} />;
    case "buy":
      return getPaymentProvider() ? (
        <BuyButton slug={course.slug} label={`Buy for ${formatPrice(course.price, getEnv().currency)}`} />
      ) : (
        <p className="mt-4 text-sm text-slate-600">Purchases are not available on this instance.</p>
      );
    case "closed":
      return (
        <p role="status" className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {cta.status === "SUSPENDED"
            ? "Your enrollment is suspended. Please contact support."
            : "This course was refunded."}
        </p>
      );
    case "continue":
      return cta.lessonId ? (
        <Link href={`/learn/${course.slug}/${cta.lessonId}`} className={primary}>
          {cta.progress === 0 ? "Start learning" : `Continue where you left off (${cta.progress}%)`}
        </Link>
      ) : null;
    case "certificate":
      return (
        <>
          <Link href={`/certificates/${cta.certificateNumber}`} className={primary}>
            View your certificate
          </Link>
          {cta.lessonId ? (
            <Link href={`/learn/${course.slug}/${cta.lessonId}`} className={secondary}>
              Review the course
            </Link>
          ) : null}
        </>
      );
  }
}
