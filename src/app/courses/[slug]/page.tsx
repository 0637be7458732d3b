import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { headers } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { Container } from "@/components/ui/container";
import { CourseHero } from "@/components/catalog/course-hero";
import { CoursePriceCard } from "@/components/catalog/course-price-card";
import { CourseCallToAction } from "@/components/learning/course-cta";
import { RatingSummary } from "@/components/catalog/rating-summary";
import { Syllabus } from "@/components/catalog/syllabus";
import { CourseReviews } from "@/components/reviews/course-reviews";
import { serializeJsonLd } from "@/lib/json-ld";
import { ZSlug } from "@/lib/slug";
import { courseJsonLd } from "@/server/catalog/course-json-ld";
import { findSlugRedirect, getCoursePage } from "@/server/catalog/queries";
import { getActor } from "@/server/auth/session";
import { getDb, getReadDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { getCourseCta } from "@/server/learning/course-cta";
import { getPaymentProvider } from "@/server/payments/providers";
import { PLATFORM_NAME } from "@/server/platform/info";
import { getCourseReviewsView } from "@/server/reviews/queries";
import { buyAction } from "../../checkout/actions";
import { quoteCoursePrice } from "@/server/payments/coupons";
import { missingPrerequisites, prerequisiteStatus } from "@/server/learning/prerequisites";
import { auditContext } from "@/server/http/request-context";
import { isAppError } from "@/server/errors";
import { enrollAction } from "../../learn/actions";
import { deleteReviewAction, reportReviewAction, saveReviewAction } from "./actions";
import { CheckIcon } from "@/components/ui/lesson-type-icon";
import { OutcomeNotice } from "@/components/ui/outcome-notice";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{
    reviews?: string | string[];
    checkout?: string | string[];
    coupon?: string | string[];
  }>;
};

/** A course that is not here may have moved: its old slug redirects permanently to the current one. */
async function notFoundOrMoved(slug: string): Promise<never> {
  const parsed = ZSlug.safeParse(slug);
  const target = parsed.success ? await findSlugRedirect(await getDb(), parsed.data) : null;
  if (target) permanentRedirect(`/courses/${target}`);
  notFound();
}

