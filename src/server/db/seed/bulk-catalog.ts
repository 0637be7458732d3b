import { sql } from "drizzle-orm";
import type { Db } from "../types";

/**
 * A large generated catalog for query plans and benchmarks: `courses` courses (nine in ten published,
 * about one in a hundred featured) with `modulesPerCourse` modules of `lessonsPerModule` lessons each,
 * inserted in bulk by generate_series (three statements), then ANALYZEd. Titles combine 24 topics with 12
 * formats, so a topic word matches about 4 % of the catalog.
 *
 * The counters are synthetic (spread deterministically), not derived from enrollment rows: this data is for
 * planning and timing reads, not for checking counters.
 */
export interface BulkCatalogOptions {
  courses: number;
  modulesPerCourse?: number;
  lessonsPerModule?: number;
  /** Slug prefix; lets several generated catalogs live side by side. */
  prefix?: string;
}

export const TOPICS = [
  "Retrieval",
  "Embeddings",
  "Transformers",
  "Diffusion",
  "Reinforcement",
  "Forecasting",
  "Clustering",
  "Regression",
  "Classification",
  "Recommendation",
  "Vision",
  "Speech",
  "Translation",
  "Summarization",
  "Agents",
  "Evaluation",
  "Fairness",
  "Privacy",
  "Robotics",
  "Optimization",
  "Statistics",
  "Prompting",
  "Finetuning",
  "Deployment",
];
export const FORMATS = [
  "Foundations",
  "in Practice",
  "Bootcamp",
  "Deep Dive",
  "for Engineers",
  "for Managers",
  "Workshop",
  "Masterclass",
  "Essentials",
  "Projects",
  "Patterns",
  "Crash Course",
];

const textArray = (values: string[]) => sql.raw(`ARRAY[${values.map((v) => `'${v}'`).join(", ")}]::text[]`);

export async function generateBulkCatalog(db: Db, opts: BulkCatalogOptions): Promise<void> {
  const n = opts.courses;
  const modulesPer = opts.modulesPerCourse ?? 3;
  const lessonsPer = opts.lessonsPerModule ?? 3;
  const prefix = opts.prefix ?? "bulk";
  await db.execute(sql`
    INSERT INTO courses (id, title, description, slug, price, duration, difficulty, published, featured,
                         image_url, created_at, updated_at, enrollment_count, rating_count, rating_average)
    SELECT md5(${prefix} || '-course-' || i)::uuid::varchar,
           topic || ' ' || format || ' ' || i,
           'A hands-on ' || lower(topic) || ' course: ' || lower(format) || ' with exercises, case studies '
             || 'and a final project. Lesson ' || (i % 97) || ' of the series covers '
             || lower((${textArray(TOPICS)})[1 + (i * 7) % 24]) || '.',
           ${prefix} || '-course-' || i,
           (ARRAY[0, 0, 1900, 2900, 4900, 7900, 9900, 14900, 19900, 29900])[1 + (i * 7) % 10],
           ${modulesPer * lessonsPer * 20}::int,
           (ARRAY['BEGINNER', 'INTERMEDIATE', 'ADVANCED', 'EXPERT']::difficulty_enum[])[1 + (i / 3) % 4],
           i % 10 <> 0,
           i % 10 <> 0 AND i % 97 = 0,
           NULL,
           now() - i * interval '37 minutes' - (i % 1000) * interval '1 microsecond',
           now() - i * interval '11 minutes',
           (i * 7919) % 5000,
           CASE WHEN i % 7 = 0 THEN 0 ELSE (i * 104729) % 800 + 1 END,
           CASE WHEN i % 7 = 0 THEN 0 ELSE 1 + ((i * 31) % 401) / 100.0 END
    FROM generate_series(1, ${n}::int) AS i,
         LATERAL (SELECT (${textArray(TOPICS)})[1 + i % 24] AS topic,
                         (${textArray(FORMATS)})[1 + (i / 24) % 12] AS format) AS words`);
  await db.execute(sql`
    INSERT INTO modules (id, course_id, title, description, "order", duration, published)
    SELECT md5(${prefix} || '-module-' || i || '-' || m)::uuid::varchar,
           md5(${prefix} || '-course-' || i)::uuid::varchar,
           'Module ' || m, 'Part ' || m || ' of the course.', m, ${lessonsPer}::int * 20, true
    FROM generate_series(1, ${n}::int) AS i, generate_series(1, ${modulesPer}::int) AS m`);
  await db.execute(sql`
    INSERT INTO lessons (id, module_id, title, description, content, "order", duration, lesson_type)
    SELECT md5(${prefix} || '-lesson-' || i || '-' || m || '-' || l)::uuid::varchar,
           md5(${prefix} || '-module-' || i || '-' || m)::uuid::varchar,
           'Lesson ' || l, NULL, '## Lesson ' || l || E'\n\nGenerated content.', l, 20,
           (ARRAY['TEXT', 'VIDEO', 'INTERACTIVE', 'ASSIGNMENT', 'QUIZ']::lesson_type_enum[])[1 + (i + l) % 5]
    FROM generate_series(1, ${n}::int) AS i, generate_series(1, ${modulesPer}::int) AS m,
         generate_series(1, ${lessonsPer}::int) AS l`);
  await db.execute(sql`ANALYZE`);
}
