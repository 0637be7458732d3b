/**
 * The bare-Node ceiling for `npm run bench:http` (issue 14): node:http and a pg Pool (named prepared
 * statements), answering the hot JSON paths with exactly the statements the platform issues for them
 * (found with PostgreSQL statement logging and read from src/server/catalog, src/server/learning and
 * src/server/auth/adapter.ts; the list is in scripts/bench-http.ts) and the same JSON. Nothing else: no
 * validation library, no logging, no framework. It depends on nothing under src/ on purpose, so changes to
 * the platform's server cannot change the ceiling it is measured against.
 *
 * Environment: DATABASE_URL, CEILING_PORT, CEILING_POOL_SIZE (20), CURRENCY (USD), APP_URL (certificates).
 */
import { createHash, randomInt } from "node:crypto";
import http from "node:http";
import pg from "pg";

const PORT = Number(process.env.CEILING_PORT ?? 3990);
const POOL_SIZE = Number(process.env.CEILING_POOL_SIZE ?? 20);
const CURRENCY = process.env.CURRENCY ?? "USD";
const APP_URL = process.env.APP_URL ?? `http://localhost:${PORT}`;
const SESSION_MAX_AGE_MS = 30 * 86_400_000;
const LAST_SEEN_EVERY_MS = 5 * 60_000;
const FIRST_BEAT_MAX_S = 30;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE, keepAlive: true });
pool.on("error", () => {});

type Row = Record<string, unknown>;
type Queryable = pg.Pool | pg.PoolClient;

