import { isoDuration } from "../../lib/json-ld";
import { formatDifficulty } from "../../lib/format";
import type { PublicCoursePage } from "./queries";

export interface CourseJsonLdContext {
  appUrl: string;
  currency: string;
  platformName: string;
}

/**
 * schema.org `Course` for a course page: the platform as provider, the instructors, the offer (price in the
 * platform currency), the workload and, once students have rated it, the aggregate rating.
 */
export function courseJsonLd(page: PublicCoursePage, ctx: CourseJsonLdContext) {
  const { course, instructors, rating } = page;
  const url = `${ctx.appUrl}/courses/${course.slug}`;
  const provider = { "@type": "Organization", name: ctx.platformName, url: ctx.appUrl };
  return {
    "@context": "https://schema.org",
    "@type": "Course",
    "@id": url,
    url,
    name: course.title,
    description: course.metaDescription ?? course.description,
    ...(course.imageUrl?.startsWith("/") ? { image: `${ctx.appUrl}${course.imageUrl}` } : {}),
    inLanguage: "en",
    educationalLevel: formatDifficulty(course.difficulty),
    timeRequired: isoDuration(course.duration),
    ...(course.learningObjectives.length ? { teaches: course.learningObjectives } : {}),
    ...(course.prerequisites.length ? { coursePrerequisites: course.prerequisites } : {}),
    provider,
    publisher: provider,
    instructor: instructors.map((i) => ({ "@type": "Person", name: i.name })),
    offers: {
      "@type": "Offer",
      category: course.price === 0 ? "Free" : "Paid",
      price: (course.price / 100).toFixed(2),
      priceCurrency: ctx.currency,
      availability: "https://schema.org/InStock",
      url,
    },
    hasCourseInstance: {
      "@type": "CourseInstance",
      courseMode: "Online",
      courseWorkload: isoDuration(course.duration),
      ...(instructors.length
        ? { instructor: instructors.map((i) => ({ "@type": "Person", name: i.name })) }
        : {}),
    },
    ...(rating.count > 0
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: rating.average,
            ratingCount: rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
}
