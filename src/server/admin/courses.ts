import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { courses } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertRole, type Actor } from "../accounts/actor";
import { ZFeature } from "./schemas";

/** Every course, for admins: drafts included, newest first. */
export async function findAllCourses(db: Db, actor: Actor | null) {
  assertRole(actor, "ADMIN");
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      published: courses.published,
      featured: courses.featured,
      price: courses.price,
      enrollmentCount: courses.enrollmentCount,
      createdAt: courses.createdAt,
    })
    .from(courses)
    .orderBy(desc(courses.createdAt), desc(courses.id))
    .limit(500);
}

/** Features or unfeatures a course; only a published course can be featured (a CHECK says so too). */
export async function setCourseFeatured(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZFeature>,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  const valid = parseInput(ZFeature, input);
  const { courseId, featured } = valid;
  return db.transaction(async (tx) => {
    const [course] = await tx
      .select({ id: courses.id, published: courses.published, featured: courses.featured })
      .from(courses)
      .where(eq(courses.id, courseId))
      .for("no key update");
    if (!course) throw notFound("That course");
    if (featured && !course.published)
      throw new AppError("CONFLICT", { userMessage: "Only a published course can be featured." });
    if (course.featured === featured) return { changed: false };
    await tx.update(courses).set({ featured }).where(eq(courses.id, courseId));
    await recordAudit(
      tx,
      actor,
      {
        action: featured ? "course.featured" : "course.unfeatured",
        entityType: "course",
        entityId: courseId,
        before: { featured: course.featured },
        after: { featured },
      },
      ctx,
    );
    return { changed: true };
  });
}