/** The platform's statements, as it sends them (Drizzle's text), each prepared once per connection by name. */
const Q = {
  session: `select "sessions"."id", "sessions"."session_token", "sessions"."user_id", "sessions"."expires", "sessions"."created_at", "sessions"."last_seen_at", "sessions"."user_agent", "sessions"."ip", "users"."id", "users"."email", "users"."name", "users"."role", "users"."email_verified", "users"."image", "users"."created_at", "users"."updated_at" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."session_token" = $1`,
  sessionDelete: `delete from "sessions" where "sessions"."id" = $1`,
  sessionSeen: `update "sessions" set "last_seen_at" = $1 where "sessions"."id" = $2`,
  outline: `select "courses"."id", "courses"."slug", "courses"."title", "courses"."description", "courses"."price", "courses"."duration", "courses"."difficulty", "courses"."published", "courses"."featured", "courses"."meta_title", "courses"."meta_description", "courses"."image_url", "courses"."learning_objectives", "courses"."prerequisites", "courses"."created_at", "courses"."updated_at", "courses"."enrollment_count", "courses"."rating_count", "courses"."rating_average"::text, "modules"."id", "modules"."title", "modules"."description", "modules"."order", "modules"."duration", "modules"."published", "modules"."release_kind", "modules"."release_days", "modules"."release_date", "lessons"."id", "lessons"."title", "lessons"."description", "lessons"."order", "lessons"."duration", "lessons"."lesson_type" from "courses" left join "modules" on ("modules"."course_id" = "courses"."id" and "modules"."published" = $1) left join "lessons" on "lessons"."module_id" = "modules"."id" where "courses"."slug" = $2 order by "modules"."order" asc, "lessons"."order" asc`,
  instructors: `select "users"."id", "users"."name", "users"."email", "users"."image", "course_instructors"."role" from "course_instructors" inner join "users" on "users"."id" = "course_instructors"."user_id" where "course_instructors"."course_id" = $1 order by "course_instructors"."role" asc, "course_instructors"."created_at" asc`,
  rating: `SELECT rating, count FROM course_rating_counts WHERE course_id = $1 AND count > 0`,
  catalog: `select "id", "slug", "title", "description", "image_url", "difficulty", "duration", "price", "featured", "enrollment_count", "rating_count", "rating_average"::text, to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 0::float8 from "courses" where "courses"."published" order by "courses"."created_at" desc, "courses"."id" desc limit $1`,
  myEnrollments: `select "enrollments"."id", "enrollments"."course_id", "courses"."slug", "courses"."title", "courses"."image_url", "enrollments"."status", "enrollments"."progress_percentage", "enrollments"."enrolled_at", "enrollments"."completed_at", "enrollments"."last_accessed_at", coalesce(
    (SELECT up.lesson_id FROM user_progress up JOIN lessons l ON l.id = up.lesson_id
       JOIN modules m ON m.id = l.module_id AND m.published
     WHERE up.user_id = "enrollments"."user_id" AND up.course_id = "enrollments"."course_id"
       AND up.lesson_id IS NOT NULL AND NOT up.completed
     ORDER BY up.updated_at DESC LIMIT 1),
    (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
       LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = "enrollments"."user_id"
     WHERE m.course_id = "enrollments"."course_id" AND coalesce(up.completed, false) = false
     ORDER BY m."order", l."order" LIMIT 1),
    (SELECT l.id FROM lessons l JOIN modules m ON m.id = l.module_id AND m.published
     WHERE m.course_id = "enrollments"."course_id" ORDER BY m."order", l."order" LIMIT 1)), "certificates"."certificate_number" from "enrollments" inner join "courses" on "courses"."id" = "enrollments"."course_id" left join "certificates" on ("certificates"."user_id" = "enrollments"."user_id" and "certificates"."course_id" = "enrollments"."course_id") where "enrollments"."user_id" = $1 order by coalesce("enrollments"."last_accessed_at", "enrollments"."enrolled_at") desc, "enrollments"."id" asc`,
  lessonWhere: `select "lessons"."module_id", "modules"."course_id" from "lessons" inner join "modules" on ("modules"."id" = "lessons"."module_id" and "modules"."published" = $1) inner join "courses" on "courses"."id" = "modules"."course_id" where "lessons"."id" = $2`,
  lockTarget: `SELECT l.module_id, m.course_id, e.id, e.status,
               (l.lesson_type = 'QUIZ' AND EXISTS (SELECT 1 FROM quiz_questions q
                 WHERE q.lesson_id = l.id AND q.deleted_at IS NULL)
                OR l.lesson_type = 'ASSIGNMENT' AND EXISTS (SELECT 1 FROM assignments a WHERE a.lesson_id = l.id))
                 AS assessed,
               coalesce((SELECT up.completed FROM user_progress up
                         WHERE up.user_id = e.user_id AND up.lesson_id = l.id), false) AS done
          FROM lessons l
          JOIN modules m ON m.id = l.module_id AND m.published
          JOIN courses c ON c.id = m.course_id
          JOIN enrollments e ON e.course_id = m.course_id AND e.user_id = $1
          WHERE l.id = $2
          FOR UPDATE OF e`,
  progressUpsert: `INSERT INTO user_progress AS up (user_id, course_id, module_id, lesson_id, completed, completed_at, time_spent)
          VALUES ($1, $2, $3, $4, coalesce($5::boolean, false),
                  CASE WHEN $6::boolean THEN $7::timestamptz END, least($8::int, $9::int))
          ON CONFLICT (user_id, lesson_id) WHERE lesson_id IS NOT NULL DO UPDATE SET
            completed = coalesce($10::boolean, up.completed),
            completed_at = CASE WHEN coalesce($11::boolean, up.completed)
                                THEN coalesce(up.completed_at, $12::timestamptz) END,
            time_spent = up.time_spent + greatest(0, least($13::int,
                           floor(extract(epoch FROM $14::timestamptz - up.updated_at))::int)),
            updated_at = $15::timestamptz
          RETURNING completed, time_spent`,
  moduleRow: `
      INSERT INTO user_progress (user_id, course_id, module_id, completed, completed_at)
      SELECT $1, $2, $3, s.done = s.total, CASE WHEN s.done = s.total THEN $4::timestamptz END
      FROM (SELECT count(*) AS total, count(up.id) FILTER (WHERE up.completed) AS done
            FROM lessons l LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = $5
            WHERE l.module_id = $6) s
      ON CONFLICT (user_id, module_id) WHERE lesson_id IS NULL AND module_id IS NOT NULL
      DO UPDATE SET completed = EXCLUDED.completed,
                    completed_at = CASE WHEN EXCLUDED.completed THEN coalesce(user_progress.completed_at, EXCLUDED.completed_at) END`,
  applyProgress: `WITH c AS (
          SELECT count(l.id)::int AS total, count(up.id)::int AS done
          FROM modules m
          JOIN lessons l ON l.module_id = m.id
          LEFT JOIN user_progress up ON up.lesson_id = l.id AND up.user_id = $1 AND up.completed
          WHERE m.course_id = $2 AND m.published
        ), p AS (SELECT CASE WHEN c.total = 0 THEN 0 ELSE least(100, (c.done * 100) / c.total) END AS pct FROM c)
        UPDATE enrollments SET
          progress_percentage = p.pct,
          last_accessed_at = $3::timestamptz,
          status = CASE WHEN enrollments.status = 'ACTIVE' AND p.pct = 100
                        THEN 'COMPLETED'::enrollment_status ELSE enrollments.status END,
          completed_at = CASE WHEN enrollments.status = 'ACTIVE' AND p.pct = 100
                              THEN $4::timestamptz ELSE enrollments.completed_at END
        FROM p
        WHERE enrollments.id = $5
        RETURNING enrollments.status, enrollments.progress_percentage`,
  certificateUser: `select "name", "email_verified" from "users" where "users"."id" = $1`,
  certificatePending: `select "enrollments"."course_id", "enrollments"."completed_at", "courses"."title" from "enrollments" inner join "courses" on "courses"."id" = "enrollments"."course_id" left join "certificates" on ("certificates"."user_id" = $1 and "certificates"."course_id" = "enrollments"."course_id") where ("enrollments"."user_id" = $2 and "enrollments"."status" = $3 and "certificates"."id" is null)`,
  certificateInsert: `insert into "certificates" ("id", "user_id", "course_id", "issued_at", "certificate_number", "verification_url", "holder_name", "course_title", "revoked_at") values (default, $1, $2, $3, $4, $5, $6, $7, default) on conflict ("user_id","course_id") do nothing returning "id"`,
  certificateRevalidate: `
    UPDATE certificates c SET revoked_at = NULL
    FROM enrollments e
    WHERE e.user_id = c.user_id AND e.course_id = c.course_id AND e.status = 'COMPLETED'
      AND c.user_id = $1 AND c.revoked_at IS NOT NULL`,
} as const;

