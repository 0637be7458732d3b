import { GeneratedCover } from "./generated-cover";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDifficulty, formatDuration } from "@/lib/format";
import { displayableImageSrc } from "@/lib/markdown";
import { formatPrice } from "@/lib/money";
import { getEnv } from "@/server/env";
import { RatingStars, formatRating, ratingSentence } from "./rating-stars";

export interface CourseCardView {
  slug: string;
  title: string;
  description: string;
  imageUrl: string | null;
  difficulty: string;
  duration: number;
  price: number;
  featured: boolean;
  /** Shown when given: the stored counters (null average while nobody has rated). */
  ratingAverage?: number | null;
  ratingCount?: number;
  enrollmentCount?: number;
}

/** A course in a grid. Platform covers and images from IMAGE_HOSTS are shown; others degrade to a plain tile. */
export function CourseCard({ course, currency }: { course: CourseCardView; currency: string }) {
  const image = displayableImageSrc(course.imageUrl, getEnv().imageHosts);
  return (
    <article className="group relative flex h-full flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm transition hover:shadow-md focus-within:ring-2 focus-within:ring-brand-600">
      <div className="aspect-[16/9] bg-gradient-to-br from-brand-600 to-violet-700">
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element -- local SVG covers or allow-listed hosts; no optimiser
          <img
            src={image}
            alt=""
            className="h-full w-full object-cover"
            loading="lazy"
            referrerPolicy="no-referrer"
          />
        ) : (
          <GeneratedCover title={course.title} />
        )}
      </div>
      <div className="flex flex-1 flex-col gap-3 p-5">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="brand">{formatDifficulty(course.difficulty)}</Badge>
          {course.featured ? <Badge tone="warning">Featured</Badge> : null}
        </div>
        <h3 className="text-lg font-semibold leading-snug text-slate-900">
          <Link href={`/courses/${course.slug}`} className="after:absolute after:inset-0 focus:outline-none">
            {course.title}
          </Link>
        </h3>
        <p className="line-clamp-3 text-sm text-slate-600">{course.description}</p>
        {course.ratingCount !== undefined || course.enrollmentCount !== undefined ? (
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            {course.ratingAverage != null && course.ratingCount ? (
              <span className="inline-flex items-center gap-1.5">
                <RatingStars value={course.ratingAverage} size="text-sm" />
                <span aria-hidden="true" className="font-medium text-slate-800">
                  {formatRating(course.ratingAverage)}
                </span>
                <span aria-hidden="true">({course.ratingCount})</span>
                <span className="sr-only">{ratingSentence(course.ratingAverage, course.ratingCount)}</span>
              </span>
            ) : course.ratingCount !== undefined ? (
              <span>Not rated yet</span>
            ) : null}
            {course.enrollmentCount !== undefined ? (
              <span>
                {course.enrollmentCount.toLocaleString("en-US")}{" "}
                {course.enrollmentCount === 1 ? "learner" : "learners"}
              </span>
            ) : null}
          </p>
        ) : null}
        <div className="mt-auto flex items-center justify-between pt-2 text-sm">
          <span className="text-slate-600">
            <span className="sr-only">Duration: </span>
            {formatDuration(course.duration)}
          </span>
          <span className="font-semibold text-slate-900">
            <span className="sr-only">Price: </span>
            {formatPrice(course.price, currency)}
          </span>
        </div>
      </div>
    </article>
  );
}
