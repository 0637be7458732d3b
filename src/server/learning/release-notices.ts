import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { queryRows } from "../db/rows";
import { actionEmail, sendMail } from "../accounts/mailer";
import { getEnv } from "../env";
import { logger } from "../log";
import { moduleOpensAt } from "./lesson-access";

/** Modules that opened longer ago than this get no e-mail (an enrollment made long after needs none). */
const RECENT_DAYS = 7;
const BATCH = 200;

/**
 * The "a module is open" e-mail (docs/decisions.md, "Scheduled release"): for each student with access whose
 * scheduled module opened in the last week and who has not been told, the notice row is claimed first (its
 * primary key decides, committed before sending), then the e-mail goes out. At most once per student and
 * module, whatever the number of instances; the job runs under the scheduler's advisory lock besides. Returns
 * how many were sent.
 */
export async function sendModuleReleaseNotices(
  db: Db,
  now = new Date(),
): Promise<{ sent: number; failed: number }> {
  const due = await queryRows<{
    user_id: string;
    email: string;
    module_id: string;
    module_title: string;
    course_title: string;
    slug: string;
    lesson_id: string | null;
  }>(
    db,
    sql`SELECT e.user_id, u.email, m.id AS module_id, m.title AS module_title, c.title AS course_title, c.slug,
               (SELECT l.id FROM lessons l WHERE l.module_id = m.id ORDER BY l."order" LIMIT 1) AS lesson_id
          FROM modules m
          JOIN courses c ON c.id = m.course_id
          JOIN enrollments e ON e.course_id = m.course_id AND e.status IN ('ACTIVE', 'COMPLETED')
          JOIN users u ON u.id = e.user_id
         WHERE m.published AND m.release_kind <> 'immediate'
           AND ${moduleOpensAt()} <= ${now}
           AND ${moduleOpensAt()} > ${now}::timestamptz - make_interval(days => ${RECENT_DAYS})
           AND NOT EXISTS (SELECT 1 FROM module_release_notices n WHERE n.user_id = e.user_id AND n.module_id = m.id)
         ORDER BY m.id, e.user_id
         LIMIT ${BATCH}`,
  );
  const appUrl = getEnv().appUrl;
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    const claimed = await queryRows<{ user_id: string }>(
      db,
      sql`INSERT INTO module_release_notices (user_id, module_id, sent_at) VALUES (${row.user_id}, ${row.module_id}, ${now})
          ON CONFLICT DO NOTHING RETURNING user_id`,
    );
    if (claimed.length === 0) continue;
    const url = row.lesson_id
      ? `${appUrl}/learn/${row.slug}/${row.lesson_id}`
      : `${appUrl}/courses/${row.slug}`;
    try {
      await sendMail(
        db,
        actionEmail({
          to: row.email,
          subject: `Now open: ${row.module_title} (${row.course_title})`,
          heading: `“${row.module_title}” is open`,
          intro: `The next part of ${row.course_title} is ready for you.`,
          button: "Start the module",
          url,
          footer: "You receive this because you are enrolled in the course.",
        }),
      );
      sent++;
    } catch (e) {
      // Claimed, so never sent twice; a failure is logged and not retried (the module is open either way).
      failed++;
      logger.warn("module release e-mail failed", { moduleId: row.module_id, err: e });
    }
  }
  if (sent || failed) logger.info("module release notices", { sent, failed });
  return { sent, failed };
}