type StatementName = keyof typeof Q;

/** Rows as arrays (Drizzle's mode too: several selected columns share a name, like "id"). */
async function rows(db: Queryable, name: StatementName, values: unknown[]): Promise<unknown[][]> {
  const result = await db.query({ name, text: Q[name], values, rowMode: "array" });
  return result.rows as unknown[][];
}

async function objects<T extends Row>(db: Queryable, name: StatementName, values: unknown[]): Promise<T[]> {
  const result = await db.query<T>({ name, text: Q[name], values });
  return result.rows;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

interface Actor {
  id: string;
}

async function actorOf(req: http.IncomingMessage): Promise<Actor | null> {
  const cookie = req.headers.cookie ?? "";
  const m = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=([^;]*)/.exec(cookie);
  const token = m?.[1];
  if (!token || token.length > 200) return null;
  const [row] = await rows(pool, "session", [token]);
  if (!row) return null;
  const [sessionId, , , expires, createdAt, lastSeenAt, , , userId] = row as [
    string,
    string,
    string,
    Date,
    Date,
    Date | null,
    unknown,
    unknown,
    string,
  ];
  const now = Date.now();
  if (createdAt.getTime() + SESSION_MAX_AGE_MS <= now || expires.getTime() <= now) {
    await rows(pool, "sessionDelete", [sessionId]);
    return null;
  }
  if (!lastSeenAt || now - lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await rows(pool, "sessionSeen", [new Date(now), sessionId]);
  }
  return { id: userId };
}

function ratingAverageOf(sum: number, count: number): string {
  if (count === 0) return "0.00";
  const hundredths = Math.floor((sum * 200 + count) / (2 * count));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

function listItem(r: {
  id: unknown;
  slug: unknown;
  title: unknown;
  description: unknown;
  imageUrl: unknown;
  difficulty: unknown;
  duration: unknown;
  price: unknown;
  featured: unknown;
  enrollmentCount: unknown;
  ratingCount: number;
  ratingAverage: string;
}) {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    imageUrl: r.imageUrl,
    difficulty: r.difficulty,
    duration: r.duration,
    price: r.price,
    currency: CURRENCY,
    featured: r.featured,
    enrollmentCount: r.enrollmentCount,
    ratingAverage: r.ratingCount > 0 ? Number(r.ratingAverage) : null,
    ratingCount: r.ratingCount,
  };
}

async function getCourse(slug: string) {
  const outline = await rows(pool, "outline", [true, slug]);
  const first = outline[0];
  if (!first || first[7] !== true) throw new HttpError(404, "NOT_FOUND");
  const courseId = first[0] as string;
  const [instructors, ratings] = await Promise.all([
    objects<{ id: string; name: string | null; email: string; role: string }>(pool, "instructors", [
      courseId,
    ]),
    objects<{ rating: number; count: number }>(pool, "rating", [courseId]),
  ]);
  const byRating = new Map(ratings.map((r) => [r.rating, r.count]));
  const histogram = [5, 4, 3, 2, 1].map((rating) => ({ rating, count: byRating.get(rating) ?? 0 }));
  const count = histogram.reduce((n, h) => n + h.count, 0);
  const sum = histogram.reduce((n, h) => n + h.rating * h.count, 0);
  const modules: {
    id: unknown;
    title: unknown;
    order: unknown;
    duration: unknown;
    release: Record<string, unknown>;
    lessons: unknown[];
  }[] = [];
  for (const r of outline) {
    if (r[19] === null) continue;
    if (modules.at(-1)?.id !== r[19]) {
      // As the platform's course JSON: the release rule, with its days or date when it has them.
      const release = {
        kind: r[25],
        ...(r[26] !== null ? { days: r[26] } : {}),
        ...(r[27] ? { date: new Date(r[27] as string).toISOString() } : {}),
      };
      modules.push({ id: r[19], title: r[20], order: r[22], duration: r[23], release, lessons: [] });
    }
    if (r[28] !== null) {
      modules
        .at(-1)!
        .lessons.push({ id: r[28], title: r[29], order: r[31], duration: r[32], lessonType: r[33] });
    }
  }
  return {
    ...listItem({
      id: first[0],
      slug: first[1],
      title: first[2],
      description: first[3],
      imageUrl: first[11],
      difficulty: first[6],
      duration: first[5],
      price: first[4],
      featured: first[8],
      enrollmentCount: first[16],
      ratingCount: first[17] as number,
      ratingAverage: first[18] as string,
    }),
    learningObjectives: first[12],
    prerequisites: first[13],
    createdAt: (first[14] as Date).toISOString(),
    updatedAt: (first[15] as Date).toISOString(),
    rating: { average: count > 0 ? Number(ratingAverageOf(sum, count)) : null, count, histogram },
    instructors: instructors.map((i) => ({ id: i.id, name: i.name ?? i.email.split("@")[0]!, role: i.role })),
    modules,
  };
}

/** The catalog's scope for the default listing (newest, no filters), as src/server/catalog/cursor.ts makes it. */
const NEWEST_SCOPE = `newest:${createHash("sha256")
  .update(
    JSON.stringify([["difficulty"], ["maxPrice"], ["minPrice"], ["price"], ["q"]].map(([k]) => [k, null])),
  )
  .digest("base64url")
  .slice(0, 12)}`;

async function listCourses(limit: number) {
  const found = await rows(pool, "catalog", [limit + 1]);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    found.length > limit && last
      ? Buffer.from(JSON.stringify({ v: 1, k: [last[12], last[0]], s: NEWEST_SCOPE })).toString("base64url")
      : null;
  return {
    items: page.map((r) =>
      listItem({
        id: r[0],
        slug: r[1],
        title: r[2],
        description: r[3],
        imageUrl: r[4],
        difficulty: r[5],
        duration: r[6],
        price: r[7],
        featured: r[8],
        enrollmentCount: r[9],
        ratingCount: r[10] as number,
        ratingAverage: r[11] as string,
      }),
    ),
    nextCursor,
  };
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

async function myEnrollments(actor: Actor) {
  const found = await rows(pool, "myEnrollments", [actor.id]);
  return {
    items: found.map((r) => ({
      id: r[0],
      courseId: r[1],
      courseSlug: r[2],
      courseTitle: r[3],
      status: r[5],
      progressPercentage: r[6],
      enrolledAt: iso(r[7]),
      completedAt: iso(r[8]),
      lastAccessedAt: iso(r[9]),
      resumeLessonId: r[10],
    })),
  };
}

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const times2 = (x: number) => ((x << 1) ^ (x & 0x10 ? 0x25 : 0)) & 0x1f;

function certificateNumber(year: number): string {
  const body = Array.from({ length: 11 }, () => ALPHABET[randomInt(32)]).join("");
  let interim = 0;
  for (const ch of `${year}${body}`) interim = times2(interim) ^ ALPHABET.indexOf(ch);
  const full = body + ALPHABET[times2(interim)];
  return `AIW-${year}-${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8)}`;
}

async function issuePendingCertificates(tx: pg.PoolClient, userId: string): Promise<number> {
  const [user] = await objects<{ name: string | null; email_verified: Date | null }>(tx, "certificateUser", [
    userId,
  ]);
  if (!user?.email_verified || !user.name?.trim()) return 0;
  const pending = await objects<{ course_id: string; title: string }>(tx, "certificatePending", [
    userId,
    userId,
    "COMPLETED",
  ]);
  let issued = 0;
  for (const p of pending) {
    const now = new Date();
    const number = certificateNumber(now.getUTCFullYear());
    const inserted = await rows(tx, "certificateInsert", [
      userId,
      p.course_id,
      now,
      number,
      `${APP_URL}/certificates/${number}`,
      user.name.trim(),
      p.title,
    ]);
    issued += inserted.length;
  }
  await rows(tx, "certificateRevalidate", [userId]);
  return issued;
}

async function setLessonProgress(
  actor: Actor,
  lessonId: string,
  completed?: boolean,
  timeSpentSeconds?: number,
) {
  const tx = await pool.connect();
  let broken = false;
  try {
    await tx.query("begin");
    const [target] = await objects<{ module_id: string; course_id: string; id: string; status: string }>(
      tx,
      "lockTarget",
      [actor.id, lessonId],
    );
    if (!target || (target.status !== "ACTIVE" && target.status !== "COMPLETED")) {
      if (!target && (await rows(tx, "lessonWhere", [true, lessonId])).length === 0) {
        throw new HttpError(404, "NOT_FOUND");
      }
      throw new HttpError(403, "FORBIDDEN");
    }
    const { module_id: moduleId, course_id: courseId } = target;
    const now = new Date();
    const c = completed ?? null;
    const t = timeSpentSeconds ?? 0;
    const [row] = await objects<{ completed: boolean; time_spent: number }>(tx, "progressUpsert", [
      actor.id,
      courseId,
      moduleId,
      lessonId,
      c,
      c,
      now,
      t,
      FIRST_BEAT_MAX_S,
      c,
      c,
      now,
      t,
      now,
      now,
    ]);
    await rows(tx, "moduleRow", [actor.id, courseId, moduleId, now, actor.id, moduleId]);
    const [updated] = await objects<{ status: string; progress_percentage: number }>(tx, "applyProgress", [
      actor.id,
      courseId,
      now,
      now,
      target.id,
    ]);
    if (target.status === "ACTIVE" && updated!.status === "COMPLETED")
      await issuePendingCertificates(tx, actor.id);
    await tx.query("commit");
    return {
      lessonProgress: { completed: row!.completed, timeSpent: row!.time_spent },
      enrollment: { status: updated!.status, progressPercentage: updated!.progress_percentage },
    };
  } catch (e) {
    // A connection that cannot even roll back is dropped from the pool.
    await tx.query("rollback").catch(() => (broken = true));
    throw e;
  } finally {
    tx.release(broken);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) reject(new HttpError(400, "MALFORMED_REQUEST"));
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

const COURSE = /^\/api\/v1\/courses\/([^/]+)$/;
const PROGRESS = /^\/api\/v1\/lessons\/([^/]+)\/progress$/;

async function route(req: http.IncomingMessage): Promise<unknown> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q >= 0 ? url.slice(0, q) : url;
  if (req.method === "GET" && pathname === "/api/health") return { status: "ok" };
  if (req.method === "GET" && pathname === "/api/v1/courses") {
    const limit = Number(new URLSearchParams(q >= 0 ? url.slice(q + 1) : "").get("limit") ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new HttpError(422, "INVALID_INPUT");
    return listCourses(limit);
  }
  const course = COURSE.exec(pathname);
  if (req.method === "GET" && course) return getCourse(decodeURIComponent(course[1]!));
  if (req.method === "GET" && pathname === "/api/v1/me/enrollments") {
    const actor = await actorOf(req);
    if (!actor) throw new HttpError(401, "UNAUTHENTICATED");
    return myEnrollments(actor);
  }
  const progress = PROGRESS.exec(pathname);
  if (req.method === "PUT" && progress) {
    const actor = await actorOf(req);
    if (!actor) throw new HttpError(401, "UNAUTHENTICATED");
    let body: { completed?: unknown; timeSpentSeconds?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      throw new HttpError(400, "MALFORMED_REQUEST");
    }
    const completed = typeof body.completed === "boolean" ? body.completed : undefined;
    const seconds = typeof body.timeSpentSeconds === "number" ? body.timeSpentSeconds : undefined;
    if (completed === undefined && seconds === undefined) throw new HttpError(422, "INVALID_INPUT");
    return setLessonProgress(actor, decodeURIComponent(progress[1]!), completed, seconds);
  }
  throw new HttpError(404, "NOT_FOUND");
}

const server = http.createServer((req, res) => {
  route(req).then(
    (body) => {
      const text = JSON.stringify(body);
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
    },
    (e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const code = e instanceof HttpError ? e.code : "INTERNAL";
      if (status === 500) console.error(e);
      const text = JSON.stringify({ error: { code, message: code } });
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(text);
    },
  );
});
server.keepAliveTimeout = 65_000;

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);

server.listen(PORT, "127.0.0.1", () => {
  console.log(JSON.stringify({ msg: "ceiling listening", port: PORT, pool: POOL_SIZE }));
});
