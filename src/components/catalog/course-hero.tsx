import Link from "next/link";
import { countOf, formatDifficulty, formatDuration } from "@/lib/format";
import { RatingStars, formatRating, ratingSentence } from "./rating-stars";

/** The course page's heading: breadcrumb, title, description and the key figures. */
export function CourseHero({
  course,
  lessonCount,
  rating,
  instructors,
}: {
  course: {
    title: string;
    description: string;
    difficulty: string;
    duration: number;
    enrollmentCount: number;
    modules: unknown[];
  };
  lessonCount: number;
  rating: { average: number | null; count: number };
  instructors: { name: string }[];
}) {
  return (
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
            {formatDuration(course.duration)} in total · {countOf(course.modules.length, "module")} ·{" "}
            {countOf(lessonCount, "lesson")}
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
  );
}
