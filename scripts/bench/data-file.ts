/** bench/.data.json: what `npm run bench:data` generated, for `npm run bench:http`. */

export interface BenchSession {
  token: string;
  userId: string;
  courseSlug: string;
  courseId: string;
  /** A lesson of that course the user has not completed (the first in order; the first lesson if all are). */
  lessonId: string;
  /** Every lesson of that course, in course order. */
  lessonIds: string[];
}

export interface BenchData {
  generatedAt: string;
  database: string;
  sizes: Record<string, number>;
  /** Published courses, newest first. */
  courseSlugs: string[];
  sessions: BenchSession[];
}