// One database read per request, shared by the metadata and the page.
const loadCourse = cache(async (slug: string) => {
  await connection();
  const parsed = ZSlug.safeParse(slug);
  if (!parsed.success) return null;
  return getCoursePage(await getReadDb(), await getActor(), parsed.data);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadCourse((await params).slug);
  if (!page) return notFoundOrMoved((await params).slug);
  const { course } = page;
  const { appUrl } = getEnv();
  const url = `${appUrl}/courses/${course.slug}`;
  const title = course.metaTitle ?? `${course.title} · ${PLATFORM_NAME}`;
  const description = course.metaDescription ?? course.description.slice(0, 155);
  return {
    title: { absolute: page.draft ? `Draft: ${title}` : title },
    description,
    ...(page.draft ? { robots: { index: false, follow: false } } : {}),
    // From APP_URL, never from the request's Host header.
    alternates: { canonical: url },
    openGraph: { type: "website", url, siteName: PLATFORM_NAME, title, description },
    twitter: { card: "summary", title, description },
  };
}

export default async function CoursePage({ params, searchParams }: Props) {
  const page = await loadCourse((await params).slug);
  if (!page) return notFoundOrMoved((await params).slug);
  const { course, instructors, lessonCount, rating } = page;
  const { currency, appUrl } = getEnv();
  const [db, actor] = await Promise.all([getDb(), getActor()]);
  const query = await searchParams;
  const cursor = reviewsCursor(query);
  // Stripe's (and the demo provider's) cancel address: the buyer came back without paying.
  const cancelled = query.checkout === "cancelled" && actor !== null;
  const cta = await getCourseCta(db, actor, course);
  // Structured prerequisites: the courses to complete first, with the visitor's standing; a student who has
  // not completed them (and has no exception) is told so instead of being offered the button.
  const required = await prerequisiteStatus(db, actor?.id ?? null, course.id);
  const missing =
    actor && required.length > 0 && (cta.kind === "buy" || cta.kind === "enroll-free")
      ? await missingPrerequisites(db, actor.id, course.id)
      : [];
  // A buyer's coupon (the coupon form sends it back here): the price it gives, or why it cannot be used.
  const couponParam = typeof query.coupon === "string" ? query.coupon.slice(0, 64) : undefined;
  const quote =
    cta.kind === "buy" && missing.length === 0
      ? await quoteCoursePrice(db, actor, course.slug, couponParam, {
          ip: (await auditContext()).ip ?? null,
        }).catch((e) => {
          if (isAppError(e) && e.code === "RATE_LIMITED")
            return {
              price: course.price,
              discount: 0,
              finalPrice: course.price,
              currency,
              coupon: { code: couponParam ?? "", valid: false, message: e.userMessage },
            };
          throw e;
        })
      : undefined;
  const jsonLd = courseJsonLd(page, { appUrl, currency, platformName: PLATFORM_NAME });
  // JSON-LD is data, not script: the CSP does not apply to it. The nonce keeps "every script tag carries
  // the nonce" true for the page.
  const nonce = (await headers()).get("x-nonce") ?? undefined;

  return (
    <article>
      {page.draft ? (
        <p role="status" className="bg-slate-800 px-4 py-2 text-center text-sm text-white">
          <strong>Draft.</strong> This course is not published: only its instructors and administrators can
          see this page.
        </p>
      ) : (
        <script
          type="application/ld+json"
          nonce={nonce}
          dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }}
        />
      )}
      <header className="bg-gradient-to-b from-brand-900 to-brand-700 text-white">
        <Container className="grid gap-8 py-10 lg:grid-cols-[1fr_380px] lg:py-14">
          <CourseHero course={course} lessonCount={lessonCount} rating={rating} instructors={instructors} />
          <CoursePriceCard
            course={course}
            currency={currency}
            owned={cta.kind === "continue" || cta.kind === "completed"}
            finalPrice={quote?.coupon?.valid ? quote.finalPrice : undefined}
          >
            {cancelled && (cta.kind === "buy" || cta.kind === "enroll-free") ? (
              <OutcomeNotice className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
                <strong>Checkout cancelled — you were not charged.</strong> The course is still here when you
                want it.
              </OutcomeNotice>
            ) : null}
            <CourseCallToAction
              course={course}
              cta={cta}
              currency={currency}
              canBuy={Boolean(getPaymentProvider())}
              actions={{ enroll: enrollAction, buy: buyAction }}
              quote={quote}
              missing={missing}
            />
          </CoursePriceCard>
        </Container>
      </header>

      <Container className="grid gap-10 py-10 lg:grid-cols-[1fr_380px]">
        <div className="min-w-0 space-y-10">
          {course.learningObjectives.length > 0 ? (
            <section aria-labelledby="objectives">
              <h2 id="objectives" className="text-xl font-semibold">
                What you will learn
              </h2>
              <ul className="mt-4 grid gap-3 sm:grid-cols-2">
                {course.learningObjectives.map((o) => (
                  <li key={o} className="flex gap-2 text-slate-700">
                    <span aria-hidden="true" className="mt-1 text-emerald-600">
                      <CheckIcon className="h-4 w-4" />
                    </span>
                    <span>{o}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="syllabus">
            <h2 id="syllabus" className="text-xl font-semibold">
              Syllabus
            </h2>
            <Syllabus modules={course.modules} />
          </section>
          <section aria-labelledby="ratings">
            <h2 id="ratings" className="text-xl font-semibold">
              Student ratings
            </h2>
            <RatingSummary rating={rating} />
          </section>
          {page.draft ? null : (
            <section aria-labelledby="reviews">
              <h2 id="reviews" className="text-xl font-semibold">
                Reviews
              </h2>
              <CourseReviews
                course={course}
                cursor={cursor}
                view={await getCourseReviewsView(db, actor, course.id, cursor, await getReadDb())}
                signedIn={Boolean(actor)}
                actions={{ save: saveReviewAction, delete: deleteReviewAction, report: reportReviewAction }}
              />
            </section>
          )}
        </div>
        <div className="space-y-8">
          <section
            aria-labelledby="prerequisites"
            className="rounded-2xl border border-slate-200 bg-white p-5"
          >
            <h2 id="prerequisites" className="text-lg font-semibold">
              Before you start
            </h2>
            {required.length > 0 ? (
              <>
                <p className="mt-3 text-sm font-medium text-slate-800">Complete first:</p>
                <ul className="mt-2 space-y-2" aria-label="Required courses">
                  {required.map((r) => (
                    <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2">
                      <Link href={`/courses/${r.slug}`} className="font-medium text-brand-700 underline">
                        {r.title}
                      </Link>
                      {actor ? (
                        r.completed ? (
                          <Badge tone="success">Completed</Badge>
                        ) : r.progress !== null ? (
                          <Badge tone="brand">In progress: {r.progress}%</Badge>
                        ) : (
                          <Badge tone="warning">Not started</Badge>
                        )
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {course.prerequisites.length > 0 ? (
              <ul className="mt-3 list-disc space-y-1 pl-5 text-slate-700">
                {course.prerequisites.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : required.length === 0 ? (
              <p className="mt-3 text-slate-700">No prerequisites: anyone can start.</p>
            ) : null}
          </section>
          {instructors.length > 0 ? (
            <section
              aria-labelledby="instructors"
              className="rounded-2xl border border-slate-200 bg-white p-5"
            >
              <h2 id="instructors" className="text-lg font-semibold">
                {instructors.length === 1 ? "Your instructor" : "Your instructors"}
              </h2>
              <ul className="mt-3 space-y-3">
                {instructors.map((i) => (
                  <li key={i.id} className="flex items-center gap-3">
                    <span
                      aria-hidden="true"
                      className="grid h-10 w-10 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700"
                    >
                      {i.name.slice(0, 1).toUpperCase()}
                    </span>
                    <span className="font-medium">{i.name}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </Container>
    </article>
  );
}

const reviewsCursor = (sp: { reviews?: string | string[] }) =>
  typeof sp.reviews === "string" && sp.reviews.length <= 200 ? sp.reviews : undefined;
