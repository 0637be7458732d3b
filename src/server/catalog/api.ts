import "server-only";
import { z } from "zod";
import type { Db } from "../db/types";
import { getEnv } from "../env";
import { notFound } from "../errors";
import { defineOperation } from "../http/operation";
import { ZApiError } from "../http/problem";
import { ZSlug } from "../../lib/slug";
import { findCatalogCourses, toListItem } from "./find-catalog-courses";
import { getPublicCoursePage } from "./queries";
import { ZCatalogInput, ZCatalogPage, ZCourseDetail, type TCourseDetail } from "./schemas";

export const listCoursesOperation = defineOperation({
  operationId: "listCourses",
  method: "GET",
  path: "/api/v1/courses",
  summary: "Published courses: filter, search and sort, one page at a time",
  description:
    "Keyset pagination: pass a page's nextCursor as `cursor` with the same filters and sort to get the next " +
    "page; pages stay consistent while courses are added. A cursor from another search, or one that was " +
    "altered, is a 422. sort=relevance needs q.",
  tags: ["catalog"],
  auth: "public",
  query: ZCatalogInput,
  responses: { 200: { description: "A page of courses", schema: ZCatalogPage } },
  handler: async ({ query }, { readDb }) => findCatalogCourses(readDb, query, getEnv().currency),
});

export const getCourseOperation = defineOperation({
  operationId: "getCourse",
  method: "GET",
  path: "/api/v1/courses/{slug}",
  summary: "A published course with its instructors, modules and lessons (never lesson content)",
  tags: ["catalog"],
  auth: "public",
  params: z.object({ slug: ZSlug }),
  responses: {
    200: { description: "The course", schema: ZCourseDetail },
    404: { description: "No published course has this slug", schema: ZApiError },
  },
  handler: async ({ params }, { readDb }) => {
    const detail = await getPublicCourseDetail(readDb, params.slug, getEnv().currency);
    if (!detail) throw notFound("This course");
    return detail;
  },
});

export async function getPublicCourseDetail(
  db: Db,
  slug: string,
  currency: string,
): Promise<TCourseDetail | null> {
  const page = await getPublicCoursePage(db, slug);
  if (!page) return null;
  const { course, instructors, rating } = page;
  return {
    ...toListItem(course, currency),
    learningObjectives: course.learningObjectives,
    prerequisites: course.prerequisites,
    createdAt: course.createdAt.toISOString(),
    updatedAt: course.updatedAt.toISOString(),
    rating,
    instructors: instructors.map(({ id, name, role }) => ({ id, name, role })),
    modules: course.modules.map((m) => ({
      id: m.id,
      title: m.title,
      order: m.order,
      duration: m.duration,
      release: {
        kind: m.releaseKind,
        ...(m.releaseDays !== null ? { days: m.releaseDays } : {}),
        ...(m.releaseDate ? { date: new Date(m.releaseDate).toISOString() } : {}),
      },
      lessons: m.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        order: l.order,
        duration: l.duration,
        lessonType: l.lessonType,
      })),
    })),
  };
}
