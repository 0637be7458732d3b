import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { findSitemapCourses } from "@/server/catalog/listings";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";

// Rendered per request: the database is never opened during `next build`, and the list must be current.
export const dynamic = "force-dynamic";

/** The public pages: home, the catalog and every published course (addresses from APP_URL). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const { appUrl } = getEnv();
  const courses = await findSitemapCourses(await getDb());
  return [
    { url: `${appUrl}/`, changeFrequency: "daily", priority: 1 },
    { url: `${appUrl}/courses`, changeFrequency: "daily", priority: 0.9 },
    ...courses.map((c) => ({
      url: `${appUrl}/courses/${c.slug}`,
      lastModified: c.updatedAt,
      changeFrequency: "weekly" as const,
      priority: 0.8,
    })),
  ];
}
