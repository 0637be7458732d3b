import type { Client, Options, Request } from "autocannon";
import type { BenchData, BenchSession } from "./data-file";
import type { BenchServer } from "./servers";

/**
 * The hot paths of issue 14. JSON paths run against the ceiling and the platform, HTML pages against the
 * platform only. Every run walks the data the same way (course slugs and sessions in a fixed rotation), so the
 * two servers see the same requests.
 */
export interface Scenario {
  name: string;
  /** What the table shows. */
  label: string;
  /** Measured against the bare-Node ceiling too. */
  ceiling: boolean;
  options: (target: BenchServer, users: UserPool) => Omit<Options, "url" | "connections" | "duration">;
  /**
   * Every distinct page of the rotation, requested once before the warm-up: the measurement is of the steady
   * state of a platform whose pages have been opened before (the page cache filled, each lesson's HTML
   * rendered once per version), not of its first minute after a start.
   */
  prime?: () => { path: string; headers?: Record<string, string> }[];
}

const cookie = (s: BenchSession) => `authjs.session-token=${s.token}`;

function rotate<T>(items: readonly T[], start = 0): () => T {
  let i = start;
  return () => items[i++ % items.length]!;
}

/**
 * Hands out session users for the lesson-completion runs: every run (warm-up and each round, ceiling and
 * platform alike) gets users nobody completed lessons for yet, one per connection, so each completion takes
 * the real enrollment lock without queueing behind another connection's. Wraps around, saying so, when the
 * data has too few sessions.
 */
export class UserPool {
  private next = 0;
  wrapped = false;

  constructor(private readonly sessions: readonly BenchSession[]) {}

  take(): BenchSession {
    if (this.next >= this.sessions.length) {
      this.next = 0;
      this.wrapped = true;
    }
    return this.sessions[this.next++]!;
  }
}

/** A connection's completions: its own user, cycling through that user's course from the lesson to do next. */
function progressClient(target: BenchServer, users: UserPool) {
  return (client: Client) => {
    const user = users.take();
    const start = Math.max(0, user.lessonIds.indexOf(user.lessonId));
    const lesson = rotate(user.lessonIds, start);
    const headers = {
      cookie: cookie(user),
      origin: target.origin,
      "content-type": "application/json",
    };
    client.setRequests([
      {
        method: "PUT",
        setupRequest: (req) => ({
          ...req,
          path: `/api/v1/lessons/${lesson()}/progress`,
          headers,
          body: '{"completed":true}',
        }),
      },
    ]);
  };
}

export function scenarios(data: BenchData): Scenario[] {
  const slugs = data.courseSlugs;
  // The last session is kept out of every rotation: the response check uses it.
  const sessions = data.sessions.slice(0, -1);
  const perRequest = (build: () => Request): Request => ({ setupRequest: (req) => ({ ...req, ...build() }) });
  return [
    {
      name: "catalog",
      label: "GET /api/v1/courses",
      ceiling: true,
      options: () => ({ requests: [{ method: "GET", path: "/api/v1/courses" }] }),
    },
    {
      name: "course",
      label: "GET /api/v1/courses/{slug}",
      ceiling: true,
      options: () => {
        const slug = rotate(slugs);
        return { requests: [perRequest(() => ({ method: "GET", path: `/api/v1/courses/${slug()}` }))] };
      },
    },
    {
      name: "enrollments",
      label: "GET /api/v1/me/enrollments",
      ceiling: true,
      options: () => {
        const session = rotate(sessions);
        return {
          requests: [
            perRequest(() => ({
              method: "GET",
              path: "/api/v1/me/enrollments",
              headers: { cookie: cookie(session()) },
            })),
          ],
        };
      },
    },
    {
      name: "progress",
      label: "PUT /api/v1/lessons/{id}/progress",
      ceiling: true,
      options: (target, users) => ({ setupClient: progressClient(target, users) }),
    },
    {
      name: "course-page",
      label: "/courses/{slug} HTML, anonymous",
      ceiling: false,
      options: () => {
        const slug = rotate(slugs);
        return { requests: [perRequest(() => ({ method: "GET", path: `/courses/${slug()}` }))] };
      },
      prime: () => slugs.map((slug) => ({ path: `/courses/${slug}` })),
    },
    {
      name: "lesson-page",
      label: "/learn/{slug}/{lesson} HTML, signed in",
      ceiling: false,
      options: () => {
        const session = rotate(sessions);
        return {
          requests: [
            perRequest(() => {
              const s = session();
              return {
                method: "GET",
                path: `/learn/${s.courseSlug}/${s.lessonId}`,
                headers: { cookie: cookie(s) },
              };
            }),
          ],
        };
      },
      prime: () => {
        const byLesson = new Map(sessions.map((s) => [s.lessonId, s]));
        return [...byLesson.values()].map((s) => ({
          path: `/learn/${s.courseSlug}/${s.lessonId}`,
          headers: { cookie: cookie(s) },
        }));
      },
    },
  ];
}

/**
 * The soak's mix (platform only): every connection cycles through the catalog, a course, its enrollments, a
 * completion, a course page and a lesson page, as its own user.
 */
export function mixedLoad(
  data: BenchData,
  target: BenchServer,
  users: UserPool,
): Pick<Options, "setupClient"> {
  const slug = rotate(data.courseSlugs);
  return {
    setupClient: (client: Client) => {
      const user = users.take();
      const lesson = rotate(user.lessonIds, Math.max(0, user.lessonIds.indexOf(user.lessonId)));
      const signedIn = { cookie: cookie(user) };
      client.setRequests([
        { method: "GET", path: "/api/v1/courses" },
        { setupRequest: (req) => ({ ...req, method: "GET", path: `/api/v1/courses/${slug()}` }) },
        { method: "GET", path: "/api/v1/me/enrollments", headers: signedIn },
        {
          setupRequest: (req) => ({
            ...req,
            method: "PUT",
            path: `/api/v1/lessons/${lesson()}/progress`,
            headers: { ...signedIn, origin: target.origin, "content-type": "application/json" },
            body: '{"completed":true}',
          }),
        },
        { setupRequest: (req) => ({ ...req, method: "GET", path: `/courses/${slug()}` }) },
        { method: "GET", path: `/learn/${user.courseSlug}/${user.lessonId}`, headers: signedIn },
      ]);
    },
  };
}
