import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { Badge } from "@/components/ui/badge";
import { Container } from "@/components/ui/container";
import { CourseCallToAction } from "@/components/learning/course-cta";
import { RatingStars, formatRating, ratingSentence } from "@/components/catalog/rating-stars";
import { RatingSummary } from "@/components/catalog/rating-summary";
import { Syllabus } from "@/components/catalog/syllabus";
import { CourseReviews } from "@/components/reviews/course-reviews";
import { formatDifficulty, formatDuration, formatPrice } from "@/lib/format";
import { serializeJsonLd } from "@/lib/json-ld";
import { ZSlug } from "@/lib/slug";
import { courseJsonLd } from "@/server/catalog/course-json-ld";
import { findSlugRedirect, getCoursePage } from "@/server/catalog/queries";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { PLATFORM_NAME } from "@/server/platform/info";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ reviews?: string | string[] }> };

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
  return getCoursePage(await getDb(), await getActor(), parsed.data);
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
  const localImage = course.imageUrl?.startsWith("/") ? course.imageUrl : null;
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
          <div>
            <nav aria-label="Breadcrumb" className="text-sm text-brand-100">
              <Link href="/courses" className="underline-offset-2 hover:underline">
                Courses
              </Link>
              <span aria-hidden="true"> / </span>
              <span aria-current="page">{course.title}</span>
            </nav>
            <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">{course.title}</h1>
            <p className="mt-4 max-w-prose text-lg text-brand-100">{course.description}</p>
            <dl className="mt-6 flex flex-wrap gap-x-6 gap-y-2 text-sm text-brand-100">
              <div className="flex gap-1">
                <dt>Level:</dt>
                <dd className="font-medium text-white">{formatDifficulty(course.difficulty)}</dd>
              </div>
              <div className="flex gap-1">
                <dt>Length:</dt>
                <dd className="font-medium text-white">
                  {formatDuration(course.duration)} in total · {course.modules.length} modules · {lessonCount}{" "}
                  lessons
                </dd>
              </div>
              <div className="flex items-center gap-1">
                <dt>Rating:</dt>
                <dd className="flex items-center gap-1.5 font-medium text-white">
                  {rating.average !== null ? (
                    <>
                      <RatingStars value={rating.average} size="text-sm" />
                      <span aria-hidden="true">
                        {formatRating(rating.average)} ({rating.count})
                      </span>
                      <span className="sr-only">{ratingSentence(rating.average, rating.count)}</span>
                    </>
                  ) : (
                    "not rated yet"
                  )}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt>Learners:</dt>
                <dd className="font-medium text-white">{course.enrollmentCount.toLocaleString("en-US")}</dd>
              </div>
              {instructors.length > 0 ? (
                <div className="flex gap-1">
                  <dt>{instructors.length === 1 ? "Instructor:" : "Instructors:"}</dt>
                  <dd className="font-medium text-white">{instructors.map((i) => i.name).join(", ")}</dd>
                </div>
              ) : null}
            </dl>
          </div>
          <aside
            aria-label="Price"
            className="self-start overflow-hidden rounded-2xl bg-white text-slate-900 shadow-lg"
          >
            <div className="aspect-[16/9] bg-gradient-to-br from-brand-600 to-violet-700">
              {localImage ? (
                // eslint-disable-next-line @next/next/no-img-element -- small local SVG cover
                <img src={localImage} alt="" className="h-full w-full object-cover" />
              ) : null}
            </div>
            <div className="p-5">
              <p className="text-3xl font-bold">{formatPrice(course.price, currency)}</p>
              <p className="mt-1 text-sm text-slate-600">
                {course.price === 0
                  ? "Free for everyone: every lesson, progress tracking and a certificate."
                  : "One payment: lifetime access to every lesson and a verifiable certificate."}
              </p>
              <CourseCallToAction course={{ id: course.id, slug: course.slug, price: course.price }} />
              {course.featured ? (
                <p className="mt-3">
                  <Badge tone="warning">Featured course</Badge>
                </p>
              ) : null}
            </div>
          </aside>
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
                    <span aria-hidden="true" className="mt-0.5 text-emerald-600">
                      ✓
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
              <CourseReviews course={course} cursor={reviewsCursor(await searchParams)} />
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
            {course.prerequisites.length > 0 ? (
              <ul className="mt-3 list-disc space-y-1 pl-5 text-slate-700">
                {course.prerequisites.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 text-slate-700">No prerequisites: anyone can start.</p>
            )}
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
