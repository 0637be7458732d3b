import "server-only";
import { desc, sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { courses } from "../db/schema";
import { toListItem } from "./find-catalog-courses";
import type { TCourseListItem } from "./schemas";

/** Short, bounded lists of published courses for the home page and the sitemap; each reads one index. */

const listColumns = {
  id: courses.id,
  slug: courses.slug,
  title: courses.title,
  description: courses.description,
  imageUrl: courses.imageUrl,
  difficulty: courses.difficulty,
  duration: courses.duration,
  price: courses.price,
  featured: courses.featured,
  enrollmentCount: courses.enrollmentCount,
  ratingCount: courses.ratingCount,
  ratingAverage: sql<string>`${courses.ratingAverage}::text`,
};

const bounded = (limit: number) => Math.min(Math.max(Math.trunc(limit), 1), 50);

/** Featured courses (featured implies published), newest first: idx_courses_featured_newest. */
export async function findFeaturedCourses(db: Db, currency: string, limit = 6): Promise<TCourseListItem[]> {
  const rows = await db
    .select(listColumns)
    .from(courses)
    .where(sql`${courses.featured}`)
    .orderBy(desc(courses.createdAt), desc(courses.id))
    .limit(bounded(limit));
  return rows.map((r) => toListItem(r, currency));
}

/** The newest published courses that are not featured (those have their own row): idx_courses_catalog_newest. */
export async function findNewestCourses(db: Db, currency: string, limit = 3): Promise<TCourseListItem[]> {
  const rows = await db
    .select(listColumns)
    .from(courses)
    .where(sql`${courses.published} AND NOT ${courses.featured}`)
    .orderBy(desc(courses.createdAt), desc(courses.id))
    .limit(bounded(limit));
  return rows.map((r) => toListItem(r, currency));
}

/** One sitemap file holds at most 50,000 addresses (sitemaps.org). */
export const SITEMAP_MAX_COURSES = 49_000;

export interface SitemapCourse {
  slug: string;
  updatedAt: Date;
}

/** Every published course's address and last content change, newest first. */
export async function findSitemapCourses(db: Db): Promise<SitemapCourse[]> {
  return db
    .select({ slug: courses.slug, updatedAt: courses.updatedAt })
    .from(courses)
    .where(sql`${courses.published}`)
    .orderBy(desc(courses.createdAt), desc(courses.id))
    .limit(SITEMAP_MAX_COURSES);
}
